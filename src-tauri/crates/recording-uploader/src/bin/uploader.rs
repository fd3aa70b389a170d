//! Drains a recordings directory to the server:
//! `hcrm-recording-uploader --dir <recordings> --server <url> [--queue <db>]
//! [--chunk-bytes N] [--chunk-delay-ms N] [--backoff-ms N] [--exit-when-idle]`,
//! token in `HCRM_TOKEN`.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use hcrm_recording_uploader::{Config, Uploader};

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut dir, mut server, mut queue) = (None, None, None);
    let (mut chunk, mut delay, mut backoff, mut idle_exit) = (None, 0u64, None, false);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| die(&format!("{a} needs a value")));
        match a.as_str() {
            "--dir" => dir = Some(val()),
            "--server" => server = Some(val()),
            "--queue" => queue = Some(val()),
            "--chunk-bytes" => chunk = Some(val().parse().unwrap_or_else(|_| die("--chunk-bytes: a number"))),
            "--chunk-delay-ms" => delay = val().parse().unwrap_or_else(|_| die("--chunk-delay-ms: a number")),
            "--backoff-ms" => backoff = Some(val().parse::<u64>().unwrap_or_else(|_| die("--backoff-ms: a number"))),
            "--exit-when-idle" => idle_exit = true,
            other => die(&format!("unknown argument {other}")),
        }
    }
    let dir = dir.unwrap_or_else(|| die("--dir is required"));
    let mut config = Config::new(dir.into(), server.unwrap_or_else(|| die("--server is required")));
    if let Some(q) = queue {
        config.queue_db = q.into();
    }
    if let Some(c) = chunk {
        config.chunk_bytes = c;
    }
    config.chunk_delay = Duration::from_millis(delay);
    if let Some(b) = backoff {
        config.backoff_base = Duration::from_millis(b);
        config.backoff_max = Duration::from_millis(b * 8);
    }
    config.scan_interval = Duration::from_millis(500);
    let uploader = Uploader::new(config, std::env::var("HCRM_TOKEN").ok()).unwrap_or_else(|e| die(&e));
    uploader.run(&AtomicBool::new(false), idle_exit);
    let c = uploader.counts();
    println!("pending={} done={} failed={}", c.pending, c.done, c.failed);
}

fn die(msg: &str) -> ! {
    eprintln!("hcrm-recording-uploader: {msg}");
    std::process::exit(2)
}
