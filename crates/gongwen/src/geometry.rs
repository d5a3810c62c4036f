//! GB/T 9704-2012 page geometry in PDF points (1 pt = 1/72 in), measured from the page's
//! top-left corner (y grows downwards; the PDF writer flips it).

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

pub const PAGE_W: f32 = 210.0 * MM;
pub const PAGE_H: f32 = 297.0 * MM;

/// 版心: 156 × 225 mm, 天头 37 mm, 订口 28 mm.
pub const BODY_LEFT: f32 = 28.0 * MM;
pub const BODY_TOP: f32 = 37.0 * MM;
pub const BODY_W: f32 = 156.0 * MM;
pub const BODY_H: f32 = 225.0 * MM;
pub const BODY_RIGHT: f32 = BODY_LEFT + BODY_W;
pub const BODY_BOTTOM: f32 = BODY_TOP + BODY_H;

/// 22 lines × 28 characters of 3号 text fill the 版心.
pub const LINES: usize = 22;
pub const CHARS: usize = 28;
/// Line pitch ≈ 28.99 pt and character pitch ≈ 15.79 pt.
pub const PITCH: f32 = BODY_H / LINES as f32;
pub const CELL: f32 = BODY_W / CHARS as f32;

/// 字号 in pt.
pub const SIZE_2: f32 = 22.0;
pub const SIZE_3: f32 = 16.0;
pub const SIZE_4: f32 = 14.0;
pub const SIZE_XIAO_4: f32 = 12.0;

/// Baseline below the top of the ideographic em box, in em (CJK fonts: −0.12 … 0.88).
pub const BASELINE: f32 = 0.88;

/// Top of grid line `i` (0-based) of the 版心.
pub fn line_top(i: usize) -> f32 {
    BODY_TOP + i as f32 * PITCH
}

/// Baseline of `size`-pt text vertically centred in grid line `i`.
pub fn line_baseline(i: usize, size: f32) -> f32 {
    line_top(i) + (PITCH - size) / 2.0 + BASELINE * size
}

/// The first grid line that starts at or below `y`.
pub fn line_at_or_below(y: f32) -> usize {
    let i = ((y - BODY_TOP) / PITCH - 0.001).ceil();
    if i <= 0.0 {
        0
    } else {
        i as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_fills_the_type_area_exactly() {
        assert!((line_top(LINES) - BODY_BOTTOM).abs() < 0.01);
        assert!((CELL * CHARS as f32 - BODY_W).abs() < 0.01);
        assert!((PITCH - 28.99).abs() < 0.01);
        assert!((PAGE_W - BODY_RIGHT - 26.0 * MM).abs() < 0.01);
        assert!((PAGE_H - BODY_BOTTOM - 35.0 * MM).abs() < 0.01);
    }

    #[test]
    fn a_position_maps_to_the_next_grid_line() {
        assert_eq!(line_at_or_below(BODY_TOP), 0);
        assert_eq!(line_at_or_below(line_top(3)), 3);
        assert_eq!(line_at_or_below(line_top(3) + 1.0), 4);
        assert_eq!(line_at_or_below(0.0), 0);
    }
}
