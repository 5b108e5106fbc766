-- Trigram indexes for text search (0005). pg_trgm is a trusted extension: a database owner may
-- create it; Debian's PostgreSQL and PGlite's contrib both ship it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
