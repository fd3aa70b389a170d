DROP TABLE followup_tasks;
ALTER TABLE visits DROP COLUMN cancel_reason;
ALTER TABLE visits DROP COLUMN cancelled_at;
