-- Appointment booking (预约挂号): weekly templates generate sessions (one
-- doctor or department, one date, one half-day), each session is cut into
-- minute-level slots with one sequence number each, and every channel books
-- from that one pool. Double booking is impossible at the database level:
-- a slot moves free -> held by a conditional UPDATE, and the partial unique
-- indexes below allow one live appointment per slot and per patient and
-- session.
CREATE TABLE appt_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    -- NULL: a department (general) clinic rather than a named doctor's.
    doctor_id BIGINT REFERENCES users(id),
    title TEXT NOT NULL DEFAULT '',
    is_expert BOOLEAN NOT NULL DEFAULT FALSE,
    -- ISO weekday, 1 = Monday.
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon', 'evening')),
    -- Local wall-clock times, HH:MM.
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
    -- Every n-th number is kept for the on-site window (0: none), so online
    -- and on-site patients interleave.
    onsite_every INTEGER NOT NULL DEFAULT 0,
    -- JSON object channel -> most live appointments of that channel.
    quotas TEXT NOT NULL DEFAULT '{}',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX appt_templates_hospital ON appt_templates (hospital_id, weekday);

CREATE TABLE appt_holidays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    day DATE NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (hospital_id, day)
);

CREATE TABLE appt_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    doctor_id BIGINT REFERENCES users(id),
    template_id BIGINT REFERENCES appt_templates(id),
    title TEXT NOT NULL DEFAULT '',
    is_expert BOOLEAN NOT NULL DEFAULT FALSE,
    day DATE NOT NULL,
    session TEXT NOT NULL CHECK (session IN ('morning', 'afternoon', 'evening')),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    slot_minutes INTEGER NOT NULL,
    capacity INTEGER NOT NULL,
    onsite_every INTEGER NOT NULL DEFAULT 0,
    quotas TEXT NOT NULL DEFAULT '{}',
    -- Online channels may book from this instant (UTC).
    release_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'suspended')),
    suspend_reason TEXT,
    suspended_at TIMESTAMP,
    suspended_by BIGINT REFERENCES users(id),
    -- Set once the no-show sweep has looked at this session.
    swept_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
-- A template generates a date once, whoever runs the generation.
CREATE UNIQUE INDEX appt_sessions_template_day ON appt_sessions (template_id, day) WHERE template_id IS NOT NULL;
CREATE INDEX appt_sessions_day ON appt_sessions (hospital_id, day);
CREATE INDEX appt_sessions_doctor ON appt_sessions (doctor_id, starts_at);

CREATE TABLE appt_slots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    session_id BIGINT NOT NULL REFERENCES appt_sessions(id),
    seq INTEGER NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    -- 'onsite' when the number is kept for the window.
    reserved_for TEXT,
    status TEXT NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'held', 'booked')),
    hold_until TIMESTAMP,
    appointment_id BIGINT,
    UNIQUE (session_id, seq)
);
CREATE INDEX appt_slots_free ON appt_slots (session_id, status);

CREATE TABLE appt_api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    name TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'wechat', 'partner')),
    -- SHA-256 of the key; the key itself is shown once at creation.
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    per_minute INTEGER NOT NULL DEFAULT 600,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    session_id BIGINT NOT NULL REFERENCES appt_sessions(id),
    slot_id BIGINT NOT NULL REFERENCES appt_slots(id),
    seq INTEGER NOT NULL,
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    doctor_id BIGINT REFERENCES users(id),
    channel TEXT NOT NULL CHECK (channel IN ('phone', 'web', 'wechat', 'onsite', 'clinic', 'partner')),
    status TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'checked_in', 'cancelled', 'expired', 'no_show', 'rescheduled', 'suspended')),
    hold_until TIMESTAMP,
    api_key_id BIGINT REFERENCES appt_api_keys(id),
    -- A client's own request id: the same request confirmed twice is one
    -- appointment.
    client_ref TEXT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    cancel_reason TEXT,
    checked_in_at TIMESTAMP,
    no_show_at TIMESTAMP,
    reminder_sms_id BIGINT,
    rescheduled_from BIGINT REFERENCES appointments(id),
    updated_at TIMESTAMP NOT NULL
);
-- The guarantees: one live appointment per slot, one per patient and session.
CREATE UNIQUE INDEX appointments_live_slot ON appointments (slot_id) WHERE status IN ('held', 'confirmed', 'checked_in');
CREATE UNIQUE INDEX appointments_live_patient ON appointments (session_id, patient_id) WHERE status IN ('held', 'confirmed', 'checked_in');
CREATE UNIQUE INDEX appointments_client_ref ON appointments (hospital_id, client_ref) WHERE client_ref IS NOT NULL;
CREATE INDEX appointments_patient ON appointments (patient_id, created_at);
CREATE INDEX appointments_session ON appointments (session_id, status);

-- Online-booking blocks after repeated no-shows, and their manual lifting.
CREATE TABLE appt_blocks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    reason TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    lifted_at TIMESTAMP,
    lifted_by BIGINT REFERENCES users(id),
    lift_reason TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX appt_blocks_patient ON appt_blocks (patient_id, ends_at);

-- One row per appointment hit by a clinic suspension (停诊), tracked until
-- the patient is rebooked, cancels or cannot be reached.
CREATE TABLE appt_suspension_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    session_id BIGINT NOT NULL REFERENCES appt_sessions(id),
    appointment_id BIGINT NOT NULL UNIQUE REFERENCES appointments(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    sms_id BIGINT,
    offer_session_id BIGINT REFERENCES appt_sessions(id),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rebooked', 'cancelled', 'unreachable')),
    new_appointment_id BIGINT REFERENCES appointments(id),
    note TEXT,
    resolved_at TIMESTAMP,
    resolved_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX appt_suspension_notices_session ON appt_suspension_notices (session_id);

CREATE TABLE appt_waitlist (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
    session_id BIGINT NOT NULL REFERENCES appt_sessions(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    channel TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'cancelled')),
    appointment_id BIGINT REFERENCES appointments(id),
    offer_expires_at TIMESTAMP,
    sms_id BIGINT,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX appt_waitlist_live ON appt_waitlist (session_id, patient_id) WHERE status IN ('waiting', 'offered');
CREATE INDEX appt_waitlist_queue ON appt_waitlist (session_id, status, id);
