//! Opening ports: by name, or by probing every candidate for a device id
//! (HELLO, then wait for DEVICE_INFO).

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use hcrm_shared::evaluator::{DeviceInfo, EvaluatorAdapter, Message, V1Adapter, VERSION};

use crate::config::PortSettings;

pub type Port = Box<dyn serialport::SerialPort>;

pub fn open(settings: &PortSettings, name: &str) -> Result<Port, String> {
    let parity = match settings.parity.as_str() {
        "odd" => serialport::Parity::Odd,
        "even" => serialport::Parity::Even,
        _ => serialport::Parity::None,
    };
    let data_bits = match settings.data_bits {
        5 => serialport::DataBits::Five,
        6 => serialport::DataBits::Six,
        7 => serialport::DataBits::Seven,
        _ => serialport::DataBits::Eight,
    };
    let stop_bits = if settings.stop_bits == 2 { serialport::StopBits::Two } else { serialport::StopBits::One };
    serialport::new(name, settings.baud)
        .data_bits(data_bits)
        .parity(parity)
        .stop_bits(stop_bits)
        .flow_control(serialport::FlowControl::None)
        .timeout(Duration::from_millis(20))
        .open()
        .map_err(|e| format!("{name}: {e}"))
}

/// Ports to try: the configured patterns (`/dev/serial/by-id/usb-ACME*`,
/// a path, or `dir/prefix*`) when there are any, else what the system lists.
pub fn candidates(settings: &PortSettings) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if settings.search.is_empty() {
        out = serialport::available_ports().unwrap_or_default().into_iter().map(|p| p.port_name).collect();
    }
    for pattern in &settings.search {
        match pattern.strip_suffix('*') {
            Some(prefix) => {
                let path = std::path::Path::new(prefix);
                let (dir, start) = match (path.parent(), path.file_name()) {
                    (Some(d), Some(f)) => (d.to_path_buf(), f.to_string_lossy().into_owned()),
                    _ => (path.to_path_buf(), String::new()),
                };
                let dir = if dir.as_os_str().is_empty() { std::path::PathBuf::from(".") } else { dir };
                if let Ok(entries) = std::fs::read_dir(&dir) {
                    let mut found: Vec<String> = entries
                        .flatten()
                        .filter(|e| e.file_name().to_string_lossy().starts_with(&start))
                        .map(|e| e.path().to_string_lossy().into_owned())
                        .collect();
                    found.sort();
                    out.extend(found);
                }
            }
            None => {
                if std::path::Path::new(pattern).exists() {
                    out.push(pattern.clone());
                }
            }
        }
    }
    out.dedup();
    out
}

/// Says HELLO and waits for DEVICE_INFO. None when nothing answered.
pub fn hello(port: &mut Port, adapter: &mut dyn EvaluatorAdapter, wait: Duration) -> Option<DeviceInfo> {
    let frame = adapter.encode(&Message::Hello { min_version: VERSION, max_version: VERSION }).ok()?;
    port.write_all(&frame).ok()?;
    let _ = port.flush();
    let deadline = Instant::now() + wait;
    let mut buf = [0u8; 256];
    let mut resent = Instant::now();
    while Instant::now() < deadline {
        match port.read(&mut buf) {
            Ok(n) if n > 0 => {
                for r in adapter.feed(&buf[..n]) {
                    if let Message::DeviceInfo(info) = r.message {
                        return Some(info);
                    }
                }
            }
            Ok(_) => return None,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                ) => {}
            Err(_) => return None,
        }
        // Commands are retransmitted after 500 ms (docs §7).
        if resent.elapsed() > Duration::from_millis(500) {
            let _ = port.write_all(&frame);
            resent = Instant::now();
        }
    }
    None
}

/// Finds the port whose device has `device_id`.
pub fn find(settings: &PortSettings, device_id: &str) -> Result<(Port, String, DeviceInfo, V1Adapter), String> {
    let list = candidates(settings);
    for name in &list {
        let Ok(mut port) = open(settings, name) else { continue };
        let mut adapter = V1Adapter::new();
        if let Some(info) = hello(&mut port, &mut adapter, Duration::from_millis(1500)) {
            if info.device_id == device_id {
                return Ok((port, name.clone(), info, adapter));
            }
        }
    }
    Err(format!("device {device_id} not found on {} port(s)", list.len()))
}
