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
);
