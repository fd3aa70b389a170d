// No console window on Windows release builds; debug builds keep it for logs.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    hcrm_desktop_lib::run();
}
