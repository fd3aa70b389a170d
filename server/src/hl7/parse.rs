//! HL7 v2 (ER7, "pipe") parsing: bytes → text by MSH-18, segments, fields,
//! repetitions, components, sub-components and escape sequences.
//!
//! Positions follow the standard: `PID-7` is the 7th field after the
//! segment name; for MSH, MSH-1 is the field separator itself and MSH-2 the
//! encoding characters, so `MSH-10` is the control id as everywhere else.

use std::fmt;

/// Where a problem is and what it is, for the ACK's ERR segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hl7Error {
    /// Segment id, e.g. "PID".
    pub segment: String,
    /// Field position (0 = the whole segment or message).
    pub field: usize,
    /// HL7 table 0357 code: 100 segment sequence, 101 required field
    /// missing, 102 data type error, 103 table value not found, 200
    /// unsupported message type, 201 unsupported event, 204 unknown key,
    /// 207 application internal error.
    pub code: u16,
    pub reason: String,
    /// Message-level (AR) rather than content (AE).
    pub reject: bool,
}

impl Hl7Error {
    pub fn field(segment: &str, field: usize, code: u16, reason: impl Into<String>) -> Hl7Error {
        Hl7Error { segment: segment.into(), field, code, reason: reason.into(), reject: false }
    }
    pub fn reject(segment: &str, field: usize, code: u16, reason: impl Into<String>) -> Hl7Error {
        Hl7Error { segment: segment.into(), field, code, reason: reason.into(), reject: true }
    }
    /// "PID-7" (or "MSH" for a segment-level problem).
    pub fn location(&self) -> String {
        if self.field == 0 {
            self.segment.clone()
        } else {
            format!("{}-{}", self.segment, self.field)
        }
    }
    pub fn code_text(&self) -> &'static str {
        match self.code {
            100 => "Segment sequence error",
            101 => "Required field missing",
            102 => "Data type error",
            103 => "Table value not found",
            200 => "Unsupported message type",
            201 => "Unsupported event code",
            203 => "Unsupported version id",
            204 => "Unknown key identifier",
            205 => "Duplicate key identifier",
            _ => "Application internal error",
        }
    }
}

impl fmt::Display for Hl7Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.reason)
    }
}

/// The character sets of MSH-18 this intake understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Gb18030,
}

impl Charset {
    /// Table 0211 names and the spellings Chinese HIS vendors use.
    pub fn parse(value: &str) -> Option<Charset> {
        let v: String = value.trim().to_ascii_uppercase().chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect();
        match v.as_str() {
            "" | "ASCII" | "UNICODEUTF8" | "UTF8" => Some(Charset::Utf8),
            "GB18030" | "GB180302000" | "GB180302005" | "GBK" | "GB2312" | "CP936" => Some(Charset::Gb18030),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UNICODE UTF-8",
            Charset::Gb18030 => "GB 18030-2000",
        }
    }
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Charset::Utf8 => text.as_bytes().to_vec(),
            Charset::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        }
    }
    /// Strict decoding: invalid bytes are an error, never replaced.
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Charset::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
            Charset::Gb18030 => {
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes).map(|c| c.into_owned())
            }
        }
    }
    /// For showing a stored message whatever its state.
    pub fn decode_lossy(self, bytes: &[u8]) -> String {
        match self {
            Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Charset::Gb18030 => encoding_rs::GB18030.decode_without_bom_handling(bytes).0.into_owned(),
        }
    }
}

/// The header as far as it can be read from raw bytes before decoding:
/// MSH is ASCII up to MSH-18 in every real message, so the separators and
/// MSH-18 are found on the bytes themselves.
pub fn sniff_charset(raw: &[u8], default: Charset) -> Result<Charset, Hl7Error> {
    let raw = trim_start(raw);
    if raw.len() < 8 || &raw[..3] != b"MSH" {
        return Err(Hl7Error::reject("MSH", 0, 100, "the message does not start with an MSH segment"));
    }
    let sep = raw[3];
    let end = raw.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(raw.len());
    // MSH-1 is the separator, so split field n is MSH-(n+1).
    let field18 = raw[..end].split(|&b| b == sep).nth(17).unwrap_or(b"");
    if field18.is_empty() {
        return Ok(default);
    }
    let first_rep = field18.split(|&b| b == raw.get(5).copied().unwrap_or(b'~')).next().unwrap_or(b"");
    let name = String::from_utf8_lossy(first_rep);
    Charset::parse(&name).ok_or_else(|| {
        Hl7Error::reject(
            "MSH",
            18,
            103,
            format!("character set {:?} is not supported (use UNICODE UTF-8 or GB 18030-2000)", name.trim()),
        )
    })
}

