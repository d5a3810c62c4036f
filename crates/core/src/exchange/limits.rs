//! Size checks on an uploaded workbook, before calamine reads it. calamine builds a sheet as one
//! dense grid of (last row × last column) cells, so a single cell at XFD1048576 asks for 17
//! billion cells and aborts the process; a zip-bomb part inflates without end. So, first:
//!
//! - the file is at most [`MAX_WORKBOOK_BYTES`] (50 MB);
//! - for .xlsx (a zip), every part inflates to at most [`MAX_RATIO`]× its packed size and all
//!   parts together to at most [`MAX_INFLATED`], counted while inflating (declared sizes lie);
//! - every worksheet's extent — its declared `<dimension>` and every `<row r>`/`<c r>` actually
//!   present, read streaming — stays within [`MAX_ROWS`] rows and [`MAX_COLS`] columns and
//!   [`MAX_CELLS`] cells of grid.
//!
//! Nothing here allocates in proportion to the sheet.

use crate::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};
use std::path::Path;

pub const MAX_WORKBOOK_BYTES: u64 = 50 * 1024 * 1024;
pub const MAX_ROWS: u32 = 200_000;
pub const MAX_COLS: u32 = 200;
/// The grid calamine allocates (rows × columns), ~32 bytes a cell: 8 M cells ≈ 256 MB.
pub const MAX_CELLS: u64 = 8_000_000;
const MAX_RATIO: u64 = 500;
const RATIO_FLOOR: u64 = 4 * 1024 * 1024;
const MAX_INFLATED: u64 = 1024 * 1024 * 1024;

/// Refuses, in Chinese and naming the file, a workbook too large to read safely.
pub(crate) fn check(path: &Path, name: &str) -> Result<()> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(Error::File(format!(
            "文件『{name}』有 {} MB，超过 {} MB 的上限，未导入任何数据。请删去无关的工作表、图片后另存，或分成几个文件导入",
            size >> 20,
            MAX_WORKBOOK_BYTES >> 20
        )));
    }
    let file = std::fs::File::open(path)?;
    // Not a zip (.xls, .ods-less text, damaged): the size cap above is what protects calamine;
    // the reader says what is wrong with the file.
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let mut left = MAX_INFLATED;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            return Ok(()); // calamine will call the file damaged
        };
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let packed = entry.compressed_size();
        let ratio_cap = packed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
        if entry.size() > ratio_cap {
            return Err(bomb(name));
        }
        let limit = ratio_cap.min(left);
        let mut counted = Counted {
            inner: entry.take(limit + 1),
            n: 0,
        };
        let is_sheet = part.starts_with("xl/worksheets/") && part.ends_with(".xml");
        let extent = if is_sheet {
            sheet_extent(&mut counted)
        } else {
            std::io::copy(&mut counted, &mut std::io::sink())
                .map(|_| Extent::default())
                .map_err(|_| ())
        };
        if counted.n > limit {
            return Err(if counted.n > ratio_cap {
                bomb(name)
            } else {
                Error::File(format!(
                    "文件『{name}』解压后超过 {} MB，未导入任何数据。请分成几个文件导入",
                    MAX_INFLATED >> 20
                ))
            });
        }
        left -= counted.n;
        if let Ok(e) = extent {
            e.check(name)?;
        }
    }
    Ok(())
}

fn bomb(name: &str) -> Error {
    Error::File(format!(
        "文件『{name}』中的内容压缩比异常（疑似“压缩炸弹”），已拒绝，未导入任何数据。请在 Excel 中打开检查后另存再导入"
    ))
}

struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n += k as u64;
        Ok(k)
    }
}

/// Last row and column (1-based) a sheet declares or uses.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extent {
    rows: u32,
    cols: u32,
}

impl Extent {
    fn grow(&mut self, row: u32, col: u32) {
        self.rows = self.rows.max(row);
        self.cols = self.cols.max(col);
    }

    fn check(self, name: &str) -> Result<()> {
        if self.rows > MAX_ROWS
            || self.cols > MAX_COLS
            || u64::from(self.rows) * u64::from(self.cols) > MAX_CELLS
        {
            return Err(Error::File(format!(
                "文件『{name}』的工作表范围过大（{} 行 × {} 列；上限 {MAX_ROWS} 行、{MAX_COLS} 列），未导入任何数据。表格远处可能有误填的单元格：请在 Excel 中按 Ctrl+End 找到并删除多余的行列后另存再导入",
                self.rows, self.cols
            )));
        }
        Ok(())
    }
}

/// `A1` → (row 1, col 1); `XFD1048576` → (1048576, 16384). None if not a cell reference.
fn cell_ref(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 || letters == r.len() {
        return None;
    }
    let mut col: u32 = 0;
    for b in &r[..letters] {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = std::str::from_utf8(&r[letters..]).ok()?.parse().ok()?;
    Some((row, col))
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<Vec<u8>> {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned().into_bytes())
}

/// Reads a worksheet's XML as a stream and returns the furthest row/column it declares or
/// holds. Err(()) when the XML is not readable (calamine will then refuse the file).
fn sheet_extent<R: Read>(input: R) -> std::result::Result<Extent, ()> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(input));
    let mut buf = Vec::new();
    let mut ext = Extent::default();
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|_| ())?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "dimension" => {
                    if let Some(r) = attr(e, "ref") {
                        // "A1:XFD1048576" or a single "A1".
                        for part in r.split(|b| *b == b':') {
                            if let Some((rr, cc)) = cell_ref(part) {
                                ext.grow(rr, cc);
                            }
                        }
                    }
                }
                "row" => {
                    row = attr(e, "r")
                        .and_then(|r| std::str::from_utf8(&r).ok()?.parse().ok())
                        .unwrap_or(row + 1);
                    col = 0;
                    ext.grow(row, 0);
                }
                "c" => {
                    match attr(e, "r").and_then(|r| cell_ref(&r)) {
                        Some((rr, cc)) => {
                            row = rr;
                            col = cc;
                        }
                        None => col += 1,
                    }
                    ext.grow(row, col);
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        // Stop early: the answer is already "too large".
        if ext.check("").is_err() {
            break;
        }
        buf.clear();
    }
    Ok(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_read_as_excel_numbers_them() {
        assert_eq!(cell_ref(b"A1"), Some((1, 1)));
        assert_eq!(cell_ref(b"AA10"), Some((10, 27)));
        assert_eq!(cell_ref(b"XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(cell_ref(b"A"), None);
        assert_eq!(cell_ref(b"12"), None);
    }

    #[test]
    fn the_extent_counts_cells_beyond_a_lying_dimension() {
        let xml = br#"<worksheet><dimension ref="A1:B2"/><sheetData>
            <row r="1"><c r="A1"><v>1</v></c></row>
            <row r="900000"><c r="XFD900000"><v>1</v></c></row></sheetData></worksheet>"#;
        let e = sheet_extent(&xml[..]).unwrap();
        assert!(e.rows >= 900_000 || e.cols > MAX_COLS);
        assert!(e.check("x.xlsx").is_err());
    }
}
