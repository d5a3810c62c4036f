//! The main window's size and position, remembered between runs in `window.json` next to the
//! database, and always placed inside the monitor's work area: the first start opens at
//! 1366×768 (logical), smaller where the screen is smaller, centred. A handful of lines instead
//! of tauri-plugin-window-state, which is not in the offline registry.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::{PhysicalPosition, PhysicalSize, WebviewWindow, Window};

/// The first start's size, in logical pixels.
pub const DEFAULT_WIDTH: f64 = 1366.0;
pub const DEFAULT_HEIGHT: f64 = 768.0;

/// A window or work-area rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Saved {
    #[serde(flatten)]
    rect: Rect,
    #[serde(default)]
    maximized: bool,
}

pub fn file_next_to(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join("window.json")
}

/// Where the window goes: the saved rectangle (or `default` centred), shrunk to fit `work` and
/// moved so that all of it is inside.
pub fn place(saved: Option<Rect>, default: (u32, u32), work: Rect) -> Rect {
    let (w, h, x, y) = match saved {
        Some(r) => (r.width, r.height, Some(r.x), Some(r.y)),
        None => (default.0, default.1, None, None),
    };
    let width = w.clamp(1, work.width.max(1));
    let height = h.clamp(1, work.height.max(1));
    let centre = |start: i32, span: u32, size: u32| start + ((span - size) / 2) as i32;
    let fit = |p: Option<i32>, start: i32, span: u32, size: u32| match p {
        Some(p) => p.clamp(start, start + (span - size) as i32),
        None => centre(start, span, size),
    };
    Rect {
        x: fit(x, work.x, work.width.max(width), width),
        y: fit(y, work.y, work.height.max(height), height),
        width,
        height,
    }
}

/// Sizes and places the window before the user sees it.
pub fn restore(window: &WebviewWindow, file: &Path) {
    let saved: Option<Saved> = std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let monitor = window
        .current_monitor()
        .ok()
        .flatten()
        .or_else(|| window.primary_monitor().ok().flatten());
    let Some(monitor) = monitor else { return };
    let area = monitor.work_area();
    let work = Rect {
        x: area.position.x,
        y: area.position.y,
        width: area.size.width,
        height: area.size.height,
    };
    let scale = monitor.scale_factor();
    let default = (
        (DEFAULT_WIDTH * scale).round() as u32,
        (DEFAULT_HEIGHT * scale).round() as u32,
    );
    let r = place(saved.as_ref().map(|s| s.rect), default, work);
    let _ = window.set_size(PhysicalSize::new(r.width, r.height));
    let _ = window.set_position(PhysicalPosition::new(r.x, r.y));
    if saved.is_some_and(|s| s.maximized) {
        let _ = window.maximize();
    }
}

/// Writes the window's rectangle (the one before maximising is kept when maximised).
pub fn save(window: &Window, file: &Path) {
    let maximized = window.is_maximized().unwrap_or(false);
    let previous: Option<Saved> = std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let rect = match (
        maximized,
        previous,
        window.outer_position(),
        window.inner_size(),
    ) {
        (true, Some(p), _, _) => p.rect,
        (_, _, Ok(pos), Ok(size)) => Rect {
            x: pos.x,
            y: pos.y,
            width: size.width,
            height: size.height,
        },
        _ => return,
    };
    if let Ok(json) = serde_json::to_vec(&Saved { rect, maximized }) {
        if let Err(e) = std::fs::write(file, json) {
            eprintln!("无法保存窗口位置 {}：{e}", file.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{place, Rect};

    const SCREEN_1366: Rect = Rect {
        x: 0,
        y: 0,
        width: 1366,
        height: 728, // 768 minus a 40 px taskbar
    };

    #[test]
    fn the_first_start_fits_a_1366x768_screen_with_a_taskbar() {
        let r = place(None, (1366, 768), SCREEN_1366);
        assert_eq!(
            r,
            Rect {
                x: 0,
                y: 0,
                width: 1366,
                height: 728
            }
        );
        let big = Rect {
            x: 0,
            y: 0,
            width: 1920,
            height: 1040,
        };
        assert_eq!(
            place(None, (1366, 768), big),
            Rect {
                x: 277,
                y: 136,
                width: 1366,
                height: 768
            }
        );
    }

    #[test]
    fn a_saved_window_comes_back_where_it_was_but_never_off_the_screen() {
        let saved = Rect {
            x: 100,
            y: 50,
            width: 1200,
            height: 700,
        };
        let big = Rect {
            x: 0,
            y: 0,
            width: 1920,
            height: 1040,
        };
        assert_eq!(place(Some(saved), (1366, 768), big), saved);
        // Saved on a bigger monitor that is gone: shrunk and moved inside.
        let far = Rect {
            x: 2500,
            y: 900,
            width: 1800,
            height: 1000,
        };
        assert_eq!(
            place(Some(far), (1366, 768), SCREEN_1366),
            Rect {
                x: 0,
                y: 0,
                width: 1366,
                height: 728
            }
        );
        let off = Rect {
            x: -300,
            y: 600,
            width: 1000,
            height: 600,
        };
        assert_eq!(
            place(Some(off), (1366, 768), SCREEN_1366),
            Rect {
                x: 0,
                y: 128,
                width: 1000,
                height: 600
            }
        );
    }
}
