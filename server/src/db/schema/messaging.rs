//! Durable jobs, SMS and in-app notifications.

diesel::table! {
    jobs (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        kind -> Text,
        payload -> Text,
        status -> Text,
        run_at -> Timestamp,
        schedule -> Nullable<Text>,
        attempts -> Integer,
        max_attempts -> Integer,
        last_error -> Nullable<Text>,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        dedupe_key -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    job_runs (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        job_id -> BigInt,
        attempt -> Integer,
        runner -> Text,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        outcome -> Text,
        error -> Nullable<Text>,
    }
}

diesel::table! {
    sms_templates (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        code -> Text,
        name -> Text,
        body -> Text,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sms_messages (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> Nullable<BigInt>,
        template_id -> Nullable<BigInt>,
        phone -> Text,
        body -> Text,
        urgent -> Bool,
        status -> Text,
        reason -> Nullable<Text>,
        provider -> Nullable<Text>,
        parts -> Integer,
        attempts -> Integer,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        delivered_at -> Nullable<Timestamp>,
        job_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    sms_parts (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        message_id -> BigInt,
        seq -> Integer,
        provider -> Text,
        provider_message_id -> Text,
        status -> Text,
        error -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sms_opt_outs (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        phone -> Text,
        reason -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        title -> Text,
        body -> Text,
        link -> Nullable<Text>,
        dedupe_key -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}
