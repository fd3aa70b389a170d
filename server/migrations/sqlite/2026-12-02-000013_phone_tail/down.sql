DROP INDEX patient_phones_tail;
ALTER TABLE patient_phones DROP COLUMN number_tail;
