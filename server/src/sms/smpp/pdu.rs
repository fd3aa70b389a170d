//! SMPP 3.4 PDUs: the header, the operations the client and the test SMSC
//! use, text encoding (UCS-2 for Chinese) with UDH concatenation, and
//! delivery-receipt parsing. Pure, no I/O. The SMSC the tests talk to has
//! its own byte-level parsing, so a mistake here cannot hide behind a
//! shared codec.

use std::fmt;

pub const GENERIC_NACK: u32 = 0x8000_0000;
pub const BIND_RECEIVER: u32 = 0x0000_0001;
pub const BIND_TRANSMITTER: u32 = 0x0000_0002;
pub const SUBMIT_SM: u32 = 0x0000_0004;
pub const DELIVER_SM: u32 = 0x0000_0005;
pub const UNBIND: u32 = 0x0000_0006;
pub const BIND_TRANSCEIVER: u32 = 0x0000_0009;
pub const ENQUIRE_LINK: u32 = 0x0000_0015;
pub const RESP: u32 = 0x8000_0000;

pub const ESME_ROK: u32 = 0x0000_0000;
pub const ESME_RINVCMDID: u32 = 0x0000_0003;
pub const ESME_RMSGQFUL: u32 = 0x0000_0014;
pub const ESME_RTHROTTLED: u32 = 0x0000_0058;

/// esm_class: the short message starts with a user data header.
pub const ESM_UDHI: u8 = 0x40;
/// esm_class: the deliver_sm is an SMSC delivery receipt.
pub const ESM_RECEIPT: u8 = 0x04;
pub const DC_DEFAULT: u8 = 0x00;
pub const DC_UCS2: u8 = 0x08;

pub const TLV_RECEIPTED_MESSAGE_ID: u16 = 0x001E;
pub const TLV_MESSAGE_STATE: u16 = 0x0427;
pub const TLV_USER_MESSAGE_REFERENCE: u16 = 0x0204;

