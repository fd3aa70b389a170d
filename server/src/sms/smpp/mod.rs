//! SMPP 3.4: the PDU codec and the client, and the provider that sends
//! outbox messages through them.
//!
//! Our own code: the SMPP crates on crates.io are unmaintained or cover
//! only the PDU codec; the gateways we connect to need a client that
//! pipelines submits in a window, answers enquire_link, reconnects and
//! matches delivery receipts, which is the part written here.

pub mod client;
pub mod pdu;

use std::sync::Arc;

use tokio::sync::mpsc;

use self::client::{ClientError, Inbound, SmppClient};
use self::pdu::ShortMessage;
use super::provider::{Accepted, Outgoing, ProviderEvent, Receipt, SendError, SendFuture, SmsProvider};
use crate::config::SmppConfig;

pub struct SmppProvider {
    client: Arc<SmppClient>,
    config: SmppConfig,
}

impl SmppProvider {
    pub fn new(config: SmppConfig, events: mpsc::UnboundedSender<ProviderEvent>) -> anyhow::Result<SmppProvider> {
        if config.address.is_empty() {
            anyhow::bail!("[sms.smpp] address is required");
        }
        let on_inbound: client::InboundFn = Arc::new(move |i| match i {
            Inbound::Receipt(r) if r.is_final() => {
                let _ = events.send(ProviderEvent::Receipt(Receipt {
                    provider: "smpp".into(),
                    delivered: r.delivered(),
                    error: (!r.delivered()).then(|| match &r.err {
                        Some(e) => format!("{} (err {e})", r.stat),
                        None => r.stat.clone(),
                    }),
                    provider_message_id: r.message_id,
                }));
            }
            Inbound::Receipt(_) => {}
            Inbound::Message { from, text } => {
                let _ = events.send(ProviderEvent::Reply { phone: from, text });
            }
        });
        Ok(SmppProvider { client: SmppClient::new(config.clone(), on_inbound), config })
    }

    pub fn client(&self) -> &Arc<SmppClient> {
        &self.client
    }
}

impl SmsProvider for SmppProvider {
    fn name(&self) -> &'static str {
        "smpp"
    }

    fn send<'a>(&'a self, msg: &'a Outgoing) -> SendFuture<'a> {
        Box::pin(async move {
            let enc = pdu::encode_text(&msg.text, (msg.message_id & 0xFF) as u8);
            let mut ids = Vec::with_capacity(enc.segments.len());
            for segment in enc.segments {
                let sm = ShortMessage {
                    source_addr_ton: 0,
                    source_addr_npi: 0,
                    source_addr: self.config.source_addr.clone(),
                    dest_addr_ton: 0,
                    dest_addr_npi: 1,
                    destination_addr: msg.phone.clone(),
                    esm_class: if enc.concatenated { pdu::ESM_UDHI } else { 0 },
                    registered_delivery: self.config.delivery_receipts as u8,
                    data_coding: enc.data_coding,
                    short_message: segment,
                    // Our message id, so an SMSC log can match repeats.
                    tlvs: vec![(
                        pdu::TLV_USER_MESSAGE_REFERENCE,
                        ((msg.message_id & 0xFFFF) as u16).to_be_bytes().to_vec(),
                    )],
                    ..Default::default()
                };
                match self.client.submit(sm).await {
                    Ok(id) => ids.push(id),
                    Err(ClientError::Status(s)) if s == pdu::ESME_RTHROTTLED || s == pdu::ESME_RMSGQFUL => {
                        return Err(SendError::retry(format!("SMSC busy (command_status 0x{s:08X})")))
                    }
                    Err(e @ ClientError::Status(_)) => return Err(SendError::fatal(e.to_string())),
                    Err(e) => return Err(SendError::retry(e.to_string())),
                }
            }
            Ok(Accepted { provider_ids: ids })
        })
    }
}
