//! Facts about this build that the UI shows (about box, support requests).

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, specta::Type)]
pub struct AppInfo {
    pub name: &'static str,
    pub version: &'static str,
    pub os: &'static str,
    pub arch: &'static str,
}

pub fn app_info() -> AppInfo {
    AppInfo {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
        os: std::env::consts::OS,
        arch: std::env::consts::ARCH,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_this_crate() {
        let i = super::app_info();
        assert_eq!(i.name, "hcrm-desktop");
        assert!(!i.version.is_empty());
    }
}

/// The installer configuration is only read by the bundler, and the Windows
/// part only on Windows: check here that both files parse as Tauri config
/// (unknown keys are refused) so a typo is caught on Linux too.
#[cfg(test)]
mod bundle_config_tests {
    use serde_json::Value;

    /// RFC 7396 merge, as the Tauri CLI applies platform files.
    fn merge(base: &mut Value, patch: &Value) {
        match (base, patch) {
            (Value::Object(b), Value::Object(p)) => {
                for (k, v) in p {
                    if v.is_null() {
                        b.remove(k);
                    } else {
                        merge(b.entry(k.clone()).or_insert(Value::Null), v);
                    }
                }
            }
            (b, p) => *b = p.clone(),
        }
    }

    fn read(name: &str) -> Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    fn parse(v: Value) -> tauri::utils::config::Config {
        serde_json::from_value(v).expect("valid Tauri config")
    }

    #[test]
    fn linux_bundles_deb_and_appimage() {
        let c = parse(read("tauri.conf.json"));
        let targets = serde_json::to_value(&c.bundle.targets).unwrap();
        assert_eq!(targets, serde_json::json!(["deb", "appimage"]));
    }

    #[test]
    fn windows_bundles_msi_and_nsis_with_a_fixed_upgrade_code() {
        let mut v = read("tauri.conf.json");
        merge(&mut v, &read("tauri.windows.conf.json"));
        let c = parse(v);
        let targets = serde_json::to_value(&c.bundle.targets).unwrap();
        assert_eq!(targets, serde_json::json!(["msi", "nsis"]));
        // A changed upgrade code would install side by side instead of upgrading.
        assert_eq!(
            c.bundle.windows.wix.unwrap().upgrade_code.unwrap().to_string(),
            "caf5ee3c-d3b5-57f5-baa1-a6a87e3850a8"
        );
        assert!(c.bundle.windows.nsis.is_some());
    }
}
