-- Calls made and taken by agents on the desktop softphone. The desktop
-- names each call with a UUID, so every create/update is idempotent.
CREATE TABLE calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    uuid TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    local_number TEXT NOT NULL DEFAULT '',
    remote_number TEXT NOT NULL DEFAULT '',
    agent_id BIGINT NOT NULL REFERENCES users(id),
    patient_id BIGINT REFERENCES patients(id),
    task_id BIGINT REFERENCES followup_tasks(id),
    started_at TIMESTAMP NOT NULL,
    answered_at TIMESTAMP,
    ended_at TIMESTAMP,
    disposition TEXT CHECK (disposition IN ('answered', 'no_answer', 'busy', 'rejected', 'failed', 'cancelled', 'transferred')),
    note TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, uuid)
);
CREATE INDEX calls_patient ON calls (patient_id, started_at);
CREATE INDEX calls_task ON calls (task_id);
CREATE INDEX calls_agent ON calls (agent_id, started_at);

-- One recording per call (stereo WAV: agent left, other party right). The
-- bytes live in a RecordingStore (a directory by default) under
-- storage_key; `received` is the next byte the server expects, so an
-- interrupted upload resumes there. complete only after the SHA-256 of the
-- stored bytes matched.
CREATE TABLE call_recordings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    call_id BIGINT NOT NULL UNIQUE REFERENCES calls(id),
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT 'audio/wav',
    storage_key TEXT NOT NULL,
    received BIGINT NOT NULL DEFAULT 0,
    complete BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP
);

-- Short-lived tickets an audio element streams a recording with (it cannot
-- send a bearer token); issuing one is the audited "play".
CREATE TABLE recording_tickets (
    token TEXT PRIMARY KEY,
    recording_id BIGINT NOT NULL REFERENCES call_recordings(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    expires_at TIMESTAMP NOT NULL
);

-- Agent states over time; the open row (ended_at NULL) is the current one.
CREATE TABLE agent_states (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL CHECK (state IN ('ready', 'busy', 'after_call_work', 'away')),
    reason TEXT,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX agent_states_user ON agent_states (user_id, started_at);
CREATE INDEX agent_states_hospital_open ON agent_states (hospital_id, ended_at);
