//! The messages of protocol v1 and their payloads.

use super::frame::{encode_frame, Frame, MAX_PAYLOAD, VERSION};

/// Longest text field (bytes of UTF-8).
pub const MAX_TEXT: usize = 64;

/// A one-byte code enum of the wire protocol, with `from_byte` listing its
/// variants once (where they are declared).
macro_rules! byte_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vmeta])* $variant = $code,)+
        }

        impl $name {
            fn from_byte(code: u8) -> Option<$name> {
                [$($name::$variant),+].into_iter().find(|v| *v as u8 == code)
            }
        }
    };
}

byte_enum! {
    pub enum MessageType {
        Hello = 0x01,
        ShowStaff = 0x02,
        Prompt = 0x03,
        Ack = 0x04,
        Nak = 0x05,
        Clear = 0x06,
        DeviceInfo = 0x81,
        Heartbeat = 0x82,
        KeyEvent = 0x83,
    }
}

impl MessageType {
    pub fn from_code(code: u8) -> Option<MessageType> {
        MessageType::from_byte(code)
    }
}

byte_enum! {
    /// Error codes carried by NAK.
    pub enum ErrorCode {
        BadChecksum = 0x01,
        UnsupportedVersion = 0x02,
        UnknownType = 0x03,
        BadPayload = 0x04,
        Busy = 0x05,
        /// The host could not store a key event; the device keeps it and sends it again.
        StoreFailed = 0x06,
        TextTooLong = 0x07,
        NotReady = 0x08,
        Other = 0xFF,
    }
}

