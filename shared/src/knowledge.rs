//! Knowledge base (知识库) and lookup data vocabulary.

use crate::vocab::text_enum;

text_enum! {
    /// Where a version of an article stands in the review.
    pub enum KbVersionStatus {
        Draft = "draft",
        /// Submitted, awaiting review.
        Pending = "pending",
        Published = "published",
        /// Was published; a newer version replaced it.
        Superseded = "superseded",
        Rejected = "rejected",
    }
}

text_enum! {
    /// What a lookup item describes (the agent's quick answers).
    pub enum LookupKind {
        Drug = "drug",
        Directory = "directory",
        Clinic = "clinic",
        Lab = "lab",
        Exam = "exam",
        /// The staff address book (restricted).
        Staff = "staff",
    }
}
