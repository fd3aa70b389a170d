//! The questionnaire engine (问卷): templates with sections, question types,
//! scored options and forward-only branching; the path a respondent takes;
//! response validation; scoring and satisfaction; versions; JSON exchange.
//! Pure: no I/O, used by the server and mirrored in the UI for live
//! branching.

pub mod api;
pub mod json;
pub mod logic;
pub mod model;
pub mod version;

#[cfg(test)]
mod tests;

pub use logic::*;
pub use model::*;

crate::vocab::text_enum! {
    /// How an answer sheet arrived. Answers recorded without naming a
    /// channel are the agent's on the phone.
    #[derive(Default)]
    pub enum ResponseChannel {
        /// The agent's phone script.
        #[default]
        Phone = "phone",
        Kiosk = "kiosk",
        /// The public form behind an SMS link.
        SmsLink = "sms_link",
        /// A staff survey.
        Staff = "staff",
        /// Staff recording answers on a patient's behalf.
        Web = "web",
    }
}
