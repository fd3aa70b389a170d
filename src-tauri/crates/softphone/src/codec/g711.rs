//! ITU-T G.711 A-law and mu-law, as in the standard's tables 1a/1b and 2a/2b.
//!
//! Linear samples are 16-bit PCM. A-law works on 13-bit magnitudes (the 16-bit
//! value shifted right by 3), mu-law on 14-bit values (shifted right by 2); the
//! decoders return the standard's reconstruction values scaled back to 16 bits.

const SEG_AEND: [i32; 8] = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];
const SEG_UEND: [i32; 8] = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF];
const ULAW_BIAS: i32 = 0x84 >> 2; // 33 in 14-bit units

fn segment(value: i32, table: &[i32; 8]) -> usize {
    table.iter().position(|&end| value <= end).unwrap_or(8)
}

/// 16-bit linear PCM to an A-law character (even bits inverted, as transmitted).
pub fn linear_to_alaw(pcm: i16) -> u8 {
    let mut v = (pcm as i32) >> 3;
    let mask = if v >= 0 {
        0xD5 // sign bit 1 for positive, then the 0x55 inversion
    } else {
        v = -v - 1;
        0x55
    };
    let seg = segment(v, &SEG_AEND);
    if seg >= 8 {
        return (0x7F ^ mask) as u8;
    }
    let mut aval = (seg as i32) << 4;
    aval |= if seg < 2 { (v >> 1) & 0x0F } else { (v >> seg) & 0x0F };
    (aval ^ mask) as u8
}

/// An A-law character to 16-bit linear PCM (the decoder's output value).
pub fn alaw_to_linear(code: u8) -> i16 {
    let a = (code ^ 0x55) as i32;
    let mut t = (a & 0x0F) << 4;
    let seg = (a & 0x70) >> 4;
    match seg {
        0 => t += 8,
        1 => t += 0x108,
        _ => {
            t += 0x108;
            t <<= seg - 1;
        }
    }
    (if a & 0x80 != 0 { t } else { -t }) as i16
}

/// 16-bit linear PCM to a mu-law character (all bits inverted, as transmitted).
pub fn linear_to_ulaw(pcm: i16) -> u8 {
    let mut v = (pcm as i32) >> 2;
    let mask = if v < 0 {
        v = -v;
        0x7F
    } else {
        0xFF
    };
    v = (v + ULAW_BIAS).min(0x1FFF);
    let seg = segment(v, &SEG_UEND);
    if seg >= 8 {
        return (0x7F ^ mask) as u8;
    }
    let uval = ((seg as i32) << 4) | ((v >> (seg + 1)) & 0x0F);
    (uval ^ mask) as u8
}

/// A mu-law character to 16-bit linear PCM.
pub fn ulaw_to_linear(code: u8) -> i16 {
    let u = !code as i32 & 0xFF;
    let mut t = ((u & 0x0F) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    (if u & 0x80 != 0 { 0x84 - t } else { t - 0x84 }) as i16
}

/// Encodes a block of samples.
pub fn encode(law: Law, pcm: &[i16], out: &mut Vec<u8>) {
    out.clear();
    out.extend(pcm.iter().map(|&s| match law {
        Law::A => linear_to_alaw(s),
        Law::Mu => linear_to_ulaw(s),
    }));
}

/// Decodes a block of characters.
pub fn decode(law: Law, codes: &[u8], out: &mut Vec<i16>) {
    out.clear();
    out.extend(codes.iter().map(|&c| match law {
        Law::A => alaw_to_linear(c),
        Law::Mu => ulaw_to_linear(c),
    }));
}

/// The two companding laws; the static RTP payload types are 8 (PCMA) and 0 (PCMU).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Law {
    A,
    Mu,
}

