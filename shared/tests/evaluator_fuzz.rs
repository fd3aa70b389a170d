//! Deterministic fuzzing of the evaluator codec: random bytes, and streams of
//! good frames mixed with noise, corrupted, truncated and wrong-version
//! frames, fed in random pieces. The decoder must never panic and must
//! recover every good frame, in order.

use hcrm_shared::evaluator::{encode_frame, Decoder, EvaluatorAdapter, Frame, Message, V1Adapter, MAX_PAYLOAD};

/// xorshift64*: reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn feed_in_pieces(rng: &mut Rng, d: &mut Decoder, data: &[u8], out: &mut Vec<Frame>) {
    let mut at = 0;
    while at < data.len() {
        let n = (1 + rng.below(40)).min(data.len() - at);
        d.push(&data[at..at + n]);
        at += n;
        while let Some(f) = d.next_frame() {
            out.push(f);
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..20_000 {
        let len = rng.below(600);
        let mut data = rng.bytes(len);
        // Sprinkle start bytes so the decoder tries to parse often.
        for _ in 0..rng.below(8) {
            if !data.is_empty() {
                let i = rng.below(data.len());
                data[i] = 0xA5;
            }
        }
        let mut d = Decoder::new();
        let mut frames = Vec::new();
        feed_in_pieces(&mut rng, &mut d, &data, &mut frames);
        d.idle();
        while d.next_frame().is_some() {}
        for f in &frames {
            let _ = Message::decode(f);
        }
        assert!(d.pending() <= data.len(), "case {case}");
    }
}

#[test]
fn random_payloads_with_good_crc_never_panic() {
    let mut rng = Rng(7);
    let kinds = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x81, 0x82, 0x83, 0x00, 0xFF];
    for _ in 0..20_000 {
        let kind = kinds[rng.below(kinds.len())];
        let len = rng.below(80);
        let frame = Frame { version: 1, kind, seq: rng.next() as u16, payload: rng.bytes(len) };
        let mut a = V1Adapter::new();
        let got = a.feed(&frame.encode());
        assert!(got.len() + a.stats().bad_payload as usize == 1);
    }
}

#[test]
fn good_frames_survive_noise_corruption_truncation_and_wrong_versions() {
    let mut rng = Rng(2026);
    let mut totals = [0u64; 4];
    for case in 0..3_000 {
        let mut stream = Vec::new();
        let mut expected = Vec::new();
        let (mut corrupted, mut cut, mut versions) = (0u64, 0u64, 0u64);
        for i in 0..(1 + rng.below(20)) {
            let seq = i as u16; // good frames use 0..; junk frames use 40000..
            let payload_len = rng.below(60);
            let kind = [0x82u8, 0x83, 0x81][rng.below(3)];
            let p = rng.bytes(payload_len);
            let good = encode_frame(1, kind, seq, &p);
            match rng.below(10) {
                0 => {
                    let n = rng.below(30);
                    stream.extend(rng.bytes(n));
                }
                1 => {
                    let p = rng.bytes(payload_len);
                    let mut bad = encode_frame(1, kind, 40000 + seq, &p);
                    // Corrupt past the length field so the frame keeps its size.
                    let at = 3 + rng.below(bad.len() - 3);
                    bad[at] ^= 1 + rng.below(255) as u8;
                    stream.extend(bad);
                    corrupted += 1;
                }
                2 => {
                    let p = rng.bytes(payload_len);
                    let other = encode_frame(1, kind, 40000 + seq, &p);
                    let n = 1 + rng.below(other.len() - 1);
                    stream.extend(&other[..n]);
                    cut += 1;
                }
                3 => {
                    let v = 2 + rng.below(200) as u8;
                    let p = rng.bytes(payload_len);
                    stream.extend(encode_frame(v, kind, 40000 + seq, &p));
                    versions += 1;
                }
                _ => {}
            }
            stream.extend(&good);
            expected.push(seq);
        }
        let mut d = Decoder::new();
        let mut frames = Vec::new();
        feed_in_pieces(&mut rng, &mut d, &stream, &mut frames);
        d.idle();
        while let Some(f) = d.next_frame() {
            frames.push(f);
        }
        let got: Vec<u16> = frames.iter().map(|f| f.seq).filter(|s| *s < 40000).collect();
        assert_eq!(got, expected, "case {case}: every good frame, once, in order");
        let s = d.stats();
        assert!(s.wrong_version >= versions, "case {case}: {s:?}");
        assert!(s.rejected() + s.garbage_bytes >= corrupted + cut, "case {case}: {s:?}");
        assert!(s.frames as usize >= expected.len());
        totals[0] += corrupted;
        totals[1] += cut;
        totals[2] += versions;
        totals[3] += expected.len() as u64;
    }
    assert!(totals.iter().all(|t| *t > 500), "the generator exercised every kind of damage: {totals:?}");
}

#[test]
fn an_oversized_length_is_noise() {
    let mut d = Decoder::new();
    let mut junk = vec![0xA5, 0xFF, 0xFF];
    junk.extend(encode_frame(1, 0x82, 3, &[0; 5]));
    d.push(&junk);
    assert_eq!(d.next_frame().unwrap().seq, 3);
    const { assert!(MAX_PAYLOAD < 0xFFFF) };
}
