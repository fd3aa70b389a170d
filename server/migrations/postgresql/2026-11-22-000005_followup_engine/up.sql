-- The follow-up engine: hospital settings (working mode, retry policy,
-- spot-check share), rules (discharge and research), department plans,
-- revisit reminders and the attempt log of every task.
CREATE TABLE followup_settings (
    hospital_id BIGINT PRIMARY KEY REFERENCES hospitals(id),
    -- 'centralised': the customer-service centre works every task;
    -- 'ward': doctors and nurses work their own department's tasks.
    mode TEXT NOT NULL DEFAULT 'centralised' CHECK (mode IN ('centralised', 'ward')),
    max_attempts INTEGER NOT NULL DEFAULT 3,
    retry_interval_hours INTEGER NOT NULL DEFAULT 24,
    spot_check_percent INTEGER NOT NULL DEFAULT 10,
    spot_check_questionnaire_id BIGINT,
    revisit_grace_days INTEGER NOT NULL DEFAULT 7,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE followup_rules (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('discharge', 'research')),
    department_id BIGINT REFERENCES departments(id),
    -- ICD-10 prefixes and inclusive ranges, comma separated: "I20-I25, I50".
    -- Empty matches every diagnosis.
    icd_codes TEXT NOT NULL DEFAULT '',
    -- JSON array of rounds: {"from_day", "to_day", "questionnaire_id", "channel"}.
    rounds TEXT NOT NULL,
    -- Research rules pick discharges in this period only.
    period_from DATE,
    period_to DATE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX followup_rules_hospital ON followup_rules (hospital_id, active);

CREATE TABLE followup_plans (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    name TEXT NOT NULL,
    first_date DATE NOT NULL,
    interval_days INTEGER NOT NULL,
    round_count INTEGER NOT NULL,
    -- JSON array, one entry per round (the last repeats): {"questionnaire_id", "channel"}.
    rounds TEXT NOT NULL,
    sms_body TEXT NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE followup_plan_patients (
    plan_id BIGINT NOT NULL REFERENCES followup_plans(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    added_at TIMESTAMP NOT NULL,
    PRIMARY KEY (plan_id, patient_id)
);

CREATE TABLE followup_revisits (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    visit_id BIGINT REFERENCES visits(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    due_date DATE NOT NULL,
    sms_message_id BIGINT,
    reminded_at TIMESTAMP,
    task_id BIGINT,
    -- Set when the reminder needs nothing more (booking followed, or task made).
    closed_at TIMESTAMP,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX followup_revisits_open ON followup_revisits (hospital_id, closed_at, due_date);

CREATE TABLE followup_attempts (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    task_id BIGINT NOT NULL REFERENCES followup_tasks(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'wrong_number', 'refused', 'deceased', 'readmitted', 'call_back')),
    note TEXT NOT NULL DEFAULT '',
    call_id TEXT,
    callback_at TIMESTAMP
);
CREATE INDEX followup_attempts_task ON followup_attempts (task_id);
CREATE INDEX followup_attempts_user ON followup_attempts (hospital_id, user_id, at);

ALTER TABLE followup_tasks ADD COLUMN rule_id BIGINT;
ALTER TABLE followup_tasks ADD COLUMN overdue BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE followup_tasks ADD COLUMN last_attempt_at TIMESTAMP;
ALTER TABLE followup_tasks ADD COLUMN completed_by BIGINT;
ALTER TABLE followup_tasks ADD COLUMN assigned_at TIMESTAMP;
CREATE INDEX followup_tasks_rule ON followup_tasks (rule_id);
