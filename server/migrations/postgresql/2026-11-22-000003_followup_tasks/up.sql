-- Follow-up tasks (随访任务): one row per thing someone must do for a
-- patient. Every producer (discharge rules, plans, spot checks, research,
-- exam results, revisit reminders, and callbacks opened by questionnaire
-- answers, evaluator ratings or complaints) writes here through
-- `followup::service::create_task`, idempotent on (hospital_id, source_key).
CREATE TABLE followup_tasks (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    visit_id BIGINT REFERENCES visits(id),
    department_id BIGINT REFERENCES departments(id),
    kind TEXT NOT NULL CHECK (kind IN ('discharge', 'administrative', 'department', 'research', 'physical_exam', 'outpatient', 'revisit', 'callback')),
    -- Who made it and why, unique per hospital: "rule:3:visit:17:round:1",
    -- "survey_response:55", "evaluator_rating:9". A producer that runs twice
    -- makes one task.
    source_key TEXT NOT NULL,
    title TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),
    channel TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'sms')),
    -- Questionnaire template used as the phone script (no foreign key: the
    -- questionnaire tables come in a later migration).
    questionnaire_id BIGINT,
    due_from TIMESTAMP NOT NULL,
    due_until TIMESTAMP NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'cancelled')),
    assignee_id BIGINT REFERENCES users(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 3,
    next_attempt_at TIMESTAMP,
    outcome TEXT,
    cancel_reason TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP,
    UNIQUE (hospital_id, source_key)
);
CREATE INDEX followup_tasks_queue ON followup_tasks (hospital_id, status, due_from);
CREATE INDEX followup_tasks_assignee ON followup_tasks (assignee_id, status);
CREATE INDEX followup_tasks_department ON followup_tasks (department_id, status);
CREATE INDEX followup_tasks_patient ON followup_tasks (patient_id);
CREATE INDEX followup_tasks_visit ON followup_tasks (visit_id);

-- A visit the HIS cancelled (ADT A11 cancel admit) stays for the record but
-- makes no follow-up.
ALTER TABLE visits ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE visits ADD COLUMN cancel_reason TEXT;
