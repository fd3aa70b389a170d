//! The patient archive: patients, phones, visits, contacts; and the audit log.

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
        merged_into_id -> Nullable<BigInt>,
        merged_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    patient_phones (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        number -> Text,
        position -> Integer,
        /// The number's last four digits, kept by the database (generated).
        number_tail -> Text,
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
        cancelled_at -> Nullable<Timestamp>,
        cancel_reason -> Nullable<Text>,
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
