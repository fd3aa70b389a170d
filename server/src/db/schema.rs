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
        phone -> Nullable<Text>,
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
    hl7_messages (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        control_id -> Nullable<Text>,
        event -> Text,
        sending_app -> Text,
        charset -> Text,
        mrn -> Nullable<Text>,
        patient_id -> Nullable<BigInt>,
        status -> Text,
        ack_code -> Text,
        error -> Nullable<Text>,
        raw -> Binary,
        ack -> Text,
        remote -> Text,
        attempts -> Integer,
        received_at -> Timestamp,
        processed_at -> Timestamp,
    }
}

diesel::table! {
    import_batches (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        kind -> Text,
        file_name -> Text,
        file_hash -> Text,
        content -> Binary,
        mode -> Nullable<Text>,
        status -> Text,
        total_rows -> Integer,
        processed_rows -> Integer,
        imported_rows -> Integer,
        error_rows -> Integer,
        errors -> Text,
        message -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    exam_results (id) {
        id -> BigInt,
        hospital_id -> BigInt,
        patient_id -> BigInt,
        exam_no -> Text,
        exam_date -> Date,
        item -> Text,
        result -> Text,
        abnormal -> Bool,
        level -> Nullable<Text>,
        batch_id -> Nullable<BigInt>,
        created_at -> Timestamp,
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
diesel::joinable!(followup_tasks -> patients (patient_id));
diesel::joinable!(followup_attempts -> followup_tasks (task_id));
diesel::joinable!(followup_plan_patients -> followup_plans (plan_id));
diesel::joinable!(questionnaire_versions -> questionnaires (questionnaire_id));
diesel::joinable!(survey_responses -> questionnaire_versions (version_id));
diesel::joinable!(staff_survey_assignees -> users (user_id));
diesel::joinable!(staff_survey_assignees -> staff_surveys (staff_survey_id));
diesel::joinable!(staff_surveys -> questionnaire_versions (version_id));
diesel::joinable!(appt_slots -> appt_sessions (session_id));
diesel::joinable!(appt_sessions -> departments (department_id));
diesel::joinable!(appointments -> appt_sessions (session_id));
diesel::joinable!(appointments -> patients (patient_id));
diesel::joinable!(appt_suspension_notices -> appointments (appointment_id));
diesel::joinable!(appt_waitlist -> appt_sessions (session_id));
diesel::joinable!(calls -> users (agent_id));
diesel::joinable!(call_recordings -> calls (call_id));
diesel::joinable!(recording_tickets -> call_recordings (recording_id));
diesel::joinable!(agent_states -> users (user_id));
diesel::joinable!(evaluation_ratings -> evaluation_windows (window_id));
diesel::joinable!(evaluation_windows -> departments (department_id));
diesel::joinable!(feedback_history -> feedback_tickets (ticket_id));
diesel::joinable!(feedback_ticket_departments -> feedback_tickets (ticket_id));
diesel::joinable!(kb_versions -> kb_articles (article_id));
diesel::joinable!(kb_terms -> kb_articles (article_id));
diesel::joinable!(his_inpatients -> departments (department_id));
diesel::joinable!(his_surgeries -> departments (department_id));

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
    followup_tasks,
    hl7_messages,
    import_batches,
    exam_results,
    followup_settings,
    followup_rules,
    followup_plans,
    followup_plan_patients,
    followup_revisits,
    followup_attempts,
    questionnaires,
    questionnaire_versions,
    survey_link_keys,
    survey_links,
    kiosk_devices,
    staff_surveys,
    staff_survey_assignees,
    survey_responses,
    appt_templates,
    appt_holidays,
    appt_sessions,
    appt_slots,
    appt_api_keys,
    appointments,
    appt_blocks,
    appt_suspension_notices,
    appt_waitlist,
    calls,
    call_recordings,
    recording_tickets,
    agent_states,
    evaluation_windows,
    evaluation_ratings,
    feedback_tickets,
    feedback_ticket_departments,
    feedback_history,
    feedback_templates,
    kb_articles,
    kb_versions,
    kb_terms,
    lookup_items,
    his_inpatients,
    his_surgeries,
    inquiries,
);
