//! SMS (短信平台): templates, the outbox (stored first, sent by a job),
//! the rules every message obeys, and the providers.

pub mod outbox;
pub mod provider;
pub mod routes;
pub mod rules;
pub mod smpp;
pub mod template;

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;

use self::provider::{Receipt, SmsProvider};
use self::rules::QuietHours;
use crate::config::SmsConfig;

/// The configured provider, the rules from the configuration, and the
/// receipts the provider hands in.
pub struct Sms {
    pub provider: Arc<dyn SmsProvider>,
    pub quiet_hours: Option<QuietHours>,
    receipts_tx: mpsc::UnboundedSender<Receipt>,
    receipts: Mutex<Option<mpsc::UnboundedReceiver<Receipt>>>,
}

impl Sms {
    pub fn new(config: &SmsConfig) -> anyhow::Result<Sms> {
        let quiet_hours = QuietHours::parse(&config.quiet_hours).map_err(|e| anyhow::anyhow!("[sms] {e}"))?;
        let (tx, rx) = mpsc::unbounded_channel();
        let provider = provider::build(config, tx.clone())?;
        Ok(Sms { provider, quiet_hours, receipts_tx: tx, receipts: Mutex::new(Some(rx)) })
    }

    /// Receipts from providers or callbacks; handled by [`outbox::receipt_loop`].
    pub fn receipt_sender(&self) -> mpsc::UnboundedSender<Receipt> {
        self.receipts_tx.clone()
    }

    pub fn take_receipts(&self) -> Option<mpsc::UnboundedReceiver<Receipt>> {
        self.receipts.lock().unwrap().take()
    }
}