/// Largest PDU accepted from the wire; real ones are a few hundred bytes.
pub const MAX_PDU: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdu {
    pub command_id: u32,
    pub status: u32,
    pub sequence: u32,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bind(Bind),
    BindResp {
        system_id: String,
    },
    SubmitSm(ShortMessage),
    SubmitSmResp {
        message_id: String,
    },
    DeliverSm(ShortMessage),
    DeliverSmResp,
    Empty,
    /// Anything else, kept as bytes.
    Raw(Vec<u8>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bind {
    pub system_id: String,
    pub password: String,
    pub system_type: String,
    pub interface_version: u8,
    pub addr_ton: u8,
    pub addr_npi: u8,
    pub address_range: String,
}

/// The body shared by submit_sm and deliver_sm.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShortMessage {
    pub service_type: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    pub dest_addr_ton: u8,
    pub dest_addr_npi: u8,
    pub destination_addr: String,
    pub esm_class: u8,
    pub protocol_id: u8,
    pub priority_flag: u8,
    pub schedule_delivery_time: String,
    pub validity_period: String,
    pub registered_delivery: u8,
    pub replace_if_present_flag: u8,
    pub data_coding: u8,
    pub sm_default_msg_id: u8,
    pub short_message: Vec<u8>,
    pub tlvs: Vec<(u16, Vec<u8>)>,
}

impl ShortMessage {
    pub fn tlv(&self, tag: u16) -> Option<&[u8]> {
        self.tlvs.iter().find(|(t, _)| *t == tag).map(|(_, v)| v.as_slice())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PduError(pub String);

impl fmt::Display for PduError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad SMPP PDU: {}", self.0)
    }
}

impl std::error::Error for PduError {}

impl Pdu {
    pub fn new(command_id: u32, sequence: u32, body: Body) -> Pdu {
        Pdu { command_id, status: ESME_ROK, sequence, body }
    }

    pub fn response(&self, status: u32, body: Body) -> Pdu {
        Pdu { command_id: self.command_id | RESP, status, sequence: self.sequence, body }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(64);
        b.extend_from_slice(&[0; 4]);
        b.extend_from_slice(&self.command_id.to_be_bytes());
        b.extend_from_slice(&self.status.to_be_bytes());
        b.extend_from_slice(&self.sequence.to_be_bytes());
        match &self.body {
            Body::Bind(x) => {
                cstr(&mut b, &x.system_id);
                cstr(&mut b, &x.password);
                cstr(&mut b, &x.system_type);
                b.extend_from_slice(&[x.interface_version, x.addr_ton, x.addr_npi]);
                cstr(&mut b, &x.address_range);
            }
            Body::BindResp { system_id } => cstr(&mut b, system_id),
            Body::SubmitSm(sm) | Body::DeliverSm(sm) => encode_sm(&mut b, sm),
            Body::SubmitSmResp { message_id } => cstr(&mut b, message_id),
            // deliver_sm_resp carries an unused, empty message_id.
            Body::DeliverSmResp => b.push(0),
            Body::Empty => {}
            Body::Raw(r) => b.extend_from_slice(r),
        }
        let len = b.len() as u32;
        b[0..4].copy_from_slice(&len.to_be_bytes());
        b
    }

    /// Decodes one PDU from the front of `buf`: `Ok(None)` when more bytes
    /// are needed, else the PDU and the bytes it used.
    pub fn decode(buf: &[u8]) -> Result<Option<(Pdu, usize)>, PduError> {
        if buf.len() < 4 {
            return Ok(None);
        }
        let len = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
        if !(16..=MAX_PDU).contains(&len) {
            return Err(PduError(format!("command_length {len}")));
        }
        if buf.len() < len {
            return Ok(None);
        }
        let word = |i: usize| u32::from_be_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]);
        let (command_id, status, sequence) = (word(4), word(8), word(12));
        let mut r = Reader { b: &buf[16..len], i: 0 };
        let body = match command_id {
            BIND_RECEIVER | BIND_TRANSMITTER | BIND_TRANSCEIVER => Body::Bind(Bind {
                system_id: r.cstr(16)?,
                password: r.cstr(9)?,
                system_type: r.cstr(13)?,
                interface_version: r.u8()?,
                addr_ton: r.u8()?,
                addr_npi: r.u8()?,
                address_range: r.cstr(41)?,
            }),
            c if c == BIND_RECEIVER | RESP || c == BIND_TRANSMITTER | RESP || c == BIND_TRANSCEIVER | RESP => {
                // An error response may have no body at all.
                Body::BindResp { system_id: if r.done() { String::new() } else { r.cstr(16)? } }
            }
            SUBMIT_SM => Body::SubmitSm(decode_sm(&mut r)?),
            DELIVER_SM => Body::DeliverSm(decode_sm(&mut r)?),
            c if c == SUBMIT_SM | RESP => {
                Body::SubmitSmResp { message_id: if r.done() { String::new() } else { r.cstr(65)? } }
            }
            c if c == DELIVER_SM | RESP => Body::DeliverSmResp,
            ENQUIRE_LINK | UNBIND | GENERIC_NACK => Body::Empty,
            c if c == ENQUIRE_LINK | RESP || c == UNBIND | RESP => Body::Empty,
            _ => Body::Raw(buf[16..len].to_vec()),
        };
        Ok(Some((Pdu { command_id, status, sequence, body }, len)))
    }
}

fn cstr(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(s.as_bytes());
    b.push(0);
}

fn encode_sm(b: &mut Vec<u8>, sm: &ShortMessage) {
    cstr(b, &sm.service_type);
    b.extend_from_slice(&[sm.source_addr_ton, sm.source_addr_npi]);
    cstr(b, &sm.source_addr);
    b.extend_from_slice(&[sm.dest_addr_ton, sm.dest_addr_npi]);
    cstr(b, &sm.destination_addr);
    b.extend_from_slice(&[sm.esm_class, sm.protocol_id, sm.priority_flag]);
    cstr(b, &sm.schedule_delivery_time);
    cstr(b, &sm.validity_period);
    b.extend_from_slice(&[sm.registered_delivery, sm.replace_if_present_flag, sm.data_coding, sm.sm_default_msg_id]);
    b.push(sm.short_message.len().min(254) as u8);
    b.extend_from_slice(&sm.short_message[..sm.short_message.len().min(254)]);
    for (tag, value) in &sm.tlvs {
        b.extend_from_slice(&tag.to_be_bytes());
        b.extend_from_slice(&(value.len() as u16).to_be_bytes());
        b.extend_from_slice(value);
    }
}

