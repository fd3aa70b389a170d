//! Follow-up tasks, rules, plans, revisits and attempts.

diesel::table! {
    followup_tasks (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        visit_id -> Nullable<BigInt>,
        department_id -> Nullable<BigInt>,
        kind -> Text,
        source_key -> Text,
        title -> Text,
        detail -> Text,
        priority -> Text,
        channel -> Text,
        questionnaire_id -> Nullable<BigInt>,
        due_from -> Timestamp,
        due_until -> Timestamp,
        status -> Text,
        assignee_id -> Nullable<BigInt>,
        attempts -> Integer,
        max_attempts -> Integer,
        next_attempt_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        cancel_reason -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
        rule_id -> Nullable<BigInt>,
        overdue -> Bool,
        last_attempt_at -> Nullable<Timestamp>,
        completed_by -> Nullable<BigInt>,
        assigned_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    followup_settings (hospital_id) {
        hospital_id -> BigInt,
        mode -> Text,
        max_attempts -> Integer,
        retry_interval_hours -> Integer,
        spot_check_percent -> Integer,
        spot_check_questionnaire_id -> Nullable<BigInt>,
        revisit_grace_days -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    followup_rules (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        name -> Text,
        kind -> Text,
        department_id -> Nullable<BigInt>,
        icd_codes -> Text,
        rounds -> Text,
        period_from -> Nullable<Date>,
        period_to -> Nullable<Date>,
        active -> Bool,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    followup_plans (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        department_id -> BigInt,
        name -> Text,
        first_date -> Date,
        interval_days -> Integer,
        round_count -> Integer,
        rounds -> Text,
        sms_body -> Text,
        active -> Bool,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    followup_plan_patients (plan_id, patient_id) {
        plan_id -> BigInt,
        patient_id -> BigInt,
        added_at -> Timestamp,
    }
}

diesel::table! {
    followup_revisits (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        visit_id -> Nullable<BigInt>,
        department_id -> BigInt,
        due_date -> Date,
        sms_message_id -> Nullable<BigInt>,
        reminded_at -> Nullable<Timestamp>,
        task_id -> Nullable<BigInt>,
        closed_at -> Nullable<Timestamp>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    followup_attempts (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        task_id -> BigInt,
        patient_id -> BigInt,
        user_id -> BigInt,
        at -> Timestamp,
        outcome -> Text,
        note -> Text,
        call_id -> Nullable<Text>,
        callback_at -> Nullable<Timestamp>,
    }
}
