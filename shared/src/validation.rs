//! Validation and normalisation of identifiers that arrive from people,
//! spreadsheets and the HIS: resident ID numbers, phone numbers, digits typed
//! in full width.

use chrono::NaiveDate;
use thiserror::Error;

/// Turns full-width digits, letters and spaces (as typed with a Chinese IME)
/// into their ASCII forms; everything else is kept.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResidentIdError {
    #[error("must be 18 characters (or an old 15-digit number), got {0}")]
    Length(usize),
    #[error("only digits are allowed, with X as the last character")]
    Characters,
    #[error("the region code cannot be all zeros")]
    Region,
    #[error("the birth date {0} inside the number is not a real date")]
    BirthDate(String),
    #[error("check digit is {found}, expected {expected}")]
    CheckDigit { found: char, expected: char },
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The GB 11643-1999 check character for the first 17 digits.
pub fn resident_id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.chars().zip(ID_WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    Some(ID_CHECK[(sum % 11) as usize])
}

/// A validated Chinese resident identity number (居民身份证号码), always in
/// its 18-character form with an upper-case X.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentId {
    pub number: String,
    pub birth_date: NaiveDate,
    /// Odd sequence digit: male; even: female.
    pub male: bool,
}

/// Validates a resident ID. Old 15-digit numbers (issued before 1999) are
/// upgraded to 18 characters, as the ID authority does.
pub fn parse_resident_id(raw: &str) -> Result<ResidentId, ResidentIdError> {
    let s: String = to_half_width(raw.trim()).to_ascii_uppercase().replace(' ', "");
    let number = match s.len() {
        18 => s,
        15 => {
            if !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(ResidentIdError::Characters);
            }
            let first17 = format!("{}19{}", &s[..6], &s[6..]);
            let check = resident_id_check_char(&first17).ok_or(ResidentIdError::Characters)?;
            format!("{first17}{check}")
        }
        n => return Err(ResidentIdError::Length(n)),
    };
    let (body, last) = number.split_at(17);
    let last = last.chars().next().unwrap_or(' ');
    if !body.chars().all(|c| c.is_ascii_digit()) || !(last.is_ascii_digit() || last == 'X') {
        return Err(ResidentIdError::Characters);
    }
    if &body[..6] == "000000" {
        return Err(ResidentIdError::Region);
    }
    let birth = &body[6..14];
    let birth_date = NaiveDate::parse_from_str(birth, "%Y%m%d")
        .ok()
        .filter(|d| d.format("%Y").to_string().as_str() >= "1880")
        .ok_or_else(|| ResidentIdError::BirthDate(birth.to_string()))?;
    let expected = resident_id_check_char(body).ok_or(ResidentIdError::Characters)?;
    if expected != last {
        return Err(ResidentIdError::CheckDigit { found: last, expected });
    }
    let male = body.as_bytes()[16] % 2 == 1;
    Ok(ResidentId { number, birth_date, male })
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PhoneError {
    #[error("a phone number needs at least 7 digits")]
    TooShort,
    #[error("a phone number has at most 15 digits")]
    TooLong,
    #[error("only digits, spaces, '+', '-', '(' and ')' are allowed")]
    Characters,
}

/// Normalises a phone number to the digits used for lookup, so that the
/// caller ID a PBX presents (`+8613812345678`, `013812345678`) and the number
/// a clerk typed (`138 1234 5678`) meet on the same key. Landlines keep their
/// area code (`0551-6288 1234` → `055162881234`).
pub fn normalize_phone(raw: &str) -> Result<String, PhoneError> {
    let s = to_half_width(raw.trim());
    let mut digits = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            '+' if i == 0 => {}
            _ => return Err(PhoneError::Characters),
        }
    }
    // Country code, written as +86, 0086 or 86 before a mobile number.
    let mut d: &str = &digits;
    if let Some(rest) = d.strip_prefix("0086") {
        d = rest;
    } else if d.len() == 13 && d.starts_with("86") {
        d = &d[2..];
    }
    // PBX trunks often prefix a mobile number with 0 for long distance.
    if d.len() == 12 && d.starts_with("01") && is_mobile(&d[1..]) {
        d = &d[1..];
    }
    if d.len() < 7 {
        return Err(PhoneError::TooShort);
    }
    if d.len() > 15 {
        return Err(PhoneError::TooLong);
    }
    Ok(d.to_string())
}

/// A mainland mobile number: 11 digits starting 13-19.
pub fn is_mobile(digits: &str) -> bool {
    digits.len() == 11
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9')
        && digits.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_resident_id_with_x_check_char() {
        // 11010519491231002X is the textbook example from GB 11643.
        let id = parse_resident_id("11010519491231002x").unwrap();
        assert_eq!(id.number, "11010519491231002X");
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert!(!id.male);
    }

    #[test]
    fn wrong_check_digit_is_named() {
        let err = parse_resident_id("110105194912310021").unwrap_err();
        assert_eq!(err, ResidentIdError::CheckDigit { found: '1', expected: 'X' });
        assert!(err.to_string().contains("expected X"));
    }

    #[test]
    fn full_width_and_fifteen_digit_ids() {
        let id = parse_resident_id("１１０１０５１９４９１２３１００２Ｘ").unwrap();
        assert_eq!(id.number, "11010519491231002X");
        let old = parse_resident_id("110105491231002").unwrap();
        assert_eq!(&old.number[..17], "11010519491231002");
        assert_eq!(old.number.len(), 18);
    }

    #[test]
    fn impossible_birth_dates_and_lengths() {
        let mut bad = String::from("11010519490231001");
        bad.push(resident_id_check_char(&bad).unwrap());
        assert!(matches!(parse_resident_id(&bad), Err(ResidentIdError::BirthDate(_))));
        assert_eq!(parse_resident_id("1234"), Err(ResidentIdError::Length(4)));
        assert_eq!(parse_resident_id("11010519491231002A"), Err(ResidentIdError::Characters));
    }

    #[test]
    fn phones_meet_on_one_key() {
        for raw in [
            "13812345678",
            "+86 138-1234-5678",
            "008613812345678",
            "8613812345678",
            "013812345678",
            "１３８１２３４５６７８",
        ] {
            assert_eq!(normalize_phone(raw).unwrap(), "13812345678", "{raw}");
        }
        assert_eq!(normalize_phone("0551-6288 1234").unwrap(), "055162881234");
        assert_eq!(normalize_phone("12345"), Err(PhoneError::TooShort));
        assert_eq!(normalize_phone("138abc"), Err(PhoneError::Characters));
    }
}