fn decode_sm(r: &mut Reader<'_>) -> Result<ShortMessage, PduError> {
    let mut sm = ShortMessage {
        service_type: r.cstr(6)?,
        source_addr_ton: r.u8()?,
        source_addr_npi: r.u8()?,
        source_addr: r.cstr(21)?,
        dest_addr_ton: r.u8()?,
        dest_addr_npi: r.u8()?,
        destination_addr: r.cstr(21)?,
        esm_class: r.u8()?,
        protocol_id: r.u8()?,
        priority_flag: r.u8()?,
        schedule_delivery_time: r.cstr(17)?,
        validity_period: r.cstr(17)?,
        registered_delivery: r.u8()?,
        replace_if_present_flag: r.u8()?,
        data_coding: r.u8()?,
        sm_default_msg_id: r.u8()?,
        ..Default::default()
    };
    let n = r.u8()? as usize;
    sm.short_message = r.bytes(n)?.to_vec();
    while !r.done() {
        let tag = u16::from_be_bytes([r.u8()?, r.u8()?]);
        let len = u16::from_be_bytes([r.u8()?, r.u8()?]) as usize;
        sm.tlvs.push((tag, r.bytes(len)?.to_vec()));
    }
    Ok(sm)
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn done(&self) -> bool {
        self.i >= self.b.len()
    }
    fn u8(&mut self) -> Result<u8, PduError> {
        let v = *self.b.get(self.i).ok_or_else(|| PduError("body ends early".into()))?;
        self.i += 1;
        Ok(v)
    }
    fn bytes(&mut self, n: usize) -> Result<&[u8], PduError> {
        if self.i + n > self.b.len() {
            return Err(PduError("body ends early".into()));
        }
        let s = &self.b[self.i..self.i + n];
        self.i += n;
        Ok(s)
    }
    /// A C-Octet String of at most `max` bytes including the NUL.
    fn cstr(&mut self, max: usize) -> Result<String, PduError> {
        let rest = &self.b[self.i.min(self.b.len())..];
        let end = rest.iter().position(|&c| c == 0).ok_or_else(|| PduError("string without NUL".into()))?;
        if end + 1 > max {
            return Err(PduError(format!("string longer than {max}")));
        }
        let s = String::from_utf8_lossy(&rest[..end]).into_owned();
        self.i += end + 1;
        Ok(s)
    }
}

/// A text ready for submit_sm: its data_coding and one short_message per
/// segment (with a UDH when there are several).
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    pub data_coding: u8,
    pub segments: Vec<Vec<u8>>,
    pub concatenated: bool,
}

/// ASCII goes in the SMSC default alphabet (160 a message, 153 a part);
/// anything else in UCS-2 (70 a message, 67 a part), never splitting a
/// surrogate pair.
pub fn encode_text(text: &str, reference: u8) -> Encoded {
    let (data_coding, units, single, part): (u8, Vec<Vec<u8>>, usize, usize) = if text.is_ascii() {
        (DC_DEFAULT, text.bytes().map(|c| vec![c]).collect(), 160, 153)
    } else {
        // Keep each character's UTF-16 units together.
        let mut units = Vec::new();
        for ch in text.chars() {
            let mut buf = [0u16; 2];
            let mut bytes = Vec::new();
            for u in ch.encode_utf16(&mut buf) {
                bytes.extend_from_slice(&u.to_be_bytes());
            }
            units.push(bytes);
        }
        (DC_UCS2, units, 140, 134)
    };
    let total: usize = units.iter().map(Vec::len).sum();
    if total <= single {
        return Encoded { data_coding, segments: vec![units.concat()], concatenated: false };
    }
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut cur = Vec::new();
    for u in units {
        if cur.len() + u.len() > part {
            chunks.push(std::mem::take(&mut cur));
        }
        cur.extend_from_slice(&u);
    }
    if !cur.is_empty() {
        chunks.push(cur);
    }
    let n = chunks.len().min(255) as u8;
    let segments = chunks
        .into_iter()
        .take(255)
        .enumerate()
        .map(|(i, c)| {
            // UDH: IEI 00 (concatenation, 8-bit reference), length 3.
            let mut s = vec![0x05, 0x00, 0x03, reference, n, i as u8 + 1];
            s.extend_from_slice(&c);
            s
        })
        .collect();
    Encoded { data_coding, segments, concatenated: true }
}

