-- The FTS index now holds each word without its leading clitics (و ف ب ل ك, ال, لل), so that
-- `حوثي` finds `والحوثيين`: the store rebuilds it from the stored texts once, at open.
INSERT INTO pending_rebuilds (name) VALUES ('articles_fts');
