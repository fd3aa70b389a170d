//! Appointment booking: schedules, sessions, slots, bookings and their rules.

diesel::table! {
    appt_templates (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        department_id -> BigInt,
        doctor_id -> Nullable<BigInt>,
        title -> Text,
        is_expert -> Bool,
        weekday -> Integer,
        session -> Text,
        start_time -> Text,
        end_time -> Text,
        slot_minutes -> Integer,
        onsite_every -> Integer,
        quotas -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    appt_holidays (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        day -> Date,
        name -> Text,
    }
}

diesel::table! {
    appt_sessions (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        department_id -> BigInt,
        doctor_id -> Nullable<BigInt>,
        template_id -> Nullable<BigInt>,
        title -> Text,
        is_expert -> Bool,
        day -> Date,
        session -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        slot_minutes -> Integer,
        capacity -> Integer,
        onsite_every -> Integer,
        quotas -> Text,
        release_at -> Timestamp,
        status -> Text,
        suspend_reason -> Nullable<Text>,
        suspended_at -> Nullable<Timestamp>,
        suspended_by -> Nullable<BigInt>,
        swept_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    appt_slots (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        session_id -> BigInt,
        seq -> Integer,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        reserved_for -> Nullable<Text>,
        status -> Text,
        hold_until -> Nullable<Timestamp>,
        appointment_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    appt_api_keys (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        name -> Text,
        channel -> Text,
        key_hash -> Text,
        key_prefix -> Text,
        per_minute -> Integer,
        active -> Bool,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    appointments (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        session_id -> BigInt,
        slot_id -> BigInt,
        seq -> Integer,
        patient_id -> BigInt,
        department_id -> BigInt,
        doctor_id -> Nullable<BigInt>,
        channel -> Text,
        status -> Text,
        hold_until -> Nullable<Timestamp>,
        api_key_id -> Nullable<BigInt>,
        client_ref -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        cancel_reason -> Nullable<Text>,
        checked_in_at -> Nullable<Timestamp>,
        no_show_at -> Nullable<Timestamp>,
        reminder_sms_id -> Nullable<BigInt>,
        rescheduled_from -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    appt_blocks (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        reason -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        lifted_at -> Nullable<Timestamp>,
        lifted_by -> Nullable<BigInt>,
        lift_reason -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    appt_suspension_notices (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        session_id -> BigInt,
        appointment_id -> BigInt,
        patient_id -> BigInt,
        sms_id -> Nullable<BigInt>,
        offer_session_id -> Nullable<BigInt>,
        status -> Text,
        new_appointment_id -> Nullable<BigInt>,
        note -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    appt_waitlist (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        session_id -> BigInt,
        patient_id -> BigInt,
        channel -> Text,
        status -> Text,
        appointment_id -> Nullable<BigInt>,
        offer_expires_at -> Nullable<Timestamp>,
        sms_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}
