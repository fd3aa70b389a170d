-- kb_terms is a WITHOUT ROWID table on SQLite: its primary key already
-- holds the weight, nothing to change for knowledge search.
SELECT 1;
