//! Password hashing (argon2id) and the password policy.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher(memory_kib: u32) -> Argon2<'static> {
    let params = Params::new(memory_kib.max(Params::MIN_M_COST), 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str, memory_kib: u32) -> String {
    let salt = SaltString::generate(&mut OsRng);
    hasher(memory_kib)
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing cannot fail with valid parameters")
        .to_string()
}

/// Verifies with the parameters stored in the hash itself, so raising the
/// cost later does not lock out existing users.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash of a password nobody has, verified when the username is unknown so
/// that timing does not tell which usernames exist.
pub fn dummy_hash(memory_kib: u32) -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not-a-real-password-0", memory_kib))
}

/// At least 8 characters with three of: lower case, upper case, digits,
/// symbols; not containing the username (the usual 等保 rule).
pub fn check_policy(password: &str, username: &str) -> Result<(), String> {
    let len = password.chars().count();
    if len < 8 {
        return Err("must be at least 8 characters".into());
    }
    if len > 128 {
        return Err("must be at most 128 characters".into());
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|b| **b).count() < 3 {
        return Err("must mix at least three of: lower case, upper case, digits, symbols".into());
    }
    if !username.is_empty() && password.to_lowercase().contains(&username.to_lowercase()) {
        return Err("must not contain the username".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash_password("Secret#2026", 1024);
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("Secret#2026", &h));
        assert!(!verify_password("secret#2026", &h));
        assert!(!verify_password("x", "garbage"));
    }

    #[test]
    fn policy() {
        assert!(check_policy("Hcrm@2026", "zhang").is_ok());
        assert!(check_policy("short1A", "zhang").is_err());
        assert!(check_policy("alllowercase", "zhang").is_err());
        assert!(check_policy("Zhang@2026", "zhang").is_err());
    }
}
