//! Feedback tickets and the knowledge base (articles, search terms, lookups, inquiries).

diesel::table! {
    feedback_tickets (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        number -> Text,
        kind -> Text,
        source -> Text,
        source_ref -> Nullable<Text>,
        severity -> Text,
        status -> Text,
        anonymous -> Bool,
        patient_id -> Nullable<BigInt>,
        contact_name -> Text,
        contact_phone -> Nullable<Text>,
        topic -> Text,
        content -> Text,
        staff_user_id -> Nullable<BigInt>,
        staff_name -> Text,
        current_department_id -> Nullable<BigInt>,
        secret_hash -> Nullable<Text>,
        call_uuid -> Nullable<Text>,
        first_response_due -> Timestamp,
        resolution_due -> Timestamp,
        first_responded_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        paused_at -> Nullable<Timestamp>,
        escalation_level -> Integer,
        compensation_cents -> Nullable<BigInt>,
        compensation_status -> Text,
        satisfaction -> Nullable<Integer>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    feedback_ticket_departments (ticket_id, department_id) {
        ticket_id -> BigInt,
        department_id -> BigInt,
    }
}

diesel::table! {
    feedback_history (id) {
        id -> BigInt,
        ticket_id -> BigInt,
        at -> Timestamp,
        user_id -> Nullable<BigInt>,
        username -> Text,
        action -> Text,
        from_status -> Nullable<Text>,
        to_status -> Nullable<Text>,
        department_id -> Nullable<BigInt>,
        body -> Text,
        channel -> Nullable<Text>,
        public -> Bool,
        call_uuid -> Nullable<Text>,
    }
}

diesel::table! {
    feedback_templates (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        code -> Text,
        kind -> Text,
        topic -> Text,
        body -> Text,
    }
}

diesel::table! {
    kb_articles (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        category -> Text,
        title -> Text,
        tags -> Text,
        body -> Text,
        published_version -> Nullable<Integer>,
        source_call_uuid -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    kb_versions (id) {
        id -> BigInt,
        article_id -> BigInt,
        version -> Integer,
        category -> Text,
        title -> Text,
        tags -> Text,
        body -> Text,
        status -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        reviewed_by -> Nullable<BigInt>,
        reviewed_at -> Nullable<Timestamp>,
        review_note -> Nullable<Text>,
    }
}

diesel::table! {
    kb_terms (hospital_id, term, article_id) {
        hospital_id -> BigInt,
        term -> Text,
        article_id -> BigInt,
        weight -> Integer,
    }
}

diesel::table! {
    lookup_items (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        kind -> Text,
        name -> Text,
        name_initials -> Text,
        department -> Text,
        phone -> Text,
        location -> Text,
        price -> Text,
        info -> Text,
        schedule -> Text,
        turnaround -> Text,
    }
}

diesel::table! {
    his_inpatients (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        department_id -> BigInt,
        mrn -> Text,
        name -> Text,
        bed -> Text,
        admitted_on -> Nullable<Date>,
        diagnosis -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    his_surgeries (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        department_id -> BigInt,
        surgery_on -> Date,
        mrn -> Text,
        name -> Text,
        operation -> Text,
        room -> Text,
        start_time -> Text,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    inquiries (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        topic -> Text,
        note -> Text,
        patient_id -> Nullable<BigInt>,
        call_uuid -> Nullable<Text>,
        article_id -> Nullable<BigInt>,
        user_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}
