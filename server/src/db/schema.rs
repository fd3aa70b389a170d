//! Table definitions shared by both backends (the migrations keep the two
//! in step; see `migrations/sqlite` and `migrations/postgresql`).

diesel::table! {
    hospitals (id) {
        id -> BigInt,
        code -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    departments (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        code -> Text,
        name -> Text,
        kind -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        username -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        department_id -> Nullable<BigInt>,
        disabled -> Bool,
        failed_logins -> Integer,
        locked_until -> Nullable<Timestamp>,
        last_login_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        user_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_seen_at -> Timestamp,
        ip -> Text,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    patients (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        mrn -> Text,
        name -> Text,
        name_initials -> Text,
        sex -> Text,
        birth_date -> Nullable<Date>,
        id_card -> Nullable<Text>,
        address -> Nullable<Text>,
        tags -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    patient_phones (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        number -> Text,
        position -> Integer,
    }
}

diesel::table! {
    visits (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        visit_no -> Text,
        kind -> Text,
        department_id -> BigInt,
        ward -> Nullable<Text>,
        attending_doctor -> Nullable<Text>,
        admitted_at -> Timestamp,
        discharged_at -> Nullable<Timestamp>,
        diagnoses -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contacts (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        user_id -> BigInt,
        at -> Timestamp,
        channel -> Text,
        direction -> Text,
        summary -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        hospital_id -> Nullable<BigInt>,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        username -> Text,
        role -> Text,
        action -> Text,
        patient_id -> Nullable<BigInt>,
        target -> Nullable<Text>,
        detail -> Nullable<Text>,
        ip -> Text,
    }
}

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

diesel::joinable!(departments -> hospitals (hospital_id));
diesel::joinable!(users -> hospitals (hospital_id));
diesel::joinable!(users -> departments (department_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(patients -> hospitals (hospital_id));
diesel::joinable!(patient_phones -> patients (patient_id));
diesel::joinable!(visits -> patients (patient_id));
diesel::joinable!(visits -> departments (department_id));
diesel::joinable!(contacts -> patients (patient_id));
diesel::joinable!(contacts -> users (user_id));
diesel::joinable!(job_runs -> jobs (job_id));
diesel::joinable!(sms_messages -> patients (patient_id));
diesel::joinable!(sms_parts -> sms_messages (message_id));
diesel::joinable!(notifications -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    hospitals,
    departments,
    users,
    sessions,
    patients,
    patient_phones,
    visits,
    contacts,
    audit_log,
    jobs,
    job_runs,
    sms_templates,
    sms_messages,
    sms_parts,
    sms_opt_outs,
    notifications,
);
