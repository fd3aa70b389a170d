//! Masking of identifiers in list views: `138****5678`, `110105********002X`.

/// Masks the middle of a phone number, keeping the first three and last four
/// digits; short numbers keep only their last two.
pub fn mask_phone(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let n = chars.len();
    if n >= 8 {
        let stars = "*".repeat(n - 7);
        format!("{}{}{}", chars[..3].iter().collect::<String>(), stars, chars[n - 4..].iter().collect::<String>())
    } else if n > 2 {
        format!("{}{}", "*".repeat(n - 2), chars[n - 2..].iter().collect::<String>())
    } else {
        "*".repeat(n)
    }
}

/// Masks a resident ID, keeping the region code (6) and the last four.
pub fn mask_resident_id(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let n = chars.len();
    if n >= 12 {
        format!(
            "{}{}{}",
            chars[..6].iter().collect::<String>(),
            "*".repeat(n - 10),
            chars[n - 4..].iter().collect::<String>()
        )
    } else {
        "*".repeat(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("055162881234"), "055*****1234");
        assert_eq!(mask_phone("1234567"), "*****67");
        assert_eq!(mask_resident_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_resident_id("123"), "***");
    }
}