fn trim_start(raw: &[u8]) -> &[u8] {
    let start = raw.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(raw.len());
    &raw[start..]
}

/// Separators from MSH-1 and MSH-2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiters {
    pub field: char,
    pub component: char,
    pub repetition: char,
    pub escape: char,
    pub subcomponent: char,
}

impl Default for Delimiters {
    fn default() -> Self {
        Delimiters { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' }
    }
}

#[derive(Debug, Clone)]
pub struct Segment {
    pub name: String,
    /// `fields[n]` is field n (`fields[0]` is the name).
    pub fields: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub delimiters: Delimiters,
    pub segments: Vec<Segment>,
}

impl Message {
    /// Parses decoded text. Segments end with CR (LF and CRLF are tolerated).
    pub fn parse(text: &str) -> Result<Message, Hl7Error> {
        let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !text.starts_with("MSH") {
            return Err(Hl7Error::reject("MSH", 0, 100, "the message does not start with an MSH segment"));
        }
        let mut chars = text[3..].chars();
        let field = chars.next().ok_or_else(|| Hl7Error::reject("MSH", 1, 101, "the field separator is missing"))?;
        let enc: Vec<char> = chars.take_while(|&c| c != field).collect();
        if enc.len() < 3
            || enc.len() > 5
            || field.is_alphanumeric()
            || enc.iter().any(|c| c.is_alphanumeric() || *c == '\r' || *c == '\n')
        {
            return Err(Hl7Error::reject("MSH", 2, 102, "the encoding characters must be like ^~\\&"));
        }
        let d = Delimiters {
            field,
            component: enc[0],
            repetition: enc[1],
            escape: enc[2],
            subcomponent: enc.get(3).copied().unwrap_or('&'),
        };
        let mut segments = Vec::new();
        for line in text.split(['\r', '\n']) {
            if line.trim().is_empty() {
                continue;
            }
            let mut parts: Vec<String> = line.split(d.field).map(str::to_string).collect();
            let name = parts[0].clone();
            if name.len() != 3 || !name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
                return Err(Hl7Error::reject(
                    &name.chars().take(3).collect::<String>(),
                    0,
                    100,
                    format!("segment {} is not a segment name", segments.len() + 1),
                ));
            }
            if name == "MSH" {
                // MSH-1 is the separator itself; keep positions standard.
                parts.insert(1, d.field.to_string());
            }
            segments.push(Segment { name, fields: parts });
        }
        Ok(Message { delimiters: d, segments })
    }

    pub fn segment(&self, name: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Segment> + 'a {
        self.segments.iter().filter(move |s| s.name == name)
    }

