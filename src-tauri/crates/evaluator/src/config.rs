use serde::{Deserialize, Serialize};

/// How to reach the device. `port` wins when set; otherwise the ports the
/// system lists and the `search` patterns are probed for `device_id`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PortSettings {
    /// `COM3`, `/dev/ttyUSB0`.
    pub port: Option<String>,
    /// The device id printed on the evaluator (DEVICE_INFO).
    pub device_id: Option<String>,
    /// Extra candidates: paths, or `dir/prefix*` patterns (udev's
    /// /dev/serial/by-id links, the simulator's links).
    pub search: Vec<String>,
    pub baud: u32,
    pub data_bits: u8,
    /// `none`, `odd` or `even`.
    pub parity: String,
    pub stop_bits: u8,
}

impl Default for PortSettings {
    fn default() -> Self {
        PortSettings {
            port: None,
            device_id: None,
            search: vec![],
            baud: 9600,
            data_bits: 8,
            parity: "none".into(),
            stop_bits: 1,
        }
    }
}

impl PortSettings {
    pub fn validate(&self) -> Result<(), String> {
        if self.port.as_deref().unwrap_or("").is_empty() && self.device_id.as_deref().unwrap_or("").is_empty() {
            return Err("give a port name or a device id".into());
        }
        if !(1200..=115_200).contains(&self.baud) {
            return Err(format!("baud {} is outside 1200..115200", self.baud));
        }
        if !(5..=8).contains(&self.data_bits) {
            return Err(format!("data bits {} is not 5..8", self.data_bits));
        }
        if !["none", "odd", "even"].contains(&self.parity.as_str()) {
            return Err(format!("parity {:?} is not none, odd or even", self.parity));
        }
        if !(1..=2).contains(&self.stop_bits) {
            return Err(format!("stop bits {} is not 1 or 2", self.stop_bits));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReaderConfig {
    pub port: PortSettings,
    /// The local store (SQLite file).
    pub store: std::path::PathBuf,
    /// Server base URL, `http://host:port`.
    pub server: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_9600_8n1_and_need_a_target() {
        let p = PortSettings::default();
        assert_eq!((p.baud, p.data_bits, p.parity.as_str(), p.stop_bits), (9600, 8, "none", 1));
        assert!(p.validate().is_err());
        let p = PortSettings { device_id: Some("EV-1".into()), ..PortSettings::default() };
        assert!(p.validate().is_ok());
        assert!(PortSettings { baud: 10, ..p.clone() }.validate().unwrap_err().contains("baud"));
        assert!(PortSettings { parity: "mark".into(), ..p }.validate().unwrap_err().contains("parity"));
    }
}
