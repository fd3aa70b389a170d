//! Agents' global keyboard shortcuts: which actions exist, their defaults,
//! and parsing/validation of the accelerator strings kept in the settings.
//! Plain code; `lib.rs` registers the result with the global-shortcut plugin.
//!
//! The stored form is canonical, e.g. `Ctrl+Alt+A`: modifiers in the order
//! Ctrl, Alt, Shift, Super, then one key. The plugin parses that form too.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// What a shortcut does. The UI receives the snake_case name as the payload
/// of the `shortcut` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ShortcutAction {
    Answer,
    HangUp,
    SearchPatient,
}

impl ShortcutAction {
    pub const ALL: [ShortcutAction; 3] = [Self::Answer, Self::HangUp, Self::SearchPatient];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Answer => "answer",
            Self::HangUp => "hang_up",
            Self::SearchPatient => "search_patient",
        }
    }

    pub fn default_accelerator(self) -> &'static str {
        match self {
            Self::Answer => "Ctrl+Alt+A",
            Self::HangUp => "Ctrl+Alt+H",
            Self::SearchPatient => "Ctrl+Alt+F",
        }
    }
}

/// Action -> accelerator. An empty string turns the action's shortcut off.
pub type ShortcutMap = BTreeMap<ShortcutAction, String>;

pub fn defaults() -> ShortcutMap {
    ShortcutAction::ALL.iter().map(|a| (*a, a.default_accelerator().to_owned())).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShortcutError {
    #[error("shortcut {0:?}: unknown key or modifier {1:?}")]
    Unknown(String, String),
    #[error("shortcut {0:?}: needs exactly one key after the modifiers")]
    Key(String),
    #[error("shortcut {0:?}: a global shortcut needs Ctrl, Alt or Super, so that typing is not captured")]
    NoModifier(String),
    #[error("shortcut {0:?}: a modifier is repeated")]
    Repeated(String),
    #[error("shortcut {accelerator:?} is used for both {first} and {second}")]
    Duplicate { accelerator: String, first: &'static str, second: &'static str },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Modifiers {
    ctrl: bool,
    alt: bool,
    shift: bool,
    super_: bool,
}

/// A parsed accelerator; `Display` gives the canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accelerator {
    mods: Modifiers,
    key: String,
}

impl fmt::Display for Accelerator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.mods;
        for (on, name) in [(m.ctrl, "Ctrl"), (m.alt, "Alt"), (m.shift, "Shift"), (m.super_, "Super")] {
            if on {
                write!(f, "{name}+")?;
            }
        }
        f.write_str(&self.key)
    }
}

/// Canonical key name, or `None` for keys we do not offer. The set is small
/// on purpose: letters, digits, function keys and a few navigation keys work
/// on every keyboard layout the plugin supports.
fn canonical_key(token: &str) -> Option<String> {
    let up = token.to_ascii_uppercase();
    if up.len() == 1 && up.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(up);
    }
    if let Some(n) = up.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
        if (1..=12).contains(&n) && !up.starts_with("F0") {
            return Some(format!("F{n}"));
        }
    }
    const NAMED: [&str; 9] = ["Space", "Enter", "Home", "End", "PageUp", "PageDown", "Insert", "Delete", "Backspace"];
    NAMED.iter().find(|n| n.eq_ignore_ascii_case(token)).map(|n| (*n).to_owned())
}

pub fn parse(input: &str) -> Result<Accelerator, ShortcutError> {
    let err_input = || input.trim().to_owned();
    let tokens: Vec<&str> = input.split('+').map(str::trim).collect();
    let (key_token, mod_tokens) = tokens.split_last().expect("split yields one item");
    let mut mods = Modifiers::default();
    for t in mod_tokens {
        let slot = match t.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => &mut mods.ctrl,
            "alt" | "option" => &mut mods.alt,
            "shift" => &mut mods.shift,
            "super" | "meta" | "win" | "cmd" | "command" => &mut mods.super_,
            "" => return Err(ShortcutError::Key(err_input())),
            other => {
                // A key in a modifier position: "Ctrl+A+B" or "A+Ctrl".
                if canonical_key(other).is_some() {
                    return Err(ShortcutError::Key(err_input()));
                }
                return Err(ShortcutError::Unknown(err_input(), (*t).to_owned()));
            }
        };
        if *slot {
            return Err(ShortcutError::Repeated(err_input()));
        }
        *slot = true;
    }
    if key_token.is_empty() {
        return Err(ShortcutError::Key(err_input()));
    }
    let key = canonical_key(key_token).ok_or_else(|| ShortcutError::Unknown(err_input(), (*key_token).to_owned()))?;
    if !(mods.ctrl || mods.alt || mods.super_) {
        return Err(ShortcutError::NoModifier(err_input()));
    }
    Ok(Accelerator { mods, key })
}

