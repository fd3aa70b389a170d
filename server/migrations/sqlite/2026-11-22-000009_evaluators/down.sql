DROP TABLE evaluation_ratings;
DROP TABLE evaluation_windows;
ALTER TABLE users DROP COLUMN phone;
