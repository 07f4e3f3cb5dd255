-- A country is one place whatever its spelling (سوريا، سورية; أمريكا، الولايات المتحدة): the
-- store keys it by its code (`country:sy`) and finds it by each name as written. The store
-- stores again, once at open, the places and actors of the summaries that name a country.
INSERT INTO pending_rebuilds (name) VALUES ('country_keys');
