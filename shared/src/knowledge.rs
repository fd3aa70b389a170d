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

text_enum! {
    /// The HIS exports the lookup data is imported from.
    pub enum LookupImport {
        /// 科室, 住院号, 姓名, 床号, 入院日期, 诊断.
        Inpatients = "inpatients",
        /// 日期, 科室, 住院号, 姓名, 手术名称, 手术间, 时间.
        Surgeries = "surgeries",
    }
}
