//! Audio checks (Goertzel) and an RTP capture writer for sipp's pcap play.
#![allow(dead_code)]
use hcrm_softphone::codec::g711;
use hcrm_softphone::dtmf::goertzel;

/// Seconds of `freq` found in `samples`: 20 ms windows where that frequency
/// holds most of the energy and the signal is not silence.
pub fn tone_seconds(samples: &[i16], freq: f64) -> f64 {
    tone_seconds_at(samples, freq, 8000)
}

pub fn tone_seconds_at(samples: &[i16], freq: f64, rate: u32) -> f64 {
    let win = (rate / 50) as usize;
    let mut n = 0;
    for w in samples.chunks_exact(win) {
        let energy: f64 = w.iter().map(|&s| (s as f64 / 32768.0).powi(2)).sum::<f64>() / win as f64;
        if energy < 1e-4 {
            continue;
        }
        let p = goertzel(w, freq, rate as f64);
        // A pure sine of power E has a Goertzel power of about E/2 here.
        if p > energy * 0.3 {
            n += 1;
        }
    }
    n as f64 * 0.02
}

/// An Ethernet/IPv4/UDP/RTP capture of `secs` seconds of an A-law tone,
/// one 20 ms packet every 20 ms, for sipp's `play_pcap_audio`.
pub fn tone_pcap(freq: f64, secs: f64) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0xa1b2c3d4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&0i32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&65535u32.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes()); // Ethernet
    let pcm = hcrm_softphone::dtmf::tone(freq, 12000.0, (secs * 8000.0) as usize);
    for (i, frame) in pcm.chunks_exact(160).enumerate() {
        let mut payload = Vec::new();
        g711::encode(g711::Law::A, frame, &mut payload);
        let rtp = hcrm_softphone::rtp::RtpPacket {
            marker: i == 0,
            payload_type: 8,
            sequence: 1000 + i as u16,
            timestamp: 5000 + i as u32 * 160,
            ssrc: 0x1234_5678,
            csrc: vec![],
            payload,
        }
        .to_bytes();
        let udp_len = 8 + rtp.len();
        let ip_len = 20 + udp_len;
        let mut pkt = vec![0u8; 12];
        pkt.extend_from_slice(&[0x08, 0x00]);
        let mut ip =
            vec![0x45, 0, (ip_len >> 8) as u8, ip_len as u8, 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1];
        let sum = ip.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]]) as u32).sum::<u32>();
        let sum = !(((sum & 0xFFFF) + (sum >> 16)) as u16);
        ip[10..12].copy_from_slice(&sum.to_be_bytes());
        pkt.extend_from_slice(&ip);
        pkt.extend_from_slice(&6000u16.to_be_bytes());
        pkt.extend_from_slice(&6002u16.to_be_bytes());
        pkt.extend_from_slice(&(udp_len as u16).to_be_bytes());
        pkt.extend_from_slice(&[0, 0]);
        pkt.extend_from_slice(&rtp);
        let t_us = i as u64 * 20_000;
        out.extend_from_slice(&((t_us / 1_000_000) as u32).to_le_bytes());
        out.extend_from_slice(&((t_us % 1_000_000) as u32).to_le_bytes());
        out.extend_from_slice(&(pkt.len() as u32).to_le_bytes());
        out.extend_from_slice(&(pkt.len() as u32).to_le_bytes());
        out.extend_from_slice(&pkt);
    }
    out
}
