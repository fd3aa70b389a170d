-- Callers give the last four digits of their number: an indexed column
-- the database keeps in step with the number, whatever inserts it.
ALTER TABLE patient_phones ADD COLUMN number_tail TEXT COLLATE "C" NOT NULL GENERATED ALWAYS AS (right(number, 4)) STORED;
CREATE INDEX patient_phones_tail ON patient_phones (hospital_id, number_tail, patient_id);
