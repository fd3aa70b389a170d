-- Organisation, users and sessions, the patient archive and the audit log.
-- Times are UTC, stored without zone.

CREATE TABLE hospitals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE departments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('clinical', 'ward', 'office', 'window')),
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, code)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'doctor', 'nurse', 'clerk', 'manager', 'auditor')),
    department_id BIGINT REFERENCES departments(id),
    disabled BOOLEAN NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    last_login_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX users_hospital ON users (hospital_id);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ip TEXT NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE patients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    mrn TEXT NOT NULL,
    name TEXT NOT NULL,
    -- Lower-case pinyin initials of the name ("zs" for 张三), for search.
    name_initials TEXT NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('male', 'female', 'unknown')),
    birth_date DATE,
    id_card TEXT,
    address TEXT,
    -- Comma-separated tags: vip, do_not_contact, deceased.
    tags TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, mrn)
);
CREATE INDEX patients_name ON patients (hospital_id, name);
CREATE INDEX patients_initials ON patients (hospital_id, name_initials);
CREATE INDEX patients_id_card ON patients (hospital_id, id_card);

CREATE TABLE patient_phones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
    -- Normalised digits (see hcrm_shared::validation::normalize_phone).
    number TEXT NOT NULL,
    position INTEGER NOT NULL
);
-- The screen-pop lookup: caller number within a hospital.
CREATE INDEX patient_phones_number ON patient_phones (hospital_id, number, patient_id);
CREATE INDEX patient_phones_patient ON patient_phones (patient_id);

CREATE TABLE visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    visit_no TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('outpatient', 'inpatient')),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    ward TEXT,
    attending_doctor TEXT,
    admitted_at TIMESTAMP NOT NULL,
    discharged_at TIMESTAMP,
    -- JSON array of {"code","name"}.
    diagnoses TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, visit_no)
);
CREATE INDEX visits_patient ON visits (patient_id, admitted_at);
CREATE INDEX visits_department ON visits (department_id, patient_id);
CREATE INDEX visits_discharged ON visits (hospital_id, discharged_at);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    at TIMESTAMP NOT NULL,
    channel TEXT NOT NULL,
    direction TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX contacts_patient ON contacts (patient_id, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT,
    at TIMESTAMP NOT NULL,
    user_id BIGINT,
    username TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    patient_id BIGINT,
    target TEXT,
    detail TEXT,
    ip TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (hospital_id, at);
CREATE INDEX audit_log_patient ON audit_log (patient_id, at);

-- The audit log is append-only, whatever code or person connects.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
