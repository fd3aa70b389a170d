//! Call recording: stereo 16-bit WAV at 8 kHz, agent left, other party right.
//!
//! The media loop writes one agent frame and one remote frame per 20 ms tick,
//! so the channels are sample-aligned by construction; a tick with no remote
//! audio writes concealment or silence, never nothing. See the crate docs for
//! the directory layout and the sidecar JSON the uploader reads.
//!
//! The WAV writer is our own (a 44-byte header): `hound` writes WAV files
//! too, but the recorder must rewrite the header's sizes after every flush
//! and repair a file cut short by a crash, which means owning the header.
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub const SAMPLE_RATE: u32 = 8000;
const HEADER_LEN: u64 = 44;
const SIDECAR_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RecordingMeta {
    /// Sidecar format version (1).
    pub format: u32,
    /// Our id for the call (also the file stem).
    pub call_id: String,
    /// The SIP Call-ID of the dialog.
    pub sip_call_id: String,
    /// "inbound" or "outbound".
    pub direction: String,
    pub local_number: String,
    pub remote_number: String,
    pub started_at: String,
    pub answered_at: Option<String>,
    pub ended_at: Option<String>,
    /// File name of the WAV, relative to the sidecar.
    pub wav: String,
    pub sample_rate: u32,
    pub channels: u16,
    /// Sample frames (per channel) in the WAV.
    pub frames: u64,
    /// Size of the WAV file in bytes.
    pub bytes: u64,
    /// "recording" while the call runs, "finished" once the WAV is final.
    pub state: String,
    /// Hex SHA-256 of the whole WAV file, set when finished.
    pub sha256: Option<String>,
    /// True when the app died during the call and `recover` finished it.
    #[serde(default)]
    pub recovered: bool,
}

impl RecordingMeta {
    pub fn new(call_id: &str, sip_call_id: &str, direction: &str, local: &str, remote: &str) -> RecordingMeta {
        RecordingMeta {
            format: SIDECAR_FORMAT,
            call_id: call_id.to_string(),
            sip_call_id: sip_call_id.to_string(),
            direction: direction.to_string(),
            local_number: local.to_string(),
            remote_number: remote.to_string(),
            started_at: now_rfc3339(),
            answered_at: None,
            ended_at: None,
            wav: format!("{call_id}.wav"),
            sample_rate: SAMPLE_RATE,
            channels: 2,
            frames: 0,
            bytes: HEADER_LEN,
            state: "recording".into(),
            sha256: None,
            recovered: false,
        }
    }
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn wav_header(frames: u64) -> [u8; 44] {
    let data = (frames * 4).min(u32::MAX as u64 - 36) as u32;
    let mut h = [0u8; 44];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&(36 + data).to_le_bytes());
    h[8..16].copy_from_slice(b"WAVEfmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&2u16.to_le_bytes());
    h[24..28].copy_from_slice(&SAMPLE_RATE.to_le_bytes());
    h[28..32].copy_from_slice(&(SAMPLE_RATE * 4).to_le_bytes());
    h[32..34].copy_from_slice(&4u16.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data.to_le_bytes());
    h
}

fn write_sidecar(dir: &Path, meta: &RecordingMeta) -> io::Result<()> {
    let tmp = dir.join(format!("{}.json.tmp", meta.call_id));
    fs::write(&tmp, serde_json::to_vec_pretty(meta).map_err(io::Error::other)?)?;
    fs::rename(tmp, dir.join(format!("{}.json", meta.call_id)))
}

pub fn sha256_file(path: &Path) -> io::Result<String> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

pub struct Recorder {
    dir: PathBuf,
    out: BufWriter<File>,
    meta: RecordingMeta,
    since_sync: u64,
}

impl Recorder {
    /// Creates `<dir>/<call_id>.wav` and its sidecar in state "recording".
    pub fn start(dir: &Path, meta: RecordingMeta) -> io::Result<Recorder> {
        fs::create_dir_all(dir)?;
        let mut f = OpenOptions::new().create(true).write(true).truncate(true).open(dir.join(&meta.wav))?;
        f.write_all(&wav_header(0))?;
        write_sidecar(dir, &meta)?;
        Ok(Recorder { dir: dir.to_path_buf(), out: BufWriter::new(f), meta, since_sync: 0 })
    }

