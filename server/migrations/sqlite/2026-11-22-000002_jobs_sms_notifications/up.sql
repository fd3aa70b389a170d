-- Durable jobs (事务调度中心), the SMS outbox and in-app notifications.
-- Times are UTC, stored without zone.

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    kind TEXT NOT NULL,
    -- JSON object handed to the handler.
    payload TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'dead')),
    run_at TIMESTAMP NOT NULL,
    -- Recurring jobs: a 5-field cron expression in local time or "@every 30s".
    schedule TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    last_error TEXT,
    -- The lease: which instance runs it, and until when. A lease that runs
    -- out (the instance died) makes the job claimable again.
    locked_by TEXT,
    locked_until TIMESTAMP,
    -- Enqueueing twice with the same key yields one job.
    dedupe_key TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    UNIQUE (hospital_id, dedupe_key)
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_lease ON jobs (status, locked_until);
CREATE INDEX jobs_hospital ON jobs (hospital_id, id);

CREATE TABLE job_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    job_id BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    attempt INTEGER NOT NULL,
    runner TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    outcome TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'retry', 'held', 'dead', 'lease_expired')),
    error TEXT
);
CREATE INDEX job_runs_job ON job_runs (job_id, id);

CREATE TABLE sms_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, code)
);

CREATE TABLE sms_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT REFERENCES patients(id),
    template_id BIGINT REFERENCES sms_templates(id),
    -- Normalised digits.
    phone TEXT NOT NULL,
    body TEXT NOT NULL,
    urgent BOOLEAN NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('queued', 'held', 'sent', 'delivered', 'failed')),
    reason TEXT,
    provider TEXT,
    parts INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    delivered_at TIMESTAMP,
    job_id BIGINT REFERENCES jobs(id)
);
CREATE INDEX sms_messages_hospital ON sms_messages (hospital_id, id);
-- The per-number rate limit counts recent sends.
CREATE INDEX sms_messages_phone ON sms_messages (hospital_id, phone, sent_at);

-- One row per segment handed to the provider; delivery receipts name
-- segments by the provider's message id.
CREATE TABLE sms_parts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    message_id BIGINT NOT NULL REFERENCES sms_messages(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    provider TEXT NOT NULL,
    provider_message_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('sent', 'delivered', 'failed')),
    error TEXT,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sms_parts_provider_id ON sms_parts (provider, provider_message_id);
CREATE INDEX sms_parts_message ON sms_parts (message_id);

CREATE TABLE sms_opt_outs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    phone TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, phone)
);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('task_assigned', 'alert', 'reminder', 'sms_failed')),
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT,
    -- What produced it (e.g. "job:42"), so a re-run job notifies once.
    dedupe_key TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);
