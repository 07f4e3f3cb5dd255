-- khabar's schema, version 1. Times are Unix seconds (UTC).

-- Subscribed feeds and their fetch state.
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    title         TEXT,                        -- given by the config or `feeds add --title`
    feed_title    TEXT,                        -- the feed's own title, from the last fetch
    site_link     TEXT,
    full_text     TEXT NOT NULL DEFAULT 'auto' CHECK (full_text IN ('auto', 'always', 'never')),
    from_config   INTEGER NOT NULL DEFAULT 0,  -- 1: listed in config.toml
    added_at      INTEGER NOT NULL,
    etag          TEXT,                        -- validators for conditional GET
    last_modified TEXT,
    last_attempt  INTEGER,
    last_success  INTEGER,
    last_status   TEXT,                        -- 'ok', 'not modified' or the error
    failures      INTEGER NOT NULL DEFAULT 0,  -- consecutive failures
    next_attempt  INTEGER,                     -- backed off until then
    article_count INTEGER NOT NULL DEFAULT 0,  -- kept by the triggers on articles
    unread_count  INTEGER NOT NULL DEFAULT 0
);

-- Articles, unique per feed by key (guid, else link, else a hash of title and text). The
-- texts live in `article_texts`, so that the rows that lists, filters and counts walk stay
-- small.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    published       INTEGER NOT NULL,
    read            INTEGER NOT NULL DEFAULT 0,
    starred         INTEGER NOT NULL DEFAULT 0,
    primary_event   TEXT,                      -- copied from the summary for list rows
    top_place       TEXT,
    title           TEXT NOT NULL,
    link            TEXT,
    guid            TEXT,
    author          TEXT,
    fetched_at      INTEGER NOT NULL,
    full_text_error TEXT,
    UNIQUE (feed_id, key)
);
CREATE INDEX articles_by_date ON articles (published DESC, id DESC);
CREATE INDEX articles_by_feed ON articles (feed_id, published DESC, id DESC);
CREATE INDEX articles_unread ON articles (published DESC, id DESC) WHERE read = 0;
CREATE INDEX articles_starred ON articles (published DESC, id DESC) WHERE starred = 1;

CREATE TRIGGER articles_counted AFTER INSERT ON articles BEGIN
    UPDATE feeds SET article_count = article_count + 1,
                     unread_count = unread_count + (NEW.read = 0)
    WHERE id = NEW.feed_id;
END;
CREATE TRIGGER articles_uncounted AFTER DELETE ON articles BEGIN
    UPDATE feeds SET article_count = article_count - 1,
                     unread_count = unread_count - (OLD.read = 0)
    WHERE id = OLD.feed_id;
END;
CREATE TRIGGER articles_read_counted AFTER UPDATE OF read ON articles
WHEN (OLD.read = 0) <> (NEW.read = 0) BEGIN
    UPDATE feeds SET unread_count = unread_count + (NEW.read = 0) - (OLD.read = 0)
    WHERE id = NEW.feed_id;
END;

CREATE TABLE article_texts (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    teaser     TEXT NOT NULL,
    text       TEXT NOT NULL,                  -- the page's main text, or the feed's text
    feed_text  TEXT                            -- the feed's text when `text` is the page's
);

-- One summary per article, as the engine's JSON, with the engine version that wrote it.
CREATE TABLE summaries (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    engine     TEXT NOT NULL,
    json       TEXT NOT NULL
);
CREATE INDEX summaries_by_engine ON summaries (engine);

-- Places and actors, one row per folded name.
CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('place', 'actor')),
    key           TEXT NOT NULL,               -- khabar::extract::fold(name)
    name          TEXT NOT NULL,               -- display name, as first seen
    subkind       TEXT NOT NULL,               -- city, region, person, group...
    article_count INTEGER NOT NULL DEFAULT 0,  -- kept by the triggers below
    UNIQUE (kind, key)
);
CREATE INDEX entities_by_count ON entities (kind, article_count DESC);

CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    kind       TEXT NOT NULL,                  -- the entity's kind, for facets
    published  INTEGER NOT NULL,               -- the article's, for pages in date order
    mentions   INTEGER NOT NULL,
    salience   REAL NOT NULL,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_by_entity
    ON article_entities (entity_id, published DESC, article_id DESC);

CREATE TRIGGER article_entities_count_up AFTER INSERT ON article_entities BEGIN
    UPDATE entities SET article_count = article_count + 1 WHERE id = NEW.entity_id;
END;
CREATE TRIGGER article_entities_count_down AFTER DELETE ON article_entities BEGIN
    UPDATE entities SET article_count = article_count - 1 WHERE id = OLD.entity_id;
END;

-- Event types found in each article; `is_primary` marks the summary's first frame.
CREATE TABLE events (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type       TEXT NOT NULL,
    is_primary INTEGER NOT NULL,
    published  INTEGER NOT NULL,               -- the article's, for pages in date order
    PRIMARY KEY (article_id, type)
) WITHOUT ROWID;
CREATE INDEX events_by_type ON events (type, published DESC, article_id DESC);

-- Articles per event type, kept by the triggers below.
CREATE TABLE event_counts (
    type          TEXT PRIMARY KEY,
    article_count INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER events_counted AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO event_counts (type, article_count) VALUES (NEW.type, 0);
    UPDATE event_counts SET article_count = article_count + 1 WHERE type = NEW.type;
END;
CREATE TRIGGER events_uncounted AFTER DELETE ON events BEGIN
    UPDATE event_counts SET article_count = article_count - 1 WHERE type = OLD.type;
END;

-- Full-text index over a folded copy of title and text (rowid = articles.id): the unicode61
-- tokeniser splits Arabic words at harakat, so both the text and the queries are folded first.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = '', contentless_delete = 1, tokenize = 'unicode61'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = OLD.id;
END;
