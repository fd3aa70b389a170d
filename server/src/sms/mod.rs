//! SMS (短信平台): templates, the outbox (stored first, sent by a job),
//! the rules every message obeys, and the providers.

pub mod model;
pub mod provider;
pub mod routes;
pub mod service;
pub mod smpp;

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::provider::{ProviderEvent, SmsProvider};
use self::service::rules::QuietHours;
use crate::app::AppState;
use crate::config::SmsConfig;

/// The configured provider, the rules from the configuration, and the
/// receipts and replies the provider hands in.
pub struct Sms {
    pub provider: Arc<dyn SmsProvider>,
    pub quiet_hours: Option<QuietHours>,
    events_tx: mpsc::UnboundedSender<ProviderEvent>,
    events: Mutex<Option<mpsc::UnboundedReceiver<ProviderEvent>>>,
}

impl Sms {
    pub fn new(config: &SmsConfig) -> anyhow::Result<Sms> {
        let quiet_hours = QuietHours::parse(&config.quiet_hours).map_err(|e| anyhow::anyhow!("[sms] {e}"))?;
        let (tx, rx) = mpsc::unbounded_channel();
        let provider = provider::build(config, tx.clone())?;
        Ok(Sms { provider, quiet_hours, events_tx: tx, events: Mutex::new(Some(rx)) })
    }

    /// Receipts and replies from providers or callbacks; handled by
    /// [`service::event_loop`].
    pub fn event_sender(&self) -> mpsc::UnboundedSender<ProviderEvent> {
        self.events_tx.clone()
    }

    pub fn take_events(&self) -> Option<mpsc::UnboundedReceiver<ProviderEvent>> {
        self.events.lock().unwrap().take()
    }
}

/// This domain's endpoints, nested under `/api/v1` by `router.rs`. Each
/// route, its handler and its OpenAPI entry come from the handler's
/// `#[utoipa::path]` annotation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(routes::list_templates, routes::create_template))
        .routes(routes!(routes::update_template))
        .routes(routes!(routes::list_messages, routes::send))
        .routes(routes!(routes::get_message))
        .routes(routes!(routes::resend))
        .routes(routes!(routes::list_opt_outs, routes::add_opt_out))
        .routes(routes!(routes::receipts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_sms_configuration_stops_the_start() {
        let ok = SmsConfig::default();
        assert_eq!(Sms::new(&ok).unwrap().provider.name(), "none");
        for bad in [
            SmsConfig { provider: "carrier-pigeon".into(), ..Default::default() },
            SmsConfig { provider: "http".into(), ..Default::default() },
            SmsConfig { provider: "smpp".into(), ..Default::default() },
            SmsConfig { quiet_hours: "9pm-8am".into(), ..Default::default() },
        ] {
            assert!(Sms::new(&bad).is_err(), "{bad:?}");
        }
    }
}