/// A segment's concatenation header and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// (reference, total, sequence) when the segment is part of a long message.
    pub part: Option<(u16, u8, u8)>,
    pub text: String,
}

pub fn decode_text(esm_class: u8, data_coding: u8, sm: &[u8]) -> Decoded {
    let mut part = None;
    let mut payload = sm;
    if esm_class & ESM_UDHI != 0 && !sm.is_empty() {
        let udhl = sm[0] as usize;
        let udh = &sm[1..(1 + udhl).min(sm.len())];
        let mut i = 0;
        while i + 2 <= udh.len() {
            let (iei, len) = (udh[i], udh[i + 1] as usize);
            let v = &udh[(i + 2).min(udh.len())..(i + 2 + len).min(udh.len())];
            match (iei, v.len()) {
                (0x00, 3) => part = Some((v[0] as u16, v[1], v[2])),
                (0x08, 4) => part = Some((u16::from_be_bytes([v[0], v[1]]), v[2], v[3])),
                _ => {}
            }
            i += 2 + len;
        }
        payload = &sm[(1 + udhl).min(sm.len())..];
    }
    let text = if data_coding == DC_UCS2 {
        let units: Vec<u16> = payload.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(payload).into_owned()
    };
    Decoded { part, text }
}

/// What a delivery receipt says about a message.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptInfo {
    pub message_id: String,
    /// DELIVRD, EXPIRED, DELETED, UNDELIV, ACCEPTD, UNKNOWN, REJECTD.
    pub stat: String,
    pub err: Option<String>,
}

impl ReceiptInfo {
    pub fn delivered(&self) -> bool {
        self.stat == "DELIVRD"
    }
    /// ACCEPTD and ENROUTE are not final.
    pub fn is_final(&self) -> bool {
        !matches!(self.stat.as_str(), "ACCEPTD" | "ENROUTE")
    }
}

