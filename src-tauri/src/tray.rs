//! The tray icon: the app icon with a status dot, a menu whose first line
//! says whether the server is reachable, "show window" and "quit".
//! Texts and the icon drawing are plain functions (tested); `install` and
//! `show_status` are the Tauri glue.
//!
//! Linux trays (AppIndicator) show neither tooltips nor click events, so the
//! status is also the first, disabled, menu line.

use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime};

use crate::connection::{ConnectionStatus, Snapshot};

/// The tray speaks the UI's language, which the UI reports at start and on
/// every switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn from_tag(tag: &str) -> Self {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

pub fn status_text(lang: Lang, status: ConnectionStatus) -> &'static str {
    use ConnectionStatus::*;
    match (lang, status) {
        (Lang::Zh, NotConfigured) => "未设置服务器",
        (Lang::Zh, Checking) => "正在连接服务器…",
        (Lang::Zh, Connected) => "已连接服务器",
        (Lang::Zh, Unreachable) => "无法连接服务器",
        (Lang::En, NotConfigured) => "No server set",
        (Lang::En, Checking) => "Connecting to the server…",
        (Lang::En, Connected) => "Connected to the server",
        (Lang::En, Unreachable) => "Server unreachable",
    }
}

pub fn show_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "显示窗口",
        Lang::En => "Show window",
    }
}

pub fn quit_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "退出",
        Lang::En => "Quit",
    }
}

/// Tooltip (Windows, macOS): product, status, server and the last error.
pub fn tooltip(lang: Lang, s: &Snapshot) -> String {
    let mut t = format!("HCRM — {}", status_text(lang, s.status));
    if let Some(url) = &s.server_url {
        t.push('\n');
        t.push_str(url);
    }
    if let (ConnectionStatus::Unreachable, Some(e)) = (s.status, &s.last_error) {
        t.push_str("\n(");
        t.push_str(e);
        t.push(')');
    }
    t
}

pub fn status_color(status: ConnectionStatus) -> [u8; 3] {
    match status {
        ConnectionStatus::NotConfigured => [0x90, 0x93, 0x99],
        ConnectionStatus::Checking => [0xE6, 0xA2, 0x3C],
        ConnectionStatus::Connected => [0x67, 0xC2, 0x3A],
        ConnectionStatus::Unreachable => [0xF5, 0x6C, 0x6C],
    }
}

/// Draws a filled dot with a white ring in the bottom-right corner of an
/// RGBA image, so the status reads at tray size without separate icon files.
pub fn with_status_dot(rgba: &[u8], width: u32, height: u32, color: [u8; 3]) -> Vec<u8> {
    let mut out = rgba.to_vec();
    let size = width.min(height) as f32;
    let r = (size * 0.22).max(3.0);
    let ring = (size / 24.0).max(1.0);
    let (cx, cy) = (width as f32 - r - ring, height as f32 - r - ring);
    for y in 0..height {
        for x in 0..width {
            let d = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
            let px = if d <= r {
                [color[0], color[1], color[2], 255]
            } else if d <= r + ring {
                [255, 255, 255, 255]
            } else {
                continue;
            };
            let i = ((y * width + x) * 4) as usize;
            out[i..i + 4].copy_from_slice(&px);
        }
    }
    out
}

/// Handles kept to update the tray later.
pub struct Tray<R: Runtime> {
    icon: TrayIcon<R>,
    status: MenuItem<R>,
    show: MenuItem<R>,
    quit: MenuItem<R>,
}

pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

pub fn install<R: Runtime>(app: &AppHandle<R>, lang: Lang, s: &Snapshot) -> tauri::Result<Tray<R>> {
    let status = MenuItem::with_id(app, "status", status_text(lang, s.status), false, None::<&str>)?;
    let show = MenuItem::with_id(app, "show", show_text(lang), true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", quit_text(lang), true, None::<&str>)?;
    let menu = Menu::with_items(app, &[&status, &PredefinedMenuItem::separator(app)?, &show, &quit])?;
    let mut builder = TrayIconBuilder::with_id("main")
        .menu(&menu)
        .tooltip(tooltip(lang, s))
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "show" => show_main_window(app),
            "quit" => app.exit(0),
            _ => {}
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click { button: MouseButton::Left, button_state: MouseButtonState::Up, .. } = event {
                show_main_window(tray.app_handle());
            }
        });
    if let Some(img) = status_icon(app, s.status) {
        builder = builder.icon(img);
    }
    let icon = builder.build(app)?;
    Ok(Tray { icon, status, show, quit })
}

fn status_icon<R: Runtime>(app: &AppHandle<R>, status: ConnectionStatus) -> Option<Image<'static>> {
    let base = app.default_window_icon()?;
    let rgba = with_status_dot(base.rgba(), base.width(), base.height(), status_color(status));
    Some(Image::new_owned(rgba, base.width(), base.height()))
}

impl<R: Runtime> Tray<R> {
    pub fn show_status(&self, lang: Lang, s: &Snapshot) {
        // Tray updates are cosmetic; a failing one is logged, never fatal.
        let results = [
            self.status.set_text(status_text(lang, s.status)),
            self.show.set_text(show_text(lang)),
            self.quit.set_text(quit_text(lang)),
            self.icon.set_tooltip(Some(tooltip(lang, s))),
            self.icon.set_icon(status_icon(self.icon.app_handle(), s.status)),
        ];
        for r in results {
            if let Err(e) = r {
                log::warn!("tray update failed: {e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag("en"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::En);
    }

    #[test]
    fn every_status_has_text_and_a_distinct_colour() {
        use ConnectionStatus::*;
        let all = [NotConfigured, Checking, Connected, Unreachable];
        for lang in [Lang::Zh, Lang::En] {
            let texts: std::collections::HashSet<_> = all.iter().map(|s| status_text(lang, *s)).collect();
            assert_eq!(texts.len(), 4);
        }
        let colours: std::collections::HashSet<_> = all.iter().map(|s| status_color(*s)).collect();
        assert_eq!(colours.len(), 4);
    }

    #[test]
    fn tooltip_names_server_and_error_when_unreachable() {
        let s = Snapshot {
            status: ConnectionStatus::Unreachable,
            server_url: Some("http://hcrm".into()),
            last_error: Some("timed out".into()),
        };
        assert_eq!(tooltip(Lang::En, &s), "HCRM — Server unreachable\nhttp://hcrm\n(timed out)");
        let s = Snapshot { status: ConnectionStatus::Connected, ..s };
        assert_eq!(tooltip(Lang::Zh, &s), "HCRM — 已连接服务器\nhttp://hcrm");
    }

    #[test]
    fn dot_is_drawn_bottom_right_only() {
        let (w, h) = (32u32, 32u32);
        let base = vec![0u8; (w * h * 4) as usize];
        let out = with_status_dot(&base, w, h, [1, 2, 3]);
        let px = |x: u32, y: u32| {
            let i = ((y * w + x) * 4) as usize;
            [out[i], out[i + 1], out[i + 2], out[i + 3]]
        };
        assert_eq!(px(0, 0), [0, 0, 0, 0]);
        assert_eq!(px(8, 24), [0, 0, 0, 0]);
        assert_eq!(px(24, 24), [1, 2, 3, 255]);
        assert_eq!(out.len(), base.len());
    }
}
