-- HL7 v2 inbox: every message the MLLP listener received, as received
-- (raw bytes, whatever their encoding), with the ACK it got. Idempotency on
-- MSH-10: one row per (hospital, control id).
CREATE TABLE hl7_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    control_id TEXT,
    -- "ADT^A01" as in MSH-9 (first two components).
    event TEXT NOT NULL DEFAULT '',
    sending_app TEXT NOT NULL DEFAULT '',
    charset TEXT NOT NULL DEFAULT '',
    -- PID-3 of the message and the patient it touched, when known.
    mrn TEXT,
    patient_id BIGINT REFERENCES patients(id),
    status TEXT NOT NULL CHECK (status IN ('processed', 'error', 'rejected')),
    ack_code TEXT NOT NULL CHECK (ack_code IN ('AA', 'AE', 'AR')),
    -- "PID-7: not a date/time" (segment-field and reason).
    error TEXT,
    raw BLOB NOT NULL,
    ack TEXT NOT NULL,
    remote TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 1,
    received_at TIMESTAMP NOT NULL,
    processed_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, control_id)
);
CREATE INDEX hl7_messages_received ON hl7_messages (hospital_id, received_at);
CREATE INDEX hl7_messages_mrn ON hl7_messages (hospital_id, mrn);
CREATE INDEX hl7_messages_status ON hl7_messages (hospital_id, status, received_at);

-- A40 merge: the duplicate record stays (history, audit) and points at the
-- survivor that now holds its visits, phones, contacts and tasks.
ALTER TABLE patients ADD COLUMN merged_into_id BIGINT REFERENCES patients(id);
ALTER TABLE patients ADD COLUMN merged_at TIMESTAMP;

-- Excel imports: one row per uploaded file. Re-uploading the same file
-- (same SHA-256) finds the earlier batch instead of importing again.
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    kind TEXT NOT NULL CHECK (kind IN ('discharges', 'exams')),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    content BLOB NOT NULL,
    -- 'good_rows' imports the valid rows; 'all_or_nothing' imports only a
    -- file without errors.
    mode TEXT CHECK (mode IN ('all_or_nothing', 'good_rows')),
    status TEXT NOT NULL CHECK (status IN ('previewing', 'previewed', 'running', 'done', 'failed')),
    total_rows INTEGER NOT NULL DEFAULT 0,
    processed_rows INTEGER NOT NULL DEFAULT 0,
    imported_rows INTEGER NOT NULL DEFAULT 0,
    error_rows INTEGER NOT NULL DEFAULT 0,
    -- JSON: the row errors of the preview/commit.
    errors TEXT NOT NULL DEFAULT '[]',
    message TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX import_batches_hash ON import_batches (hospital_id, kind, file_hash);

-- Physical-exam results (体检结果), one row per exam and item.
CREATE TABLE exam_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    exam_no TEXT NOT NULL,
    exam_date DATE NOT NULL,
    item TEXT NOT NULL,
    result TEXT NOT NULL,
    abnormal BOOLEAN NOT NULL,
    -- Free text from the exam centre: 轻度 / 中度 / 重度 / 危急.
    level TEXT,
    batch_id BIGINT REFERENCES import_batches(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, exam_no, item)
);
CREATE INDEX exam_results_patient ON exam_results (patient_id);