/// Reads a receipt from a deliver_sm: the TLVs when present, else the
/// conventional text `id:... sub:... dlvrd:... stat:DELIVRD err:000 ...`.
pub fn parse_receipt(sm: &ShortMessage) -> Option<ReceiptInfo> {
    let text = String::from_utf8_lossy(&sm.short_message).into_owned();
    let field = |name: &str| -> Option<String> {
        let key = format!("{name}:");
        let lower = text.to_ascii_lowercase();
        let at = lower.find(&key)?;
        Some(text[at + key.len()..].split_whitespace().next().unwrap_or("").to_string())
    };
    let tlv_id =
        sm.tlv(TLV_RECEIPTED_MESSAGE_ID).map(|v| String::from_utf8_lossy(v).trim_end_matches('\0').to_string());
    let tlv_state = sm.tlv(TLV_MESSAGE_STATE).and_then(|v| v.first().copied()).map(|s| {
        match s {
            1 => "ENROUTE",
            2 => "DELIVRD",
            3 => "EXPIRED",
            4 => "DELETED",
            5 => "UNDELIV",
            6 => "ACCEPTD",
            8 => "REJECTD",
            _ => "UNKNOWN",
        }
        .to_string()
    });
    let message_id = tlv_id.or_else(|| field("id"))?;
    let stat = tlv_state.or_else(|| field("stat"))?.to_ascii_uppercase();
    let err = field("err").filter(|e| e.chars().any(|c| c != '0'));
    Some(ReceiptInfo { message_id, stat, err })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enquire_link_is_sixteen_bytes_by_the_spec() {
        let b = Pdu::new(ENQUIRE_LINK, 7, Body::Empty).encode();
        assert_eq!(b, [0, 0, 0, 16, 0, 0, 0, 0x15, 0, 0, 0, 0, 0, 0, 0, 7]);
        let (p, n) = Pdu::decode(&b).unwrap().unwrap();
        assert_eq!((p.command_id, p.sequence, n), (ENQUIRE_LINK, 7, 16));
        assert_eq!(Pdu::decode(&b[..10]).unwrap(), None);
        assert!(Pdu::decode(&[0, 0, 0, 3, 0]).is_err());
    }

    #[test]
    fn bind_and_submit_round_trip() {
        let bind = Pdu::new(
            BIND_TRANSCEIVER,
            1,
            Body::Bind(Bind {
                system_id: "hcrm".into(),
                password: "pw".into(),
                interface_version: 0x34,
                ..Default::default()
            }),
        );
        let bytes = bind.encode();
        // header + "hcrm\0" + "pw\0" + "\0" + 3 octets + "\0"
        assert_eq!(bytes.len(), 16 + 5 + 3 + 1 + 3 + 1);
        assert_eq!(Pdu::decode(&bytes).unwrap().unwrap().0, bind);
        let enc = encode_text("您好", 1);
        let sm = ShortMessage {
            destination_addr: "13800000000".into(),
            data_coding: enc.data_coding,
            short_message: enc.segments[0].clone(),
            tlvs: vec![(TLV_USER_MESSAGE_REFERENCE, vec![0, 9])],
            ..Default::default()
        };
        let submit = Pdu::new(SUBMIT_SM, 2, Body::SubmitSm(sm));
        assert_eq!(Pdu::decode(&submit.encode()).unwrap().unwrap().0, submit);
    }

    #[test]
    fn long_chinese_text_splits_with_udh() {
        let text: String = "随访提醒".repeat(40); // 160 characters
        let enc = encode_text(&text, 42);
        assert_eq!(enc.data_coding, DC_UCS2);
        assert_eq!(enc.segments.len(), 3); // 67 + 67 + 26
        assert!(enc.segments.iter().all(|s| s.len() <= 140));
        let mut joined = String::new();
        for (i, s) in enc.segments.iter().enumerate() {
            assert_eq!(&s[..6], &[5, 0, 3, 42, 3, i as u8 + 1]);
            let d = decode_text(ESM_UDHI, DC_UCS2, s);
            assert_eq!(d.part, Some((42, 3, i as u8 + 1)));
            joined.push_str(&d.text);
        }
        assert_eq!(joined, text);
        // 70 Chinese characters fit in one message; ASCII 160.
        assert_eq!(encode_text(&"好".repeat(70), 0).segments.len(), 1);
        assert_eq!(encode_text(&"a".repeat(160), 0).segments.len(), 1);
        assert_eq!(encode_text(&"a".repeat(161), 0).segments.len(), 2);
        // A character outside the BMP is never cut in half.
        let emoji = "😀".repeat(40);
        let enc = encode_text(&emoji, 0);
        let back: String = enc.segments.iter().map(|s| decode_text(ESM_UDHI, DC_UCS2, s).text).collect();
        assert_eq!(back, emoji);
    }

    #[test]
    fn receipts_from_text_and_tlvs() {
        let sm = ShortMessage {
            esm_class: ESM_RECEIPT,
            short_message:
                b"id:0000123 sub:001 dlvrd:001 submit date:2611221200 done date:2611221201 stat:DELIVRD err:000 text:hi"
                    .to_vec(),
            ..Default::default()
        };
        let r = parse_receipt(&sm).unwrap();
        assert_eq!((r.message_id.as_str(), r.delivered(), r.err), ("0000123", true, None));
        let sm = ShortMessage {
            esm_class: ESM_RECEIPT,
            short_message: b"id:9 stat:UNDELIV err:011".to_vec(),
            tlvs: vec![(TLV_RECEIPTED_MESSAGE_ID, b"abc\0".to_vec()), (TLV_MESSAGE_STATE, vec![5])],
            ..Default::default()
        };
        let r = parse_receipt(&sm).unwrap();
        assert_eq!((r.message_id.as_str(), r.stat.as_str(), r.err.as_deref()), ("abc", "UNDELIV", Some("011")));
        assert_eq!(parse_receipt(&ShortMessage { short_message: b"hello".to_vec(), ..Default::default() }), None);
    }
}
