-- Callers give the last four digits of their number: an indexed column
-- the database keeps in step with the number, whatever inserts it.
ALTER TABLE patient_phones ADD COLUMN number_tail TEXT NOT NULL GENERATED ALWAYS AS (substr(number, -4)) VIRTUAL;
CREATE INDEX patient_phones_tail ON patient_phones (hospital_id, number_tail, patient_id);