    /// The raw (still escaped) field.
    pub fn raw_field<'a>(&self, seg: &'a Segment, field: usize) -> &'a str {
        seg.fields.get(field).map(String::as_str).unwrap_or("")
    }

    /// The raw (still escaped) field of the first segment with this name.
    pub fn raw_field_of(&self, segment: &str, field: usize) -> String {
        self.segment(segment).map(|s| self.raw_field(s, field).to_string()).unwrap_or_default()
    }

    /// Repetitions of a field, each split into components (unescaped,
    /// sub-components kept joined by their separator).
    pub fn repetitions(&self, seg: &Segment, field: usize) -> Vec<Vec<String>> {
        let raw = self.raw_field(seg, field);
        if raw.is_empty() {
            return Vec::new();
        }
        if seg.name == "MSH" && field <= 2 {
            return vec![vec![raw.to_string()]];
        }
        raw.split(self.delimiters.repetition)
            .map(|rep| rep.split(self.delimiters.component).map(|c| self.unescape(c)).collect())
            .collect()
    }

    /// Component `comp` (1-based) of the first repetition, unescaped and
    /// trimmed; "" when absent.
    pub fn get(&self, seg: &Segment, field: usize, comp: usize) -> String {
        let raw = self.raw_field(seg, field);
        if seg.name == "MSH" && field <= 2 {
            return raw.to_string();
        }
        let rep = raw.split(self.delimiters.repetition).next().unwrap_or("");
        let c = rep.split(self.delimiters.component).nth(comp.saturating_sub(1)).unwrap_or("");
        // HL7 "" means "delete this value"; treated as empty here.
        if c == "\"\"" {
            return String::new();
        }
        self.unescape(c).trim().to_string()
    }

    /// Like [`Message::get`] by segment name (first occurrence).
    pub fn value(&self, segment: &str, field: usize, comp: usize) -> String {
        self.segment(segment).map(|s| self.get(s, field, comp)).unwrap_or_default()
    }

    /// Resolves \F\ \S\ \T\ \R\ \E\, \Xhh..\ (hex bytes as UTF-8) and
    /// \.br\ (line break); formatting escapes are dropped.
    pub fn unescape(&self, s: &str) -> String {
        let e = self.delimiters.escape;
        if !s.contains(e) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(start) = rest.find(e) {
            out.push_str(&rest[..start]);
            let after = &rest[start + e.len_utf8()..];
            let Some(end) = after.find(e) else {
                // An unterminated escape is kept literally.
                out.push_str(&rest[start..]);
                return out;
            };
            let seq = &after[..end];
            match seq {
                "F" => out.push(self.delimiters.field),
                "S" => out.push(self.delimiters.component),
                "T" => out.push(self.delimiters.subcomponent),
                "R" => out.push(self.delimiters.repetition),
                "E" => out.push(e),
                ".br" => out.push('\n'),
                _ if seq.starts_with('X') && seq.len() > 1 => {
                    let bytes: Option<Vec<u8>> = (1..seq.len())
                        .step_by(2)
                        .map(|i| seq.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
                        .collect();
                    if let Some(b) = bytes {
                        out.push_str(&String::from_utf8_lossy(&b));
                    }
                }
                _ => {}
            }
            rest = &after[end + e.len_utf8()..];
        }
        out.push_str(rest);
        out
    }

    /// Escapes text for a field of an outgoing message (the ACK's texts).
    pub fn escape(d: &Delimiters, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            let seq = if c == d.escape {
                Some('E')
            } else if c == d.field {
                Some('F')
            } else if c == d.component {
                Some('S')
            } else if c == d.subcomponent {
                Some('T')
            } else if c == d.repetition {
                Some('R')
            } else {
                None
            };
            match seq {
                Some(x) => {
                    out.push(d.escape);
                    out.push(x);
                    out.push(d.escape);
                }
                None if c == '\r' || c == '\n' => out.push(' '),
                None => out.push(c),
            }
        }
        out
    }
}

/// A DTM/TS value: `YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]`. Returns the
/// instant in UTC; without a zone the hospital's offset applies.
pub fn parse_ts(value: &str, offset_minutes: i32) -> Option<chrono::NaiveDateTime> {
    use chrono::{Duration, NaiveDate};
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let (body, zone) = match v.find(['+', '-']) {
        Some(i) => (&v[..i], Some(&v[i..])),
        None => (v, None),
    };
    let main = body.split('.').next().unwrap_or("");
    if !main.chars().all(|c| c.is_ascii_digit()) || !matches!(main.len(), 4 | 6 | 8 | 10 | 12 | 14) {
        return None;
    }
    let num = |a: usize, b: usize, dflt: u32| -> u32 { main.get(a..b).and_then(|s| s.parse().ok()).unwrap_or(dflt) };
    let date = NaiveDate::from_ymd_opt(num(0, 4, 0) as i32, num(4, 6, 1), num(6, 8, 1))?;
    let local = date.and_hms_opt(num(8, 10, 0), num(10, 12, 0), num(12, 14, 0))?;
    let offset = match zone {
        Some(z) if z.len() == 5 && z[1..].chars().all(|c| c.is_ascii_digit()) => {
            let m = z[1..3].parse::<i32>().ok()? * 60 + z[3..5].parse::<i32>().ok()?;
            if z.starts_with('-') {
                -m
            } else {
                m
            }
        }
        Some(_) => return None,
        None => offset_minutes,
    };
    Some(local - Duration::minutes(offset as i64))
}

