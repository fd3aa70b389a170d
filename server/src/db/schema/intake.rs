//! HIS intake: the HL7 inbox and Excel imports.

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
