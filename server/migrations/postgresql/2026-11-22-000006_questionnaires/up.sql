-- Questionnaires (问卷) and satisfaction surveys. A template has numbered
-- versions; a published version never changes (the trigger below refuses
-- it) and every response names the version it was given on.
CREATE TABLE questionnaires (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT 'general' CHECK (category IN ('satisfaction', 'staff', 'general')),
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, code)
);

CREATE TABLE questionnaire_versions (
    id BIGSERIAL PRIMARY KEY,
    questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    -- The engine's Template as JSON (hcrm_shared::questionnaire::Template).
    content TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (questionnaire_id, number)
);

-- Links sent by SMS: the token is HMAC-signed with the hospital's key and
-- names this row; used_at makes it single-use.
CREATE TABLE survey_link_keys (
    hospital_id BIGINT PRIMARY KEY REFERENCES hospitals(id),
    secret TEXT NOT NULL
);

CREATE TABLE survey_links (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    version_id BIGINT NOT NULL REFERENCES questionnaire_versions(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    department_id BIGINT REFERENCES departments(id),
    followup_task_id BIGINT REFERENCES followup_tasks(id),
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    sms_message_id BIGINT REFERENCES sms_messages(id),
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

-- Touchscreen kiosks: no login; the device presents a token whose SHA-256
-- is stored here.
CREATE TABLE kiosk_devices (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    questionnaire_id BIGINT NOT NULL REFERENCES questionnaires(id),
    department_id BIGINT REFERENCES departments(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    last_seen_on DATE
);

-- In-hospital staff surveys assigned to groups of staff.
CREATE TABLE staff_surveys (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    version_id BIGINT NOT NULL REFERENCES questionnaire_versions(id),
    title TEXT NOT NULL,
    staff_group TEXT NOT NULL,
    anonymous BOOLEAN NOT NULL,
    -- Comma-separated roles and department ids the survey went to.
    target_roles TEXT NOT NULL DEFAULT '',
    target_departments TEXT NOT NULL DEFAULT '',
    due_on DATE,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

-- Who has answered. Rows are made at assignment (in user order) and only
-- get a date when answered: nothing here orders or times an answer, and no
-- column names a response, so an anonymous answer cannot be joined back.
CREATE TABLE staff_survey_assignees (
    staff_survey_id BIGINT NOT NULL REFERENCES staff_surveys(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    answered_on DATE,
    reminded_on DATE,
    PRIMARY KEY (staff_survey_id, user_id)
);

-- One row per response. Anonymous staff answers keep no user, no address
-- and no time: only the local date (answered_on) and a null created_at.
CREATE TABLE survey_responses (
    id BIGSERIAL PRIMARY KEY,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    version_id BIGINT NOT NULL REFERENCES questionnaire_versions(id),
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'kiosk', 'sms_link', 'staff', 'web')),
    patient_id BIGINT REFERENCES patients(id),
    department_id BIGINT REFERENCES departments(id),
    followup_task_id BIGINT REFERENCES followup_tasks(id),
    user_id BIGINT REFERENCES users(id),
    link_id BIGINT REFERENCES survey_links(id),
    kiosk_id BIGINT REFERENCES kiosk_devices(id),
    staff_survey_id BIGINT REFERENCES staff_surveys(id),
    answers TEXT NOT NULL,
    score DOUBLE PRECISION,
    max_score DOUBLE PRECISION,
    satisfaction TEXT,
    answered_on DATE NOT NULL,
    created_at TIMESTAMP
);
CREATE INDEX survey_responses_stats ON survey_responses (hospital_id, version_id, answered_on);
CREATE INDEX survey_responses_patient ON survey_responses (patient_id);
CREATE INDEX survey_responses_task ON survey_responses (followup_task_id);
CREATE UNIQUE INDEX survey_responses_link ON survey_responses (link_id);

CREATE FUNCTION questionnaire_versions_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a published questionnaire version never changes';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER questionnaire_versions_published_immutable
BEFORE UPDATE ON questionnaire_versions
FOR EACH ROW WHEN (OLD.status = 'published')
EXECUTE FUNCTION questionnaire_versions_immutable();