/// A DT value (date only, or the date part of a TS).
pub fn parse_date(value: &str) -> Option<chrono::NaiveDate> {
    let v = value.trim();
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 8 {
        return None;
    }
    chrono::NaiveDate::parse_from_str(&digits[..8], "%Y%m%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A01: &str = "MSH|^~\\&|HIS|HOSP1|HCRM|HOSP1|20261103083000||ADT^A01^ADT_A01|MSG0001|P|2.5|||||CHN|UNICODE UTF-8\rEVN|A01|20261103083000\rPID|1||M001^^^HIS^MR~110105194912310025^^^CHN^NNCHN||张^三||19491231|M|||朝阳路1号^^北京^^100000||13800138000~010-62881234|||||||||||||||N\rPV1|1|I|CARD^301^2||||D01^李^医生|||CARD|||||||||V0001|||||||||||||||||||||||||20261103080000\rDG1|1||I21.9^急性心肌梗死^I10||20261103|A\r";

    #[test]
    fn fields_components_repetitions() {
        let m = Message::parse(A01).unwrap();
        assert_eq!(m.value("MSH", 10, 1), "MSG0001");
        assert_eq!(m.value("MSH", 9, 2), "A01");
        assert_eq!(m.value("MSH", 18, 1), "UNICODE UTF-8");
        assert_eq!(m.value("MSH", 2, 1), "^~\\&");
        let pid = m.segment("PID").unwrap();
        assert_eq!(m.get(pid, 5, 1), "张");
        assert_eq!(m.repetitions(pid, 3).len(), 2);
        assert_eq!(m.repetitions(pid, 3)[1][4], "NNCHN");
        assert_eq!(m.repetitions(pid, 13)[1][0], "010-62881234");
        assert_eq!(m.value("PV1", 19, 1), "V0001");
        assert_eq!(m.value("PV1", 3, 1), "CARD");
        assert_eq!(m.value("DG1", 3, 2), "急性心肌梗死");
    }

    #[test]
    fn escapes() {
        let m = Message::parse("MSH|^~\\&|A\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X41\\\\.br\\g\r").unwrap();
        assert_eq!(m.value("NTE", 3, 1), "a|b^c&d~e\\fA\ng");
        let d = Delimiters::default();
        assert_eq!(Message::escape(&d, "a|b^c"), "a\\F\\b\\S\\c");
    }

    #[test]
    fn charsets() {
        let gb = Charset::Gb18030.encode(A01.replace("UNICODE UTF-8", "GB 18030-2000").as_str());
        assert_eq!(sniff_charset(&gb, Charset::Utf8).unwrap(), Charset::Gb18030);
        let text = Charset::Gb18030.decode(&gb).unwrap();
        assert!(text.contains("急性心肌梗死"));
        assert!(Charset::Utf8.decode(&gb).is_none());
        let bad = A01.replace("UNICODE UTF-8", "EBCDIC");
        assert_eq!(sniff_charset(bad.as_bytes(), Charset::Utf8).unwrap_err().location(), "MSH-18");
        assert!(sniff_charset(b"PID|1", Charset::Utf8).is_err());
    }

    #[test]
    fn timestamps() {
        let t = parse_ts("20261103083000", 480).unwrap();
        assert_eq!(t.to_string(), "2026-11-03 00:30:00");
        assert_eq!(parse_ts("202611030830+0000", 480).unwrap().to_string(), "2026-11-03 08:30:00");
        assert!(parse_ts("2026133", 480).is_none());
        assert!(parse_ts("20261340", 480).is_none());
        assert_eq!(parse_date("19491231").unwrap().to_string(), "1949-12-31");
    }

    #[test]
    fn rejects_non_hl7() {
        assert!(Message::parse("hello").is_err());
        assert!(Message::parse("MSH|ab").is_err());
        assert!(Message::parse("MSH|^~\\&|A\rpid|x").is_err());
    }
}
