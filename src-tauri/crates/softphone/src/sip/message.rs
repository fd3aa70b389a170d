//! SIP message parser and builder (RFC 3261 §7, §20).
//!
//! Headers are kept in order as (canonical name, raw value); compact forms are
//! expanded on parse. The parser is strict where a wrong guess is dangerous
//! (start line, Content-Length, the five mandatory headers, CSeq) and bounded
//! (size, header count), so that garbage from the network is an `Err`, never a
//! panic.
use std::fmt::Write as _;

pub const MAX_MESSAGE: usize = 64 * 1024;
const MAX_HEADERS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    Request { method: String, uri: String },
    Response { code: u16, reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipMessage {
    pub start: StartLine,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("incomplete message")]
    Incomplete,
    #[error("message larger than {MAX_MESSAGE} bytes")]
    TooLarge,
    #[error("bad start line: {0}")]
    StartLine(String),
    #[error("bad header line {0}")]
    Header(usize),
    #[error("too many headers")]
    TooManyHeaders,
    #[error("missing mandatory header {0}")]
    Missing(&'static str),
    #[error("bad {0} header")]
    BadHeader(&'static str),
    #[error("body shorter than Content-Length")]
    ShortBody,
    #[error("message is not UTF-8")]
    Encoding,
}

fn canonical(name: &str) -> String {
    let long = match name.to_ascii_lowercase().as_str() {
        "v" | "via" => "Via",
        "f" | "from" => "From",
        "t" | "to" => "To",
        "i" | "call-id" => "Call-ID",
        "m" | "contact" => "Contact",
        "l" | "content-length" => "Content-Length",
        "c" | "content-type" => "Content-Type",
        "k" | "supported" => "Supported",
        "s" | "subject" => "Subject",
        "r" | "refer-to" => "Refer-To",
        "e" | "content-encoding" => "Content-Encoding",
        "o" | "event" => "Event",
        "cseq" => "CSeq",
        "www-authenticate" => "WWW-Authenticate",
        "proxy-authenticate" => "Proxy-Authenticate",
        "authorization" => "Authorization",
        "proxy-authorization" => "Proxy-Authorization",
        "max-forwards" => "Max-Forwards",
        "expires" => "Expires",
        "min-expires" => "Min-Expires",
        "user-agent" => "User-Agent",
        "allow" => "Allow",
        "record-route" => "Record-Route",
        "route" => "Route",
        _ => return name.to_string(),
    };
    long.to_string()
}

fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
}

impl SipMessage {
    pub fn request(method: &str, uri: &str) -> SipMessage {
        SipMessage {
            start: StartLine::Request { method: method.into(), uri: uri.into() },
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn response(code: u16, reason: &str) -> SipMessage {
        SipMessage { start: StartLine::Response { code, reason: reason.into() }, headers: Vec::new(), body: Vec::new() }
    }

    /// A response to `req` with its Via, From, To, Call-ID and CSeq copied
    /// (RFC 3261 §8.2.6); `to_tag` is added to To when it has none.
    pub fn response_to(req: &SipMessage, code: u16, reason: &str, to_tag: Option<&str>) -> SipMessage {
        let mut r = SipMessage::response(code, reason);
        for (n, v) in &req.headers {
            if matches!(n.as_str(), "Via" | "From" | "Call-ID" | "CSeq" | "Record-Route") {
                r.headers.push((n.clone(), v.clone()));
            } else if n == "To" {
                let mut v = v.clone();
                if let Some(tag) = to_tag {
                    if header_param(&v, "tag").is_none() {
                        v = format!("{v};tag={tag}");
                    }
                }
                r.headers.push((n.clone(), v));
            }
        }
        r
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> SipMessage {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    pub fn with_body(mut self, content_type: &str, body: Vec<u8>) -> SipMessage {
        self.set("Content-Type", content_type);
        self.body = body;
        self
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        match self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(h) => h.1 = value,
            None => self.headers.push((name.to_string(), value)),
        }
    }

    pub fn remove(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn method(&self) -> Option<&str> {
        match &self.start {
            StartLine::Request { method, .. } => Some(method),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<u16> {
        match &self.start {
            StartLine::Response { code, .. } => Some(*code),
            _ => None,
        }
    }

    pub fn call_id(&self) -> &str {
        self.get("Call-ID").unwrap_or("")
    }

    /// (number, method) of CSeq; validated by the parser.
    pub fn cseq(&self) -> (u32, String) {
        parse_cseq(self.get("CSeq").unwrap_or("")).unwrap_or((0, String::new()))
    }

    /// The first Via value (a Via header may carry several, comma-separated).
    pub fn top_via(&self) -> Option<&str> {
        self.get("Via").map(|v| split_commas(v).next().unwrap_or(v).trim())
    }

    pub fn branch(&self) -> Option<&str> {
        self.top_via().and_then(|v| header_param(v, "branch"))
    }

    pub fn from_tag(&self) -> Option<&str> {
        self.get("From").and_then(|v| header_param(v, "tag"))
    }

    pub fn to_tag(&self) -> Option<&str> {
        self.get("To").and_then(|v| header_param(v, "tag"))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = String::with_capacity(512 + self.body.len());
        match &self.start {
            StartLine::Request { method, uri } => {
                let _ = write!(s, "{method} {uri} SIP/2.0\r\n");
            }
            StartLine::Response { code, reason } => {
                let _ = write!(s, "SIP/2.0 {code} {reason}\r\n");
            }
        }
        for (n, v) in &self.headers {
            if !n.eq_ignore_ascii_case("Content-Length") {
                let _ = write!(s, "{n}: {v}\r\n");
            }
        }
        let _ = write!(s, "Content-Length: {}\r\n\r\n", self.body.len());
        let mut out = s.into_bytes();
        out.extend_from_slice(&self.body);
        out
    }

    /// Parses one datagram. Content-Length, when present, must not exceed the body.
    pub fn parse(buf: &[u8]) -> Result<SipMessage, ParseError> {
        match Self::parse_stream(buf)? {
            Some((msg, _)) => Ok(msg),
            None => Err(ParseError::Incomplete),
        }
    }

    /// Parses the first message from a stream (TCP). `Ok(None)` means more
    /// bytes are needed; otherwise returns the message and the bytes used.
    pub fn parse_stream(buf: &[u8]) -> Result<Option<(SipMessage, usize)>, ParseError> {
        let head_end = match find(buf, b"\r\n\r\n") {
            Some(i) => i + 4,
            None => {
                if buf.len() > MAX_MESSAGE {
                    return Err(ParseError::TooLarge);
                }
                return Ok(None);
            }
        };
        if head_end > MAX_MESSAGE {
            return Err(ParseError::TooLarge);
        }
        let head = std::str::from_utf8(&buf[..head_end - 4]).map_err(|_| ParseError::Encoding)?;
        let mut lines = head.split("\r\n");
        let first = lines.next().unwrap_or("");
        let start = parse_start(first)?;
        let mut headers: Vec<(String, String)> = Vec::new();
        for (i, line) in lines.enumerate() {
            if line.starts_with(' ') || line.starts_with('\t') {
                // Folded continuation of the previous header.
                let last = headers.last_mut().ok_or(ParseError::Header(i + 2))?;
                last.1.push(' ');
                last.1.push_str(line.trim());
                continue;
            }
            let (name, value) = line.split_once(':').ok_or(ParseError::Header(i + 2))?;
            let name = name.trim();
            if !is_token(name) {
                return Err(ParseError::Header(i + 2));
            }
            if headers.len() >= MAX_HEADERS {
                return Err(ParseError::TooManyHeaders);
            }
            headers.push((canonical(name), value.trim().to_string()));
        }
        let mut msg = SipMessage { start, headers, body: Vec::new() };
        for h in ["Via", "From", "To", "Call-ID", "CSeq"] {
            if msg.get(h).is_none_or(|v| v.is_empty()) {
                return Err(ParseError::Missing(h));
            }
        }
        let (_, cseq_method) = parse_cseq(msg.get("CSeq").unwrap()).ok_or(ParseError::BadHeader("CSeq"))?;
        if let StartLine::Request { method, .. } = &msg.start {
            if *method != cseq_method && method != "ACK" && method != "CANCEL" {
                return Err(ParseError::BadHeader("CSeq"));
            }
        }
        let rest = &buf[head_end..];
        let len = match msg.get("Content-Length") {
            Some(v) => v.trim().parse::<usize>().map_err(|_| ParseError::BadHeader("Content-Length"))?,
            None => rest.len(),
        };
        if len > MAX_MESSAGE {
            return Err(ParseError::TooLarge);
        }
        if rest.len() < len {
            return Ok(None);
        }
        msg.body = rest[..len].to_vec();
        msg.remove("Content-Length");
        Ok(Some((msg, head_end + len)))
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn parse_start(line: &str) -> Result<StartLine, ParseError> {
    let bad = || ParseError::StartLine(line.chars().take(80).collect());
    if let Some(rest) = line.strip_prefix("SIP/2.0 ") {
        let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
        let code: u16 = code.parse().map_err(|_| bad())?;
        if !(100..700).contains(&code) {
            return Err(bad());
        }
        return Ok(StartLine::Response { code, reason: reason.to_string() });
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(uri), Some("SIP/2.0"), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if !is_token(method) || !uri.contains(':') {
        return Err(bad());
    }
    Ok(StartLine::Request { method: method.to_string(), uri: uri.to_string() })
}

pub fn parse_cseq(v: &str) -> Option<(u32, String)> {
    let mut it = v.split_whitespace();
    let n = it.next()?.parse::<u32>().ok()?;
    let m = it.next()?;
    if it.next().is_some() || !is_token(m) {
        return None;
    }
    Some((n, m.to_string()))
}

/// Splits a header value at commas outside quotes and angle brackets.
pub fn split_commas(v: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let (mut quote, mut angle, mut start) = (false, false, 0);
    for (i, c) in v.char_indices() {
        match c {
            '"' => quote = !quote,
            '<' if !quote => angle = true,
            '>' if !quote => angle = false,
            ',' if !quote && !angle => {
                parts.push(&v[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&v[start..]);
    parts.into_iter()
}

/// The URI of a name-addr or addr-spec (`"Bob" <sip:bob@x>;tag=1` → `sip:bob@x`).
pub fn uri_of(v: &str) -> &str {
    if let (Some(a), Some(b)) = (v.find('<'), v.rfind('>')) {
        if a < b {
            return &v[a + 1..b];
        }
    }
    v.split(';').next().unwrap_or(v).trim()
}

/// The display name of a name-addr, unquoted.
pub fn display_of(v: &str) -> Option<&str> {
    let a = v.find('<')?;
    let d = v[..a].trim().trim_matches('"').trim();
    (!d.is_empty()).then_some(d)
}

/// A header parameter (after the URI's `>`, or after the first `;` without brackets).
pub fn header_param<'a>(v: &'a str, name: &str) -> Option<&'a str> {
    let params = match v.rfind('>') {
        Some(i) => &v[i + 1..],
        None => v.split_once(';').map(|x| x.1).unwrap_or(""),
    };
    params.split(';').find_map(|p| {
        let (k, val) = p.split_once('=').unwrap_or((p, ""));
        k.trim().eq_ignore_ascii_case(name).then(|| val.trim().trim_matches('"'))
    })
}

/// A parsed `sip:` URI, enough to route: user, host, port and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SipUri {
    pub user: Option<String>,
    pub host: String,
    pub port: Option<u16>,
    pub params: Vec<(String, String)>,
}

impl SipUri {
    pub fn parse(s: &str) -> Option<SipUri> {
        let rest = s.strip_prefix("sip:").or_else(|| s.strip_prefix("sips:"))?;
        let rest = rest.split('?').next()?;
        let mut parts = rest.split(';');
        let hostpart = parts.next()?;
        let params = parts.map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_ascii_lowercase(), v.to_string())
        });
        let (user, hostport) = match hostpart.rsplit_once('@') {
            Some((u, h)) => (Some(u.split(':').next().unwrap_or(u).to_string()), h),
            None => (None, hostpart),
        };
        let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
            let (h, p) = v6.split_once(']')?;
            (h.to_string(), p.strip_prefix(':').map(|p| p.parse().ok()).unwrap_or(Some(0)))
        } else {
            match hostport.split_once(':') {
                Some((h, p)) => (h.to_string(), Some(p.parse().ok()?)),
                None => (hostport.to_string(), None),
            }
        };
        if host.is_empty() {
            return None;
        }
        Some(SipUri { user, host, port: port.filter(|p| *p != 0), params: params.collect() })
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// The sent-by host/port and parameters of a Via value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via {
    pub transport: String,
    pub host: String,
    pub port: Option<u16>,
    pub params: Vec<(String, String)>,
}

impl Via {
    pub fn parse(v: &str) -> Option<Via> {
        let (proto, rest) = v.trim().split_once(char::is_whitespace)?;
        let transport = proto.rsplit('/').next()?.to_ascii_uppercase();
        let mut parts = rest.trim().split(';');
        let sent_by = parts.next()?.trim();
        let (host, port) = match sent_by.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(':') => (h.trim_matches(['[', ']']).to_string(), Some(p.parse().ok()?)),
            _ => (sent_by.trim_matches(['[', ']']).to_string(), None),
        };
        let params = parts
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.trim().to_ascii_lowercase(), v.trim().to_string())
            })
            .collect();
        Some(Via { transport, host, port, params })
    }

    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &str = "INVITE sip:1001@10.0.0.5:5060 SIP/2.0\r\n\
v: SIP/2.0/UDP 10.0.0.9:5062;branch=z9hG4bK776;rport\r\n\
Max-Forwards: 70\r\n\
f: \"Zhang San\" <sip:13800138000@pbx>;tag=abc\r\n\
t: <sip:1001@pbx>\r\n\
i: call-1@10.0.0.9\r\n\
CSeq: 1 INVITE\r\n\
Subject: folded\r\n  continuation\r\n\
m: <sip:13800138000@10.0.0.9:5062>\r\n\
c: application/sdp\r\n\
l: 4\r\n\r\nv=0\r\nEXTRA";

    #[test]
    fn parses_compact_forms_folding_and_body() {
        let m = SipMessage::parse(INVITE.as_bytes()).unwrap();
        assert_eq!(m.method(), Some("INVITE"));
        assert_eq!(m.call_id(), "call-1@10.0.0.9");
        assert_eq!(m.cseq(), (1, "INVITE".to_string()));
        assert_eq!(m.branch(), Some("z9hG4bK776"));
        assert_eq!(m.from_tag(), Some("abc"));
        assert_eq!(m.to_tag(), None);
        assert_eq!(m.get("Subject"), Some("folded continuation"));
        assert_eq!(m.body, b"v=0\r");
        assert_eq!(display_of(m.get("From").unwrap()), Some("Zhang San"));
        let uri = SipUri::parse(uri_of(m.get("From").unwrap())).unwrap();
        assert_eq!(uri.user.as_deref(), Some("13800138000"));
        let via = Via::parse(m.top_via().unwrap()).unwrap();
        assert_eq!((via.host.as_str(), via.port, via.param("rport")), ("10.0.0.9", Some(5062), Some("")));
        // Round trip through the builder.
        let again = SipMessage::parse(&m.to_bytes()).unwrap();
        assert_eq!(again, m);
        let r = SipMessage::response_to(&m, 180, "Ringing", Some("xyz"));
        assert_eq!(r.to_tag(), Some("xyz"));
        let r = SipMessage::parse(&r.to_bytes()).unwrap();
        assert_eq!(r.code(), Some(180));
    }

    #[test]
    fn rejects_broken_messages() {
        assert!(matches!(SipMessage::parse(b"HELLO\r\n\r\n"), Err(ParseError::StartLine(_))));
        assert!(matches!(SipMessage::parse(b"SIP/2.0 99 X\r\n\r\n"), Err(ParseError::StartLine(_))));
        let no_cseq = INVITE.replace("CSeq: 1 INVITE\r\n", "");
        assert_eq!(SipMessage::parse(no_cseq.as_bytes()), Err(ParseError::Missing("CSeq")));
        let bad_cseq = INVITE.replace("CSeq: 1 INVITE", "CSeq: 1 BYE");
        assert_eq!(SipMessage::parse(bad_cseq.as_bytes()), Err(ParseError::BadHeader("CSeq")));
        let short = INVITE.replace("l: 4", "l: 400");
        assert_eq!(SipMessage::parse(short.as_bytes()), Err(ParseError::Incomplete));
        assert_eq!(SipMessage::parse_stream(short.as_bytes()), Ok(None));
        let bad_len = INVITE.replace("l: 4", "l: -4");
        assert_eq!(SipMessage::parse(bad_len.as_bytes()), Err(ParseError::BadHeader("Content-Length")));
    }

    #[test]
    fn stream_framing_splits_two_messages() {
        let mut two = INVITE.as_bytes().to_vec();
        two.truncate(two.len() - 6);
        let one_len = two.len();
        two.extend_from_slice(&two.clone());
        let (_, used) = SipMessage::parse_stream(&two).unwrap().unwrap();
        assert_eq!(used, one_len);
        assert!(SipMessage::parse_stream(&two[used..]).unwrap().is_some());
    }

    #[test]
    fn uris_and_params() {
        let u = SipUri::parse("sip:alice:pw@[::1]:5070;transport=tcp;lr").unwrap();
        assert_eq!(
            (u.user.as_deref(), u.host.as_str(), u.port, u.param("transport")),
            (Some("alice"), "::1", Some(5070), Some("tcp"))
        );
        assert!(SipUri::parse("http://x").is_none());
        assert!(SipUri::parse("sip:@").is_none());
        assert_eq!(header_param("sip:a@b;tag=1", "tag"), Some("1"));
        assert_eq!(split_commas("<sip:a,b>;x=1, \"c,d\" <sip:e>").count(), 2);
    }
}
