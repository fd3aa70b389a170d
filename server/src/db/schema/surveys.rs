//! Questionnaires, their versions and every channel of answers.

diesel::table! {
    questionnaires (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        code -> Text,
        name -> Text,
        category -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    questionnaire_versions (id) {
        id -> BigInt,
        questionnaire_id -> BigInt,
        number -> Integer,
        status -> Text,
        content -> Text,
        created_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    survey_link_keys (hospital_id) {
        hospital_id -> BigInt,
        secret -> Text,
    }
}

diesel::table! {
    survey_links (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        version_id -> BigInt,
        patient_id -> BigInt,
        department_id -> Nullable<BigInt>,
        followup_task_id -> Nullable<BigInt>,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        sms_message_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    kiosk_devices (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        questionnaire_id -> BigInt,
        department_id -> Nullable<BigInt>,
        active -> Bool,
        created_at -> Timestamp,
        last_seen_on -> Nullable<Date>,
    }
}

diesel::table! {
    staff_surveys (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        version_id -> BigInt,
        title -> Text,
        staff_group -> Text,
        anonymous -> Bool,
        target_roles -> Text,
        target_departments -> Text,
        due_on -> Nullable<Date>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    staff_survey_assignees (staff_survey_id, user_id) {
        staff_survey_id -> BigInt,
        user_id -> BigInt,
        answered_on -> Nullable<Date>,
        reminded_on -> Nullable<Date>,
    }
}

diesel::table! {
    survey_responses (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        version_id -> BigInt,
        channel -> Text,
        patient_id -> Nullable<BigInt>,
        department_id -> Nullable<BigInt>,
        followup_task_id -> Nullable<BigInt>,
        user_id -> Nullable<BigInt>,
        link_id -> Nullable<BigInt>,
        kiosk_id -> Nullable<BigInt>,
        staff_survey_id -> Nullable<BigInt>,
        answers -> Text,
        score -> Nullable<Double>,
        max_score -> Nullable<Double>,
        satisfaction -> Nullable<Text>,
        answered_on -> Date,
        created_at -> Nullable<Timestamp>,
    }
}
