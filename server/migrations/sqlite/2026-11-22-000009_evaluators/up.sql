-- Window evaluators (窗口测评器). A window is a counter position with at
-- most one evaluator device; a rating is one key press, stored once per
-- (hospital, device, event number) however often the reader forwards it.

-- Managers get low-rating SMS on this number.
ALTER TABLE users ADD COLUMN phone TEXT;

CREATE TABLE evaluation_windows (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    device_id TEXT,
    -- The clerk usually at this window, used when a rating names none.
    clerk_id BIGINT REFERENCES users(id),
    layout INTEGER NOT NULL DEFAULT 4 CHECK (layout IN (3, 4, 5)),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    last_heartbeat_at TIMESTAMP,
    -- JSON from the reader: firmware, model, decoder counters.
    device_status TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, code),
    UNIQUE (hospital_id, device_id)
);

CREATE TABLE evaluation_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    window_id BIGINT NOT NULL REFERENCES evaluation_windows(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    clerk_id BIGINT REFERENCES users(id),
    patient_id BIGINT REFERENCES patients(id),
    device_id TEXT NOT NULL,
    event_seq BIGINT NOT NULL,
    key_no INTEGER NOT NULL,
    layout INTEGER NOT NULL,
    score INTEGER NOT NULL,
    label TEXT NOT NULL,
    prompted BOOLEAN NOT NULL,
    pressed_at TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    UNIQUE (hospital_id, device_id, event_seq)
);
CREATE INDEX evaluation_ratings_time ON evaluation_ratings (hospital_id, pressed_at);
CREATE INDEX evaluation_ratings_window ON evaluation_ratings (window_id, pressed_at);
CREATE INDEX evaluation_ratings_clerk ON evaluation_ratings (clerk_id, pressed_at);
CREATE INDEX evaluation_ratings_department ON evaluation_ratings (department_id, pressed_at);
