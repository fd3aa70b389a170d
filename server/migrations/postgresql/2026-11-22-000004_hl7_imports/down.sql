DROP TABLE exam_results;
DROP TABLE import_batches;
ALTER TABLE patients DROP COLUMN merged_at;
ALTER TABLE patients DROP COLUMN merged_into_id;
DROP TABLE hl7_messages;