impl Law {
    pub fn payload_type(self) -> u8 {
        match self {
            Law::A => 8,
            Law::Mu => 0,
        }
    }
    pub fn from_payload_type(pt: u8) -> Option<Law> {
        match pt {
            8 => Some(Law::A),
            0 => Some(Law::Mu),
            _ => None,
        }
    }
    pub fn silence(self) -> u8 {
        match self {
            Law::A => 0xD5,
            Law::Mu => 0xFF,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// G.711 table 1a/1b: the A-law decoder output for segment s, step q is, in
    /// 13-bit units, 2q+1 for s=0 and (2q+33)·2^(s-1) otherwise; the character
    /// sent has its even bits inverted and bit 1 set for positive values.
    #[test]
    fn alaw_decoder_matches_the_standard_table() {
        for sign in [0u8, 1] {
            for s in 0..8u8 {
                for q in 0..16u8 {
                    let code = ((sign << 7) | (s << 4) | q) ^ 0x55;
                    let mag: i32 = if s == 0 { 2 * q as i32 + 1 } else { (2 * q as i32 + 33) << (s - 1) };
                    let expect = if sign == 1 { mag * 8 } else { -mag * 8 };
                    assert_eq!(alaw_to_linear(code) as i32, expect, "code {code:#04x}");
                }
            }
        }
        // Well-known points: 0xD5 is the smallest positive value, 0xAA the largest.
        assert_eq!(alaw_to_linear(0xD5), 8);
        assert_eq!(alaw_to_linear(0x55), -8);
        assert_eq!(alaw_to_linear(0xAA), 32256);
        assert_eq!(alaw_to_linear(0x2A), -32256);
    }

    /// G.711 table 2a/2b: mu-law output in 14-bit units is (2q+33)·2^s − 33;
    /// bit 1 of the character is 1 for positive values and the segment and
    /// step bits are sent inverted.
    #[test]
    fn ulaw_decoder_matches_the_standard_table() {
        for sign in [0u8, 1] {
            for s in 0..8u8 {
                for q in 0..16u8 {
                    let code = (sign << 7) | (!((s << 4) | q) & 0x7F);
                    let mag = ((2 * q as i32 + 33) << s) - 33;
                    let expect = if sign == 1 { mag * 4 } else { -mag * 4 };
                    assert_eq!(ulaw_to_linear(code) as i32, expect, "code {code:#04x}");
                }
            }
        }
        assert_eq!(ulaw_to_linear(0xFF), 0);
        assert_eq!(ulaw_to_linear(0x80), 32124);
        assert_eq!(ulaw_to_linear(0x00), -32124);
    }

    /// The encoder picks the interval whose decision values (the midpoints
    /// between output values) contain the input: every decoded value encodes to
    /// its own character, and every 16-bit input lands on the nearest level
    /// below the next decision value.
    #[test]
    fn encoders_invert_decoders_and_quantise_monotonically() {
        for c in 0..=255u8 {
            assert_eq!(linear_to_alaw(alaw_to_linear(c)), c, "alaw {c:#04x}");
            let u = ulaw_to_linear(c);
            // mu-law has two zeros (0x7F and 0xFF); both decode to 0.
            if u != 0 {
                assert_eq!(linear_to_ulaw(u), c, "ulaw {c:#04x}");
            }
        }
        let mut last_a = i32::MIN;
        let mut last_u = i32::MIN;
        for x in i16::MIN..=i16::MAX {
            let a = alaw_to_linear(linear_to_alaw(x)) as i32;
            let u = ulaw_to_linear(linear_to_ulaw(x)) as i32;
            assert!(a >= last_a && u >= last_u, "non-monotonic at {x}");
            last_a = a;
            last_u = u;
        }
        assert_eq!(linear_to_alaw(0), 0xD5);
        assert_eq!(linear_to_ulaw(0), 0xFF);
        assert_eq!(linear_to_alaw(i16::MAX), 0xAA);
        assert_eq!(linear_to_alaw(i16::MIN), 0x2A);
        assert_eq!(linear_to_ulaw(i16::MAX), 0x80);
        assert_eq!(linear_to_ulaw(i16::MIN), 0x00);
    }
}
