//! SMS providers behind one trait, chosen in the configuration
//! (`[sms] provider = "http" | "smpp" | "none"`).

pub mod http;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::mpsc;

use crate::config::SmsConfig;

/// One message as a provider sees it.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub message_id: i64,
    /// The same for every attempt at this message: a gateway that honours
    /// it sends the message once however often a crash makes us retry.
    pub idempotency_key: String,
    /// Normalised digits.
    pub phone: String,
    pub text: String,
}

/// The provider took the message: its id for each segment.
#[derive(Debug, Clone)]
pub struct Accepted {
    pub provider_ids: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct SendError {
    /// Transient (timeout, 5xx, connection lost, throttled): try again later.
    pub retryable: bool,
    pub reason: String,
}

impl SendError {
    pub fn retry(reason: impl Into<String>) -> SendError {
        SendError { retryable: true, reason: reason.into() }
    }
    pub fn fatal(reason: impl Into<String>) -> SendError {
        SendError { retryable: false, reason: reason.into() }
    }
}

/// A delivery receipt for one segment.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub provider: String,
    pub provider_message_id: String,
    pub delivered: bool,
    /// The final state when not delivered (`UNDELIV`, `EXPIRED`, ...).
    pub error: Option<String>,
}

/// What a provider hears from the network besides answers to its sends.
#[derive(Debug, Clone)]
pub enum ProviderEvent {
    Receipt(Receipt),
    /// A patient's reply (mobile-originated); "TD" / "退订" opts out.
    Reply {
        phone: String,
        text: String,
    },
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<Accepted, SendError>> + Send + 'a>>;

pub trait SmsProvider: Send + Sync {
    fn name(&self) -> &'static str;
    fn send<'a>(&'a self, msg: &'a Outgoing) -> SendFuture<'a>;
}

/// No provider configured: messages fail with that reason instead of
/// waiting forever.
pub struct NoProvider;

impl SmsProvider for NoProvider {
    fn name(&self) -> &'static str {
        "none"
    }
    fn send<'a>(&'a self, _msg: &'a Outgoing) -> SendFuture<'a> {
        Box::pin(async { Err(SendError::fatal("no SMS provider is configured ([sms] provider)")) })
    }
}

/// Builds the configured provider; what it hears goes to `events`.
pub fn build(config: &SmsConfig, events: mpsc::UnboundedSender<ProviderEvent>) -> anyhow::Result<Arc<dyn SmsProvider>> {
    Ok(match config.provider.as_str() {
        "none" | "" => Arc::new(NoProvider),
        "http" => Arc::new(http::HttpGateway::new(config.http.clone())?),
        "smpp" => Arc::new(super::smpp::SmppProvider::new(config.smpp.clone(), events)?),
        other => anyhow::bail!("[sms] provider = {other:?}: use none, http or smpp"),
    })
}