/// Checks a whole map: every accelerator parses, none is used twice, and
/// actions missing from the map get their default. Returns the canonical map
/// (disabled actions keep their empty string).
pub fn validate(map: &ShortcutMap) -> Result<ShortcutMap, ShortcutError> {
    let mut out = ShortcutMap::new();
    let mut seen: BTreeMap<String, ShortcutAction> = BTreeMap::new();
    for action in ShortcutAction::ALL {
        let raw = match map.get(&action) {
            Some(s) => s.trim(),
            None => action.default_accelerator(),
        };
        if raw.is_empty() {
            out.insert(action, String::new());
            continue;
        }
        let canonical = parse(raw)?.to_string();
        if let Some(first) = seen.insert(canonical.clone(), action) {
            return Err(ShortcutError::Duplicate {
                accelerator: canonical,
                first: first.as_str(),
                second: action.as_str(),
            });
        }
        out.insert(action, canonical);
    }
    Ok(out)
}

/// The accelerators to register: enabled ones only.
pub fn active(map: &ShortcutMap) -> Vec<(ShortcutAction, String)> {
    map.iter().filter(|(_, s)| !s.is_empty()).map(|(a, s)| (*a, s.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form() {
        assert_eq!(parse("ctrl+alt+a").unwrap().to_string(), "Ctrl+Alt+A");
        assert_eq!(parse(" Alt + Control + f ").unwrap().to_string(), "Ctrl+Alt+F");
        assert_eq!(parse("shift+super+f5").unwrap().to_string(), "Shift+Super+F5");
        assert_eq!(parse("Ctrl+pagedown").unwrap().to_string(), "Ctrl+PageDown");
        assert_eq!(parse("Meta+1").unwrap().to_string(), "Super+1");
    }

    #[test]
    fn refuses_bad_accelerators() {
        use ShortcutError::*;
        type Check = fn(&ShortcutError) -> bool;
        let cases: [(&str, Check); 10] = [
            ("", |e| matches!(e, Key(_))),
            ("Ctrl+", |e| matches!(e, Key(_))),
            ("Ctrl++A", |e| matches!(e, Key(_))),
            ("Ctrl+A+B", |e| matches!(e, Key(_))),
            ("A", |e| matches!(e, NoModifier(_))),
            ("Shift+A", |e| matches!(e, NoModifier(_))),
            ("Ctrl+Ctrl+A", |e| matches!(e, Repeated(_))),
            ("Hyper+A", |e| matches!(e, Unknown(_, t) if t == "Hyper")),
            ("Ctrl+F13", |e| matches!(e, Unknown(..))),
            ("Ctrl+Alt+é", |e| matches!(e, Unknown(..))),
        ];
        for (input, check) in cases {
            let e = parse(input).expect_err(input);
            assert!(check(&e), "{input:?} gave {e:?}");
        }
        assert!(parse("Ctrl+F0").is_err());
        assert!(parse("Ctrl+F01").is_err());
    }

    #[test]
    fn defaults_are_valid_and_distinct() {
        let d = defaults();
        assert_eq!(validate(&d).unwrap(), d);
        assert_eq!(d[&ShortcutAction::HangUp], "Ctrl+Alt+H");
    }

    #[test]
    fn validate_fills_missing_and_keeps_disabled() {
        let mut m = ShortcutMap::new();
        m.insert(ShortcutAction::Answer, "alt+ctrl+F9".into());
        m.insert(ShortcutAction::HangUp, "  ".into());
        let v = validate(&m).unwrap();
        assert_eq!(v[&ShortcutAction::Answer], "Ctrl+Alt+F9");
        assert_eq!(v[&ShortcutAction::HangUp], "");
        assert_eq!(v[&ShortcutAction::SearchPatient], "Ctrl+Alt+F");
        assert_eq!(
            active(&v),
            vec![
                (ShortcutAction::Answer, "Ctrl+Alt+F9".to_owned()),
                (ShortcutAction::SearchPatient, "Ctrl+Alt+F".to_owned()),
            ]
        );
    }

    #[test]
    fn duplicates_are_refused_after_normalising() {
        let mut m = defaults();
        m.insert(ShortcutAction::SearchPatient, "alt+ctrl+a".into());
        let e = validate(&m).unwrap_err();
        assert_eq!(
            e,
            ShortcutError::Duplicate { accelerator: "Ctrl+Alt+A".into(), first: "answer", second: "search_patient" }
        );
    }

    #[test]
    fn action_names_match_serde() {
        for a in ShortcutAction::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.as_str());
        }
    }
}
