//! Key layouts. Keys are numbered from 1 (leftmost, best) on every layout.

use serde::{Deserialize, Serialize};

/// How many satisfaction levels the keypad has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyLayout {
    /// 满意 / 一般 / 不满意.
    Three,
    /// The common hospital four-key pad: 非常满意 / 满意 / 一般 / 不满意.
    Four,
    /// The national government-service scale (政务服务“好差评”):
    /// 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意.
    Five,
}

/// One key's meaning: its label and a score on the common 1..=5 scale, so
/// ratings from different pads compare and one threshold fits all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    pub key: u8,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub score: u8,
}

const THREE: [Level; 3] = [
    Level { key: 1, label_zh: "满意", label_en: "satisfied", score: 5 },
    Level { key: 2, label_zh: "一般", label_en: "neutral", score: 3 },
    Level { key: 3, label_zh: "不满意", label_en: "dissatisfied", score: 2 },
];
const FOUR: [Level; 4] = [
    Level { key: 1, label_zh: "非常满意", label_en: "very satisfied", score: 5 },
    Level { key: 2, label_zh: "满意", label_en: "satisfied", score: 4 },
    Level { key: 3, label_zh: "一般", label_en: "neutral", score: 3 },
    Level { key: 4, label_zh: "不满意", label_en: "dissatisfied", score: 2 },
];
const FIVE: [Level; 5] = [
    Level { key: 1, label_zh: "非常满意", label_en: "very satisfied", score: 5 },
    Level { key: 2, label_zh: "满意", label_en: "satisfied", score: 4 },
    Level { key: 3, label_zh: "基本满意", label_en: "fairly satisfied", score: 3 },
    Level { key: 4, label_zh: "不满意", label_en: "dissatisfied", score: 2 },
    Level { key: 5, label_zh: "非常不满意", label_en: "very dissatisfied", score: 1 },
];

impl KeyLayout {
    /// The wire code is the number of keys.
    pub fn from_code(code: u8) -> Option<KeyLayout> {
        match code {
            3 => Some(KeyLayout::Three),
            4 => Some(KeyLayout::Four),
            5 => Some(KeyLayout::Five),
            _ => None,
        }
    }

    pub fn code(self) -> u8 {
        self.levels().len() as u8
    }

    pub fn levels(self) -> &'static [Level] {
        match self {
            KeyLayout::Three => &THREE,
            KeyLayout::Four => &FOUR,
            KeyLayout::Five => &FIVE,
        }
    }

    /// The level of key `key` (1-based), or None for a key the pad lacks.
    pub fn level(self, key: u8) -> Option<Level> {
        self.levels().iter().copied().find(|l| l.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_have_their_keys_and_scores() {
        assert_eq!(KeyLayout::Five.level(3).unwrap().label_zh, "基本满意");
        assert_eq!(KeyLayout::Four.level(3).unwrap().label_zh, "一般");
        assert_eq!(KeyLayout::Four.level(5), None);
        for l in [KeyLayout::Three, KeyLayout::Four, KeyLayout::Five] {
            assert_eq!(KeyLayout::from_code(l.code()), Some(l));
            assert_eq!(l.level(1).unwrap().score, 5);
        }
    }
}
