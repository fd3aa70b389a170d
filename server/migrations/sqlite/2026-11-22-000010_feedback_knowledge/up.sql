-- Feedback tickets (投诉、表扬、建议): one table for the three kinds. The
-- history is append-only (triggers below); the ticket row holds the current
-- state and the SLA deadlines computed on the business-hours calendar.
CREATE TABLE feedback_tickets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    number TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('complaint', 'praise', 'suggestion')),
    source TEXT NOT NULL CHECK (source IN ('phone', 'followup', 'questionnaire', 'evaluator', 'walk_in', 'web_form', 'letter')),
    -- What produced it: a call uuid, a questionnaire response id, a rating id.
    source_ref TEXT,
    severity TEXT NOT NULL DEFAULT 'normal' CHECK (severity IN ('low', 'normal', 'high', 'critical')),
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'in_progress', 'waiting_patient', 'resolved', 'closed', 'reopened')),
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    patient_id BIGINT REFERENCES patients(id),
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT,
    topic TEXT NOT NULL,
    content TEXT NOT NULL,
    staff_user_id BIGINT REFERENCES users(id),
    staff_name TEXT NOT NULL DEFAULT '',
    current_department_id BIGINT REFERENCES departments(id),
    -- sha256 of the anonymous submitter's progress code.
    secret_hash TEXT,
    call_uuid TEXT,
    first_response_due TIMESTAMP NOT NULL,
    resolution_due TIMESTAMP NOT NULL,
    first_responded_at TIMESTAMP,
    resolved_at TIMESTAMP,
    closed_at TIMESTAMP,
    paused_at TIMESTAMP,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    compensation_cents BIGINT,
    compensation_status TEXT NOT NULL DEFAULT 'none' CHECK (compensation_status IN ('none', 'pending', 'approved', 'rejected')),
    satisfaction INTEGER,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, number),
    UNIQUE (hospital_id, source, source_ref)
);
CREATE INDEX feedback_tickets_list ON feedback_tickets (hospital_id, status, created_at);
CREATE INDEX feedback_tickets_patient ON feedback_tickets (patient_id);

-- Every department a ticket concerns or was routed to: department scope.
CREATE TABLE feedback_ticket_departments (
    ticket_id BIGINT NOT NULL REFERENCES feedback_tickets(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    PRIMARY KEY (ticket_id, department_id)
);
CREATE INDEX feedback_ticket_departments_dept ON feedback_ticket_departments (department_id);

CREATE TABLE feedback_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id BIGINT NOT NULL REFERENCES feedback_tickets(id),
    at TIMESTAMP NOT NULL,
    user_id BIGINT REFERENCES users(id),
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    department_id BIGINT REFERENCES departments(id),
    body TEXT NOT NULL DEFAULT '',
    channel TEXT,
    -- Shown to the submitter on the public progress page.
    public BOOLEAN NOT NULL DEFAULT FALSE,
    call_uuid TEXT
);
CREATE INDEX feedback_history_ticket ON feedback_history (ticket_id, id);
CREATE TRIGGER feedback_history_no_update BEFORE UPDATE ON feedback_history
BEGIN SELECT RAISE(ABORT, 'feedback_history is append-only'); END;
CREATE TRIGGER feedback_history_no_delete BEFORE DELETE ON feedback_history
BEGIN SELECT RAISE(ABORT, 'feedback_history is append-only'); END;

CREATE TABLE feedback_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    topic TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (hospital_id, code)
);

-- Knowledge base (知识库): an article and its versions; the published
-- version is indexed in kb_terms (CJK bigrams, words, pinyin initials).
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    published_version INTEGER,
    source_call_uuid TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX kb_articles_hospital ON kb_articles (hospital_id, category);

CREATE TABLE kb_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    version INTEGER NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'superseded', 'rejected')),
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    reviewed_by BIGINT REFERENCES users(id),
    reviewed_at TIMESTAMP,
    review_note TEXT,
    UNIQUE (article_id, version)
);

CREATE TABLE kb_terms (
    hospital_id BIGINT NOT NULL,
    term TEXT NOT NULL,
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    weight INTEGER NOT NULL,
    PRIMARY KEY (hospital_id, term, article_id)
) WITHOUT ROWID;
CREATE INDEX kb_terms_article ON kb_terms (article_id);

-- Lookup data for the inquiry screen: drugs, the phone directory, special
-- clinics, lab and exam items, the staff address book (restricted).
CREATE TABLE lookup_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    kind TEXT NOT NULL CHECK (kind IN ('drug', 'directory', 'clinic', 'lab', 'exam', 'staff')),
    name TEXT NOT NULL,
    name_initials TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    price TEXT NOT NULL DEFAULT '',
    info TEXT NOT NULL DEFAULT '',
    schedule TEXT NOT NULL DEFAULT '',
    turnaround TEXT NOT NULL DEFAULT '',
    UNIQUE (hospital_id, kind, name)
);

-- In-hospital patients and surgery schedules imported from the HIS (Excel).
CREATE TABLE his_inpatients (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    mrn TEXT NOT NULL,
    name TEXT NOT NULL,
    bed TEXT NOT NULL DEFAULT '',
    admitted_on DATE,
    diagnosis TEXT NOT NULL DEFAULT '',
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, mrn)
);
CREATE TABLE his_surgeries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    surgery_on DATE NOT NULL,
    mrn TEXT NOT NULL,
    name TEXT NOT NULL,
    operation TEXT NOT NULL,
    room TEXT NOT NULL DEFAULT '',
    start_time TEXT NOT NULL DEFAULT '',
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, surgery_on, mrn, operation)
);

-- Inquiry log (业务咨询): what patients ask about.
CREATE TABLE inquiries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    topic TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    patient_id BIGINT REFERENCES patients(id),
    call_uuid TEXT,
    article_id BIGINT REFERENCES kb_articles(id),
    user_id BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX inquiries_hospital ON inquiries (hospital_id, created_at);
