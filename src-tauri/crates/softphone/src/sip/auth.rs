//! Digest authentication (RFC 2617 / RFC 3261 §22), MD5 with and without qop=auth.
use md5::{Digest, Md5};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Challenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    pub algorithm: Option<String>,
    pub qop_auth: bool,
    pub stale: bool,
}

/// Splits `k=v, k="v, w"` into pairs.
fn params(s: &str) -> Vec<(String, String)> {
    super::message::split_commas(s)
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().trim_matches('"').to_string()))
        })
        .collect()
}

impl Challenge {
    /// Parses a WWW-Authenticate / Proxy-Authenticate value. Only Digest with
    /// MD5 (or no algorithm) is accepted.
    pub fn parse(v: &str) -> Option<Challenge> {
        let (scheme, rest) = v.trim().split_once(char::is_whitespace)?;
        if !scheme.eq_ignore_ascii_case("digest") {
            return None;
        }
        let mut c = Challenge::default();
        for (k, v) in params(rest) {
            match k.as_str() {
                "realm" => c.realm = v,
                "nonce" => c.nonce = v,
                "opaque" => c.opaque = Some(v),
                "algorithm" => c.algorithm = Some(v),
                "qop" => c.qop_auth = v.split(',').any(|q| q.trim().eq_ignore_ascii_case("auth")),
                "stale" => c.stale = v.eq_ignore_ascii_case("true"),
                _ => {}
            }
        }
        if c.nonce.is_empty() || c.algorithm.as_deref().is_some_and(|a| !a.eq_ignore_ascii_case("md5")) {
            return None;
        }
        Some(c)
    }
}

fn md5_hex(s: &str) -> String {
    hex::encode(Md5::digest(s.as_bytes()))
}

/// The response value and the full Authorization header value.
pub fn authorization(
    c: &Challenge,
    user: &str,
    password: &str,
    method: &str,
    uri: &str,
    nc: u32,
    cnonce: &str,
) -> String {
    let ha1 = md5_hex(&format!("{user}:{}:{password}", c.realm));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let nc = format!("{nc:08x}");
    let response = if c.qop_auth {
        md5_hex(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", c.nonce))
    } else {
        md5_hex(&format!("{ha1}:{}:{ha2}", c.nonce))
    };
    let mut v = format!(
        "Digest username=\"{user}\", realm=\"{}\", nonce=\"{}\", uri=\"{uri}\", response=\"{response}\", algorithm=MD5",
        c.realm, c.nonce
    );
    if c.qop_auth {
        v.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
    }
    if let Some(o) = &c.opaque {
        v.push_str(&format!(", opaque=\"{o}\""));
    }
    v
}

/// Checks an Authorization value against a password (used by tests and the
/// fuzz harness; the phone itself is never a registrar).
pub fn verify(authz: &str, password: &str, method: &str) -> bool {
    let Some(rest) = authz.trim().strip_prefix("Digest ") else { return false };
    let p: std::collections::HashMap<String, String> = params(rest).into_iter().collect();
    let g = |k: &str| p.get(k).cloned().unwrap_or_default();
    let c = Challenge { realm: g("realm"), nonce: g("nonce"), qop_auth: g("qop") == "auth", ..Default::default() };
    let nc = u32::from_str_radix(&g("nc"), 16).unwrap_or(0);
    let expect = authorization(&c, &g("username"), password, method, &g("uri"), nc, &g("cnonce"));
    expect.contains(&format!("response=\"{}\"", g("response")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2617_example() {
        // RFC 2617 §3.5: the response for Mufasa is 6629fae49393a05397450978507c4ef1.
        let c = Challenge::parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"").unwrap();
        assert!(c.qop_auth);
        let v = authorization(&c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");
        assert!(v.contains("response=\"6629fae49393a05397450978507c4ef1\""), "{v}");
        assert!(v.contains("nc=00000001") && v.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        assert!(verify(&v, "Circle Of Life", "GET"));
        assert!(!verify(&v, "wrong", "GET"));
        assert!(Challenge::parse("Basic realm=x").is_none());
        assert!(Challenge::parse("Digest realm=x, nonce=y, algorithm=SHA-256").is_none());
    }
}