    pub fn meta(&self) -> &RecordingMeta {
        &self.meta
    }

    pub fn mark_answered(&mut self) -> io::Result<()> {
        self.meta.answered_at = Some(now_rfc3339());
        write_sidecar(&self.dir, &self.meta)
    }

    /// Appends aligned samples: `agent[i]` and `remote[i]` become one stereo frame.
    pub fn write(&mut self, agent: &[i16], remote: &[i16]) -> io::Result<()> {
        let n = agent.len().max(remote.len());
        let mut buf = Vec::with_capacity(n * 4);
        for i in 0..n {
            buf.extend_from_slice(&agent.get(i).copied().unwrap_or(0).to_le_bytes());
            buf.extend_from_slice(&remote.get(i).copied().unwrap_or(0).to_le_bytes());
        }
        self.out.write_all(&buf)?;
        self.meta.frames += n as u64;
        self.since_sync += n as u64;
        // Once a second the header is made true, so a crash loses little.
        if self.since_sync >= SAMPLE_RATE as u64 {
            self.sync_header()?;
        }
        Ok(())
    }

    fn sync_header(&mut self) -> io::Result<()> {
        self.since_sync = 0;
        self.out.flush()?;
        let f = self.out.get_mut();
        f.seek(SeekFrom::Start(0))?;
        f.write_all(&wav_header(self.meta.frames))?;
        f.seek(SeekFrom::End(0))?;
        Ok(())
    }

    /// Finalises the WAV, computes its SHA-256 and marks the sidecar finished.
    pub fn finish(mut self) -> io::Result<RecordingMeta> {
        self.sync_header()?;
        self.out.get_mut().sync_all()?;
        let path = self.dir.join(&self.meta.wav);
        self.meta.ended_at = Some(now_rfc3339());
        self.meta.bytes = fs::metadata(&path)?.len();
        self.meta.sha256 = Some(sha256_file(&path)?);
        self.meta.state = "finished".into();
        write_sidecar(&self.dir, &self.meta)?;
        Ok(self.meta)
    }
}

/// Lists the sidecars of a recording directory.
pub fn list(dir: &Path) -> io::Result<Vec<RecordingMeta>> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "json") {
            if let Ok(m) = serde_json::from_slice::<RecordingMeta>(&fs::read(&p)?) {
                out.push(m);
            }
        }
    }
    out.sort_by(|a, b| a.started_at.cmp(&b.started_at));
    Ok(out)
}

/// Finishes recordings left in state "recording" by a process that died:
/// truncates a torn last frame, rewrites the header, sets the checksum and
/// `recovered`. Call at start-up before the uploader scans. Returns the ids.
pub fn recover(dir: &Path) -> io::Result<Vec<String>> {
    let mut done = Vec::new();
    if !dir.exists() {
        return Ok(done);
    }
    for mut meta in list(dir)? {
        if meta.state != "recording" {
            continue;
        }
        let path = dir.join(&meta.wav);
        let mut f = OpenOptions::new().read(true).write(true).open(&path)?;
        let len = f.metadata()?.len().max(HEADER_LEN);
        let frames = (len - HEADER_LEN) / 4;
        f.set_len(HEADER_LEN + frames * 4)?;
        f.seek(SeekFrom::Start(0))?;
        f.write_all(&wav_header(frames))?;
        f.sync_all()?;
        let mtime = f
            .metadata()?
            .modified()
            .ok()
            .map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
        meta.frames = frames;
        meta.bytes = HEADER_LEN + frames * 4;
        meta.ended_at = meta.ended_at.or(mtime).or_else(|| Some(now_rfc3339()));
        meta.sha256 = Some(sha256_file(&path)?);
        meta.state = "finished".into();
        meta.recovered = true;
        write_sidecar(dir, &meta)?;
        done.push(meta.call_id);
    }
    Ok(done)
}

