//! Call records, recordings, play tickets and agent states; window evaluations.

diesel::table! {
    calls (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        uuid -> Text,
        direction -> Text,
        local_number -> Text,
        remote_number -> Text,
        agent_id -> BigInt,
        patient_id -> Nullable<BigInt>,
        task_id -> Nullable<BigInt>,
        started_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
        ended_at -> Nullable<Timestamp>,
        disposition -> Nullable<Text>,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    call_recordings (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        call_id -> BigInt,
        size -> BigInt,
        sha256 -> Text,
        content_type -> Text,
        storage_key -> Text,
        received -> BigInt,
        complete -> Bool,
        created_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    recording_tickets (token) {
        token -> Text,
        recording_id -> BigInt,
        user_id -> BigInt,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    agent_states (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        user_id -> BigInt,
        state -> Text,
        reason -> Nullable<Text>,
        started_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    evaluation_windows (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        code -> Text,
        name -> Text,
        department_id -> BigInt,
        device_id -> Nullable<Text>,
        clerk_id -> Nullable<BigInt>,
        layout -> Integer,
        active -> Bool,
        last_heartbeat_at -> Nullable<Timestamp>,
        device_status -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_ratings (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        window_id -> BigInt,
        department_id -> BigInt,
        clerk_id -> Nullable<BigInt>,
        patient_id -> Nullable<BigInt>,
        device_id -> Text,
        event_seq -> BigInt,
        key_no -> Integer,
        layout -> Integer,
        score -> Integer,
        label -> Text,
        prompted -> Bool,
        pressed_at -> Timestamp,
        received_at -> Timestamp,
    }
}
