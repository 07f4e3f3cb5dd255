-- Extra lookup keys of places and actors: each folded alias of the summary, and each trailing
-- part of a multi-word person name (the surname), so that `--actor ترامب` finds the entity
-- keyed `دونالد ترامب`. Facets still show each entity once, under its own name.
CREATE TABLE entity_keys (
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,                   -- khabar::extract::fold(alias or surname)
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (kind, key, entity_id)
) WITHOUT ROWID;

-- Work the store does in Rust after the migrations, once: here, filling `entity_keys` from
-- the stored summaries.
CREATE TABLE pending_rebuilds (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO pending_rebuilds (name) VALUES ('entity_keys');