impl ErrorCode {
    /// A code this side does not know reads as `Other`.
    pub fn from_code(code: u8) -> ErrorCode {
        ErrorCode::from_byte(code).unwrap_or(ErrorCode::Other)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// The version the device chose (the highest both sides speak).
    pub version: u8,
    /// Key layout code: 3, 4 or 5 keys.
    pub layout: u8,
    /// Unique and printed on the device's label; ratings are deduplicated by
    /// device id and event number.
    pub device_id: String,
    pub vendor: String,
    pub model: String,
    pub firmware: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowStaff {
    pub staff_no: String,
    pub name: String,
    pub greeting: String,
    pub window: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Host -> device: the versions the host speaks.
    Hello {
        min_version: u8,
        max_version: u8,
    },
    DeviceInfo(DeviceInfo),
    Heartbeat {
        uptime_s: u32,
        pending: u8,
    },
    ShowStaff(ShowStaff),
    /// Ask the customer to rate; the device shows the prompt for `timeout_s`.
    Prompt {
        timeout_s: u8,
    },
    Clear,
    /// A key press. `event_seq` is kept in non-volatile memory and never
    /// reused, so (device id, event_seq) names one press forever.
    KeyEvent {
        event_seq: u32,
        key: u8,
        layout: u8,
        prompted: bool,
        age_s: u32,
    },
    /// `reference` is the acknowledged key event's `event_seq` (0 otherwise).
    Ack {
        kind: u8,
        seq: u16,
        reference: u32,
    },
    Nak {
        kind: u8,
        seq: u16,
        code: ErrorCode,
    },
}

fn put_text(out: &mut Vec<u8>, s: &str) -> Result<(), ErrorCode> {
    if s.len() > MAX_TEXT {
        return Err(ErrorCode::TextTooLong);
    }
    out.push(s.len() as u8);
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// A cursor over a payload that fails with BadPayload instead of panicking.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ErrorCode> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.data.len()).ok_or(ErrorCode::BadPayload)?;
        let s = &self.data[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ErrorCode> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ErrorCode> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, ErrorCode> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn text(&mut self) -> Result<String, ErrorCode> {
        let n = self.u8()? as usize;
        if n > MAX_TEXT {
            return Err(ErrorCode::TextTooLong);
        }
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| ErrorCode::BadPayload)
    }
    fn end(&self) -> Result<(), ErrorCode> {
        if self.at == self.data.len() {
            Ok(())
        } else {
            Err(ErrorCode::BadPayload)
        }
    }
}

impl Message {
    pub fn message_type(&self) -> MessageType {
        match self {
            Message::Hello { .. } => MessageType::Hello,
            Message::DeviceInfo(_) => MessageType::DeviceInfo,
            Message::Heartbeat { .. } => MessageType::Heartbeat,
            Message::ShowStaff(_) => MessageType::ShowStaff,
            Message::Prompt { .. } => MessageType::Prompt,
            Message::Clear => MessageType::Clear,
            Message::KeyEvent { .. } => MessageType::KeyEvent,
            Message::Ack { .. } => MessageType::Ack,
            Message::Nak { .. } => MessageType::Nak,
        }
    }

    /// The payload bytes. Fails only on text longer than [`MAX_TEXT`].
    pub fn payload(&self) -> Result<Vec<u8>, ErrorCode> {
        let mut p = Vec::new();
        match self {
            Message::Hello { min_version, max_version } => p.extend_from_slice(&[*min_version, *max_version]),
            Message::DeviceInfo(d) => {
                p.extend_from_slice(&[d.version, d.layout]);
                for s in [&d.device_id, &d.vendor, &d.model, &d.firmware] {
                    put_text(&mut p, s)?;
                }
            }
            Message::Heartbeat { uptime_s, pending } => {
                p.extend_from_slice(&uptime_s.to_le_bytes());
                p.push(*pending);
            }
            Message::ShowStaff(s) => {
                for t in [&s.staff_no, &s.name, &s.greeting, &s.window] {
                    put_text(&mut p, t)?;
                }
            }
            Message::Prompt { timeout_s } => p.push(*timeout_s),
            Message::Clear => {}
            Message::KeyEvent { event_seq, key, layout, prompted, age_s } => {
                p.extend_from_slice(&event_seq.to_le_bytes());
                p.extend_from_slice(&[*key, *layout, *prompted as u8]);
                p.extend_from_slice(&age_s.to_le_bytes());
            }
            Message::Ack { kind, seq, reference } => {
                p.push(*kind);
                p.extend_from_slice(&seq.to_le_bytes());
                p.extend_from_slice(&reference.to_le_bytes());
            }
            Message::Nak { kind, seq, code } => {
                p.push(*kind);
                p.extend_from_slice(&seq.to_le_bytes());
                p.push(*code as u8);
            }
        }
        debug_assert!(p.len() <= MAX_PAYLOAD);
        Ok(p)
    }

    /// The complete v1 frame with sequence number `seq`.
    pub fn to_frame(&self, seq: u16) -> Result<Vec<u8>, ErrorCode> {
        Ok(encode_frame(VERSION, self.message_type() as u8, seq, &self.payload()?))
    }

    /// Parses a frame whose CRC and version were already checked.
    pub fn decode(frame: &Frame) -> Result<Message, ErrorCode> {
        let kind = MessageType::from_code(frame.kind).ok_or(ErrorCode::UnknownType)?;
        let mut r = Reader { data: &frame.payload, at: 0 };
        let m = match kind {
            MessageType::Hello => Message::Hello { min_version: r.u8()?, max_version: r.u8()? },
            MessageType::DeviceInfo => Message::DeviceInfo(DeviceInfo {
                version: r.u8()?,
                layout: r.u8()?,
                device_id: r.text()?,
                vendor: r.text()?,
                model: r.text()?,
                firmware: r.text()?,
            }),
            MessageType::Heartbeat => Message::Heartbeat { uptime_s: r.u32()?, pending: r.u8()? },
            MessageType::ShowStaff => Message::ShowStaff(ShowStaff {
                staff_no: r.text()?,
                name: r.text()?,
                greeting: r.text()?,
                window: r.text()?,
            }),
            MessageType::Prompt => Message::Prompt { timeout_s: r.u8()? },
            MessageType::Clear => Message::Clear,
            MessageType::KeyEvent => {
                let event_seq = r.u32()?;
                let key = r.u8()?;
                let layout = r.u8()?;
                let prompted = match r.u8()? {
                    0 => false,
                    1 => true,
                    _ => return Err(ErrorCode::BadPayload),
                };
                Message::KeyEvent { event_seq, key, layout, prompted, age_s: r.u32()? }
            }
            MessageType::Ack => Message::Ack { kind: r.u8()?, seq: r.u16()?, reference: r.u32()? },
            MessageType::Nak => Message::Nak { kind: r.u8()?, seq: r.u16()?, code: ErrorCode::from_code(r.u8()?) },
        };
        r.end()?;
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluator::Decoder;

    fn round_trip(m: Message) {
        let bytes = m.to_frame(42).unwrap();
        let mut d = Decoder::new();
        d.push(&bytes);
        let f = d.next_frame().expect("a frame");
        assert_eq!(f.seq, 42);
        assert_eq!(Message::decode(&f).unwrap(), m);
    }

    #[test]
    fn every_message_round_trips() {
        round_trip(Message::Hello { min_version: 1, max_version: 1 });
        round_trip(Message::DeviceInfo(DeviceInfo {
            version: 1,
            layout: 5,
            device_id: "EV-0001".into(),
            vendor: "示例厂商".into(),
            model: "PJ-5".into(),
            firmware: "1.0.3".into(),
        }));
        round_trip(Message::Heartbeat { uptime_s: 300, pending: 2 });
        round_trip(Message::ShowStaff(ShowStaff {
            staff_no: "0107".into(),
            name: "赵敏".into(),
            greeting: "您好，请对我的服务评价".into(),
            window: "挂号1号窗".into(),
        }));
        round_trip(Message::Prompt { timeout_s: 30 });
        round_trip(Message::Clear);
        round_trip(Message::KeyEvent { event_seq: 70000, key: 4, layout: 5, prompted: true, age_s: 3 });
        round_trip(Message::Ack { kind: 0x83, seq: 9, reference: 70000 });
        round_trip(Message::Nak { kind: 0x02, seq: 9, code: ErrorCode::TextTooLong });
    }

    #[test]
    fn too_long_text_is_refused_and_bad_payloads_are_errors() {
        let long = "长".repeat(30); // 90 bytes
        let m = Message::ShowStaff(ShowStaff {
            staff_no: "1".into(),
            name: long,
            greeting: String::new(),
            window: String::new(),
        });
        assert_eq!(m.to_frame(1), Err(ErrorCode::TextTooLong));
        let f = Frame { version: 1, kind: 0x83, seq: 1, payload: vec![1, 2, 3] };
        assert_eq!(Message::decode(&f), Err(ErrorCode::BadPayload));
        let f = Frame { version: 1, kind: 0x7F, seq: 1, payload: vec![] };
        assert_eq!(Message::decode(&f), Err(ErrorCode::UnknownType));
    }
}

#[cfg(test)]
mod spec_examples {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        s.split_whitespace().filter(|t| *t != "|").map(|t| u8::from_str_radix(t, 16).unwrap()).collect()
    }

    /// The worked examples of docs/evaluator-protocol.md §8.
    #[test]
    fn the_documented_bytes_are_what_the_codec_sends() {
        let key = Message::KeyEvent { event_seq: 1001, key: 4, layout: 5, prompted: true, age_s: 0 };
        assert_eq!(key.to_frame(8).unwrap(), hex("A5 0B 00 01 83 08 00 | E9 03 00 00 04 05 01 00 00 00 00 | 3A 8A"));
        let ack = Message::Ack { kind: 0x83, seq: 9, reference: 1001 };
        assert_eq!(ack.to_frame(4).unwrap(), hex("A5 07 00 01 04 04 00 | 83 09 00 E9 03 00 00 | C3 1E"));
        let staff = Message::ShowStaff(ShowStaff {
            staff_no: "0107".into(),
            name: "赵敏".into(),
            greeting: "您好".into(),
            window: "1号窗".into(),
        });
        assert_eq!(
            staff.to_frame(2).unwrap(),
            hex("A5 1B 00 01 02 02 00 | 04 30 31 30 37 06 E8 B5 B5 E6 95 8F 06 E6 82 A8 E5 A5 BD 07 31 E5 8F B7 E7 AA 97 | C8 C7")
        );
        assert_eq!(
            Message::Hello { min_version: 1, max_version: 1 }.to_frame(1).unwrap(),
            hex("A5 02 00 01 01 01 00 | 01 01 | CD 04")
        );
        assert_eq!(
            Message::Nak { kind: 2, seq: 2, code: ErrorCode::TextTooLong }.to_frame(5).unwrap(),
            hex("A5 04 00 01 05 05 00 | 02 02 00 07 | 96 C2")
        );
    }
}
