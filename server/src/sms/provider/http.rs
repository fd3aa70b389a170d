//! A generic HTTP SMS gateway: URL, method, headers and body are templates
//! from the configuration, success is a text the answer must contain, so
//! any gateway can be plugged in without code.

use std::time::Duration;

use reqwest::Method;

use super::{Accepted, Outgoing, SendError, SendFuture, SmsProvider};
use crate::config::HttpGatewayConfig;

pub struct HttpGateway {
    config: HttpGatewayConfig,
    method: Method,
    client: reqwest::Client,
}

impl HttpGateway {
    pub fn new(config: HttpGatewayConfig) -> anyhow::Result<HttpGateway> {
        if config.url.is_empty() {
            anyhow::bail!("[sms.http] url is required");
        }
        let method = Method::from_bytes(config.method.to_uppercase().as_bytes())
            .map_err(|_| anyhow::anyhow!("[sms.http] method {:?}", config.method))?;
        let client = reqwest::Client::builder().timeout(Duration::from_millis(config.timeout_ms.max(1))).build()?;
        Ok(HttpGateway { config, method, client })
    }
}

#[derive(Clone, Copy)]
enum Escape {
    Json,
    Url,
    None,
}

fn fill(template: &str, msg: &Outgoing, escape: Escape) -> String {
    let esc = |v: &str| match escape {
        Escape::Json => {
            let s = serde_json::to_string(v).unwrap_or_default();
            s[1..s.len() - 1].to_string()
        }
        Escape::Url => form_urlencoded::byte_serialize(v.as_bytes()).collect(),
        Escape::None => v.to_string(),
    };
    template
        .replace("{{phone}}", &esc(&msg.phone))
        .replace("{{text}}", &esc(&msg.text))
        .replace("{{idempotency_key}}", &esc(&msg.idempotency_key))
        .replace("{{message_id}}", &esc(&msg.message_id.to_string()))
}

impl SmsProvider for HttpGateway {
    fn name(&self) -> &'static str {
        "http"
    }

    fn send<'a>(&'a self, msg: &'a Outgoing) -> SendFuture<'a> {
        Box::pin(async move {
            let c = &self.config;
            let json = c.content_type.contains("json");
            let url = fill(&c.url, msg, Escape::Url);
            let mut req = self.client.request(self.method.clone(), &url);
            for (k, v) in &c.headers {
                req = req.header(k, fill(v, msg, Escape::None));
            }
            if !c.body.is_empty() && self.method != Method::GET {
                req = req.header(reqwest::header::CONTENT_TYPE, &c.content_type).body(fill(
                    &c.body,
                    msg,
                    if json { Escape::Json } else { Escape::Url },
                ));
            }
            let res = req.send().await.map_err(|e| {
                let what = if e.is_timeout() {
                    "timed out"
                } else if e.is_connect() {
                    "cannot connect"
                } else {
                    "request failed"
                };
                SendError::retry(format!("gateway {what}: {}", without_url(&e)))
            })?;
            let status = res.status();
            let body = res
                .text()
                .await
                .map_err(|e| SendError::retry(format!("gateway answer unreadable: {}", without_url(&e))))?;
            let excerpt: String = body.chars().take(200).collect();
            if status.is_server_error() || status.as_u16() == 429 || status.as_u16() == 408 {
                return Err(SendError::retry(format!("gateway answered {status}: {excerpt}")));
            }
            if !status.is_success() {
                return Err(SendError::fatal(format!("gateway refused with {status}: {excerpt}")));
            }
            if !c.success_pattern.is_empty() && !body.contains(&c.success_pattern) {
                return Err(SendError::fatal(format!("gateway did not confirm: {excerpt}")));
            }
            let id = if c.message_id_pointer.is_empty() {
                None
            } else {
                serde_json::from_str::<serde_json::Value>(&body).ok().and_then(|v| {
                    v.pointer(&c.message_id_pointer).map(|id| match id {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                })
            };
            Ok(Accepted { provider_ids: vec![id.unwrap_or_else(|| msg.idempotency_key.clone())] })
        })
    }
}

/// Reads the receipts a gateway posts back: one JSON object or an array,
/// fields found by the configured pointers. Entries without an id are
/// skipped.
pub fn parse_receipts(config: &HttpGatewayConfig, body: &serde_json::Value) -> Vec<super::Receipt> {
    let text = |v: Option<&serde_json::Value>| -> Option<String> {
        match v? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        }
    };
    let items: Vec<&serde_json::Value> = match body {
        serde_json::Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|item| {
            let id = text(item.pointer(&config.receipt_id_pointer))?;
            let status = text(item.pointer(&config.receipt_status_pointer)).unwrap_or_default();
            let delivered = config.receipt_delivered.iter().any(|d| d.eq_ignore_ascii_case(&status));
            let error = (!delivered).then(|| match text(item.pointer(&config.receipt_error_pointer)) {
                Some(e) if !e.is_empty() => format!("{status}: {e}"),
                _ => status.clone(),
            });
            Some(super::Receipt { provider: "http".into(), provider_message_id: id, delivered, error })
        })
        .collect()
}

/// reqwest's errors carry the URL, which may hold an API key.
fn without_url(e: &reqwest::Error) -> String {
    let mut s = e.to_string();
    if let Some(u) = e.url() {
        s = s.replace(u.as_str(), "<gateway>");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_by_pointer() {
        let c = HttpGatewayConfig::default();
        let r = parse_receipts(
            &c,
            &serde_json::json!([{"msgid": "a1", "status": "DELIVRD"}, {"msgid": 7, "status": "UNDELIV", "error": "空号"}, {"status": "x"}]),
        );
        assert_eq!(r.len(), 2);
        assert!(r[0].delivered && r[0].error.is_none());
        assert_eq!(
            (r[1].provider_message_id.as_str(), r[1].delivered, r[1].error.as_deref()),
            ("7", false, Some("UNDELIV: 空号"))
        );
    }

    #[test]
    fn placeholders_are_escaped_for_their_place() {
        let m = Outgoing {
            message_id: 7,
            idempotency_key: "k-7".into(),
            phone: "13800000000".into(),
            text: "张三\"您好\"&".into(),
        };
        assert_eq!(
            fill(r#"{"t":"{{text}}","k":"{{idempotency_key}}"}"#, &m, Escape::Json),
            r#"{"t":"张三\"您好\"&","k":"k-7"}"#
        );
        assert_eq!(
            fill("https://g/send?to={{phone}}&msg={{text}}", &m, Escape::Url),
            "https://g/send?to=13800000000&msg=%E5%BC%A0%E4%B8%89%22%E6%82%A8%E5%A5%BD%22%26"
        );
    }
}