/// Reads a 16-bit PCM WAV (mono or stereo) into per-channel sample vectors.
pub fn read_wav(path: &Path) -> io::Result<(u32, Vec<Vec<i16>>)> {
    let b = fs::read(path)?;
    let bad = || io::Error::new(io::ErrorKind::InvalidData, format!("{}: not a 16-bit PCM WAV", path.display()));
    if b.len() < 12 || &b[0..4] != b"RIFF" || &b[8..12] != b"WAVE" {
        return Err(bad());
    }
    let (mut off, mut channels, mut rate, mut data) = (12usize, 0u16, 0u32, None);
    while off + 8 <= b.len() {
        let id = &b[off..off + 4];
        let len = u32::from_le_bytes(b[off + 4..off + 8].try_into().unwrap()) as usize;
        let body = &b[off + 8..(off + 8 + len).min(b.len())];
        if id == b"fmt " && body.len() >= 16 {
            channels = u16::from_le_bytes([body[2], body[3]]);
            rate = u32::from_le_bytes(body[4..8].try_into().unwrap());
            if u16::from_le_bytes([body[14], body[15]]) != 16 {
                return Err(bad());
            }
        } else if id == b"data" {
            data = Some(body);
        }
        off += 8 + len + (len & 1);
    }
    let (Some(data), true) = (data, channels > 0) else { return Err(bad()) };
    let mut out = vec![Vec::new(); channels as usize];
    for (i, s) in data.chunks_exact(2).enumerate() {
        out[i % channels as usize].push(i16::from_le_bytes([s[0], s[1]]));
    }
    Ok((rate, out))
}

/// Writes a mono 16-bit WAV (test tones, baresip's aufile input).
pub fn write_mono_wav(path: &Path, rate: u32, samples: &[i16]) -> io::Result<()> {
    let mut h = wav_header(0);
    let data = samples.len() as u32 * 2;
    h[4..8].copy_from_slice(&(36 + data).to_le_bytes());
    h[22..24].copy_from_slice(&1u16.to_le_bytes());
    h[24..28].copy_from_slice(&rate.to_le_bytes());
    h[28..32].copy_from_slice(&(rate * 2).to_le_bytes());
    h[32..34].copy_from_slice(&2u16.to_le_bytes());
    h[40..44].copy_from_slice(&data.to_le_bytes());
    let mut out = h.to_vec();
    samples.iter().for_each(|s| out.extend_from_slice(&s.to_le_bytes()));
    fs::write(path, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hcrm-rec-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn stereo_is_aligned_and_sidecar_finished_with_checksum() {
        let dir = tmpdir("a");
        let mut r = Recorder::start(&dir, RecordingMeta::new("c1", "sip-1", "inbound", "1001", "13800138000")).unwrap();
        assert_eq!(list(&dir).unwrap()[0].state, "recording");
        for i in 0..100i16 {
            r.write(&[i; 160], &[-i; 160]).unwrap();
        }
        r.mark_answered().unwrap();
        let meta = r.finish().unwrap();
        assert_eq!(meta.frames, 16000);
        assert_eq!(meta.state, "finished");
        assert_eq!(meta.sha256.as_deref().unwrap(), sha256_file(&dir.join("c1.wav")).unwrap());
        let (rate, ch) = read_wav(&dir.join("c1.wav")).unwrap();
        assert_eq!((rate, ch.len(), ch[0].len()), (8000, 2, 16000));
        assert!(ch[0].iter().zip(&ch[1]).all(|(a, b)| *a == -*b));
        assert_eq!(list(&dir).unwrap(), vec![meta]);
    }

    #[test]
    fn recover_finishes_a_recording_of_a_killed_process() {
        let dir = tmpdir("b");
        let mut r = Recorder::start(&dir, RecordingMeta::new("c2", "sip-2", "outbound", "1001", "120")).unwrap();
        for _ in 0..60 {
            r.write(&[1; 160], &[2; 160]).unwrap();
        }
        r.out.flush().unwrap();
        // Simulate a crash: a torn frame at the end, no finish().
        r.out.get_mut().write_all(&[9, 9]).unwrap();
        std::mem::forget(r);
        assert_eq!(recover(&dir).unwrap(), vec!["c2".to_string()]);
        let m = &list(&dir).unwrap()[0];
        assert!(m.recovered && m.state == "finished" && m.frames == 9600 && m.ended_at.is_some());
        let (_, ch) = read_wav(&dir.join("c2.wav")).unwrap();
        assert_eq!(ch[1].len(), 9600);
        // A second recover does nothing: no recording is finished twice.
        assert!(recover(&dir).unwrap().is_empty());
    }
}
