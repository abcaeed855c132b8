//! How wide a text will be, without a font renderer: the advance widths of DejaVu Sans, the
//! first font the chart asks for, with a margin. Labels are placed from these widths, so a
//! width that is too small would let two labels touch; every estimate errs on the wide side.
//!
//! Other fonts named after it (Verdana, then any sans-serif) are no wider for Latin text.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::render::text::terminal;

/// Advance widths of the printable ASCII characters (U+0020 to U+007E) in DejaVu Sans Book, in
/// units of 1/2048 em (its `hmtx` table).
const REGULAR: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048,
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235,
    1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024,
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
    1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];

/// The same for DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048,
    1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501,
    1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024,
    1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466,
    1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
];

/// Beyond ASCII: a wide (East Asian) character is a full em; any other, as wide as DejaVu's
/// widest lower-case letters but `m` and `w`.
const FULL: u16 = 2048;
const OTHER: u16 = 1430;

/// Room added to every estimate, for the differences between fonts and renderers (7%).
const MARGIN: f64 = 1.07;

/// The width in pixels of `text` set at `size` pixels.
///
/// ```
/// use docket::render::chart::text_width;
/// assert!(text_width("mmmm", 12.0, false) > text_width("iiii", 12.0, false));
/// assert!(text_width("Hearing", 12.0, true) > text_width("Hearing", 12.0, false));
/// ```
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &REGULAR };
    let units: u64 = text.chars().map(|c| u64::from(advance(c, table))).sum();
    units as f64 / 2048.0 * size * MARGIN
}

fn advance(c: char, table: &[u16; 95]) -> u16 {
    match c {
        ' '..='~' => table[c as usize - 0x20],
        // The marks docket writes itself, at their DejaVu Sans widths.
        '·' => 651,
        '–' => 1024,
        '…' | '—' => 2048,
        '≈' => 1716,
        _ => match c.width() {
            Some(0) => 0,
            Some(2) => FULL,
            _ => OTHER,
        },
    }
}

/// Text as the chart shows it: characters that could reorder or hide text (bidirectional
/// overrides, zero-width and control characters) written as visible escapes, so that what is
/// measured is what is drawn.
pub fn shown(text: &str) -> Cow<'_, str> {
    terminal(text)
}

/// `text` cut to fit `max` pixels at `size`, ending in `…` when cut.
///
/// ```
/// use docket::render::chart::{fit, text_width};
/// let long = "Attorney General Sessions gives 29 jurisdictions a final opportunity";
/// let cut = fit(long, 120.0, 12.0, false);
/// assert!(cut.ends_with('…') && text_width(&cut, 12.0, false) <= 120.0);
/// assert_eq!(fit("Short", 120.0, 12.0, false), "Short");
/// ```
pub fn fit(text: &str, max: f64, size: f64, bold: bool) -> String {
    if text_width(text, size, bold) <= max {
        return text.to_string();
    }
    let ellipsis = text_width("…", size, bold);
    let mut out = String::new();
    let mut used = 0.0;
    let table = if bold { &BOLD } else { &REGULAR };
    for c in text.chars() {
        let w = f64::from(advance(c, table)) / 2048.0 * size * MARGIN;
        if used + w + ellipsis > max {
            break;
        }
        used += w;
        out.push(c);
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}
