//! Reading the first worksheet of an uploaded workbook (.xlsx/.xls/.ods) into text rows keyed by
//! our column headers. Owns: opening the file (never panicking on a bad one), finding the header
//! row below any title rows, matching headers loosely (spaces, full-/half-width parentheses),
//! turning cells into the text the importers parse, and the parsers for years, labels and yes/no
//! cells that both importers share. Row numbers are the ones Excel shows.

use crate::{Error, FieldProblem, Result};
use calamine::{Data, Dimensions, Range, Reader, Sheets};
use std::path::Path;

/// One data row: its spreadsheet row number and the cell texts in the order of the headers that
/// were asked for.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub row: u32,
    cells: Vec<String>,
}

impl Record {
    /// Text of the `i`-th requested column ("" for an empty cell).
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Reads the first worksheet of `path`; every header in `headers` must be present.
pub(crate) fn read_records(path: &Path, headers: &[&str]) -> Result<Vec<Record>> {
    let range = open_first_sheet(path)?;
    let origin_row = range.start().map(|(r, _)| r).unwrap_or(0);
    // Spreadsheet row number (1-based, as Excel shows it) of the i-th row of the range.
    let excel_row = |i: usize| origin_row + i as u32 + 1;
    let rows: Vec<&[Data]> = range.rows().collect();
    let wanted: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();

    // The header row is the first one holding every wanted header; a title row ("2025年项目
    // 预算表") may sit above it. Remember the best partial match to say what is missing.
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate() {
        let found: Vec<String> = row
            .iter()
            .map(|c| normalize_header(&cell_text(c)))
            .collect();
        let hits = wanted.iter().filter(|w| found.contains(w)).count();
        if hits == wanted.len() {
            return collect(&rows, i, &found, &wanted, headers, excel_row);
        }
        if hits > 0 && best.is_none_or(|(_, b)| hits > b) {
            best = Some((i, hits));
        }
    }
    let template_hint = "请使用“下载导入模板”得到的表头";
    match best {
        Some((i, _)) => {
            let found: Vec<String> = rows[i]
                .iter()
                .map(|c| normalize_header(&cell_text(c)))
                .collect();
            let problems = wanted
                .iter()
                .zip(headers)
                .filter(|(w, _)| !found.contains(w))
                .map(|(_, h)| FieldProblem {
                    row: excel_row(i),
                    column: (*h).to_string(),
                    message: format!("缺少列『{h}』，{template_hint}"),
                })
                .collect();
            Err(Error::Rejected(problems))
        }
        None => Err(Error::Rejected(vec![FieldProblem {
            row: 0,
            column: headers.first().copied().unwrap_or_default().to_string(),
            message: format!(
                "找不到表头（应包含：{}），{template_hint}",
                headers.join("、")
            ),
        }])),
    }
}

/// Maps the header row's columns and turns every non-empty row below it into a `Record`.
fn collect(
    rows: &[&[Data]],
    header_index: usize,
    found: &[String],
    wanted: &[String],
    headers: &[&str],
    excel_row: impl Fn(usize) -> u32,
) -> Result<Vec<Record>> {
    let mut columns = Vec::with_capacity(wanted.len());
    let mut problems = Vec::new();
    for (w, h) in wanted.iter().zip(headers) {
        let at: Vec<usize> = (0..found.len()).filter(|&j| &found[j] == w).collect();
        if at.len() > 1 {
            // Two columns with the same header: silently taking one would import the wrong data.
            problems.push(FieldProblem {
                row: excel_row(header_index),
                column: (*h).to_string(),
                message: format!("列『{h}』出现了{}次，请只保留一列", at.len()),
            });
        }
        columns.push(at.first().copied().unwrap_or(0));
    }
    if !problems.is_empty() {
        return Err(Error::Rejected(problems));
    }
    let records = rows
        .iter()
        .enumerate()
        .skip(header_index + 1)
        .filter(|(_, row)| row.iter().any(|c| !cell_text(c).is_empty()))
        .map(|(i, row)| Record {
            row: excel_row(i),
            cells: columns
                .iter()
                .map(|&j| row.get(j).map(cell_text).unwrap_or_default())
                .collect(),
        })
        .collect();
    Ok(records)
}

/// Opens the workbook and returns its first worksheet. A corrupt or foreign file becomes a
/// Chinese `Error::File`, never a panic; a file too large to read safely is refused before
/// calamine allocates (`limits`). Cells of a merged range all read as the range's value (as
/// Excel shows them: WPS's 「合并相同单元格」 merges equal 总体目标 of two projects); a formula
/// cell saved without its result is refused naming the cell.
fn open_first_sheet(path: &Path) -> Result<Range<Data>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if !path.is_file() {
        return Err(Error::File(format!(
            "找不到文件『{name}』，请确认文件仍在原来的位置"
        )));
    }
    super::limits::check(path, &name)?;
    // calamine parses untrusted bytes; should a malformed file ever trip a panic inside it,
    // the user still gets a message instead of a crashed app. calamine's own error text
    // (English, zip/XML internals) is never shown: `unreadable` says what to do instead.
    let opened = std::panic::catch_unwind(|| {
        let mut book = calamine::open_workbook_auto(path).ok()?;
        let range = book.worksheet_range_at(0)?.ok()?;
        let first = book.sheet_names().first().cloned();
        let formulas = first.and_then(|n| book.worksheet_formula(&n).ok());
        let merges = match &mut book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_id(0).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_id(0).unwrap_or_default(),
            _ => Vec::new(),
        };
        Some((range, formulas, merges))
    });
    let (mut range, formulas, merges) = match opened {
        Ok(Some(parts)) => parts,
        Ok(None) | Err(_) => return Err(unreadable(path, &name)),
    };
    if let Some(f) = formulas {
        uncached_formulas(&range, &f)?;
    }
    fill_merged(&mut range, &merges, &name)?;
    Ok(range)
}

/// `C5` for 0-based (row 4, column 2).
fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A formula whose result was never saved (files written by scripts, or Excel's 「手动计算」)
/// would read as an empty cell: an amount silently missing. Refused, naming every such cell.
fn uncached_formulas(values: &Range<Data>, formulas: &Range<String>) -> Result<()> {
    let Some((r0, c0)) = formulas.start() else {
        return Ok(());
    };
    let mut problems = Vec::new();
    for (r, c, f) in formulas.used_cells() {
        if f.trim().is_empty() {
            continue;
        }
        let at = (r0 + r as u32, c0 + c as u32);
        if matches!(values.get_value(at), None | Some(Data::Empty)) {
            problems.push(FieldProblem {
                row: at.0 + 1,
                column: a1(at.0, at.1),
                message: format!(
                    "单元格 {} 是公式（={}），文件中没有保存计算结果。请在 Excel（或 WPS）中打开、重新计算并保存后再导入，或把公式改为数值",
                    a1(at.0, at.1),
                    f.chars().take(60).collect::<String>()
                ),
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Rejected(problems))
    }
}

/// Every cell of a merged range takes the range's (top-left) value, within the sheet's grid.
fn fill_merged(range: &mut Range<Data>, merges: &[Dimensions], name: &str) -> Result<()> {
    let (Some((r0, c0)), Some((r1, c1))) = (range.start(), range.end()) else {
        return Ok(());
    };
    let mut budget = super::limits::MAX_CELLS;
    for m in merges {
        let Some(value) = range.get_value(m.start).cloned() else {
            continue;
        };
        let (top, bottom) = (m.start.0.max(r0), m.end.0.min(r1));
        let (left, right) = (m.start.1.max(c0), m.end.1.min(c1));
        if top > bottom || left > right {
            continue;
        }
        let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        budget = budget.checked_sub(area).ok_or_else(|| {
            Error::File(format!(
                "文件『{name}』中的合并单元格过多，未导入任何数据。请取消合并单元格后另存再导入"
            ))
        })?;
        for r in top..=bottom {
            for c in left..=right {
                if (r, c) != m.start {
                    range.set_value((r, c), value.clone());
                }
            }
        }
    }
    Ok(())
}

/// Why a file calamine could not read is not a workbook, in words the user can act on: an
/// empty file (copy or download cut short), a text/CSV file renamed to .xlsx, or else a
/// damaged or foreign file (truncated, bytes changed, another format).
fn unreadable(path: &Path, name: &str) -> Error {
    use std::io::Read;
    let mut head = Vec::new();
    if let Ok(file) = std::fs::File::open(path) {
        // If even this read fails, `head` stays empty and the file counts as damaged.
        let _ = file.take(4096).read_to_end(&mut head);
    }
    let empty = std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
    let is_container = head.starts_with(b"PK") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let (reason, advice) = if empty {
        (
            "文件是空的（0 字节），可能复制或下载没有完成",
            "请重新导出或重新复制该文件后再导入",
        )
    } else if !head.is_empty() && !is_container && !head.contains(&0) {
        (
            "这是文本（如 CSV）文件，不是有效的 Excel 工作簿",
            "请在 WPS 或 Excel 中打开后「另存为」Excel 工作簿（.xlsx）再导入",
        )
    } else {
        (
            "文件已损坏或不是有效的 Excel 工作簿（.xlsx/.xls）",
            "请在 WPS 或 Excel 中打开检查，或重新导出该表后再导入",
        )
    };
    Error::File(format!(
        "无法读取文件『{name}』：{reason}。{advice}；未导入任何数据"
    ))
}

/// Header text compared loosely: no spaces anywhere (Excel line breaks, full-width spaces) and
/// half-width parentheses read as the full-width ones our headers use.
fn normalize_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}

/// A cell as the text a user would read in Excel (without its display format).
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            s.trim_matches(|c: char| c.is_whitespace()).to_string()
        }
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => float_text(d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// Shortest text that reads back as the same f64 — what Excel shows for a typed 1286.5.
/// Rust's `Display` for f64 is exactly that (and never uses exponent notation). A result with
/// more than 6 decimals that is only binary noise around a 6-decimal value (e.g. a SUM formula
/// giving 0.30000000000000004) is written as that value, so amounts typed to the 分 still parse.
fn float_text(f: f64) -> String {
    let shortest = format!("{f}");
    let decimals = shortest.split_once('.').map_or(0, |(_, d)| d.len());
    if decimals <= 6 || !f.is_finite() {
        return shortest;
    }
    let rounded = format!("{f:.6}");
    let back: f64 = rounded.parse().unwrap_or(f64::NAN);
    if (back - f).abs() <= f.abs() * 1e-12 {
        let trimmed = rounded.trim_end_matches('0').trim_end_matches('.');
        if trimmed == "-0" {
            "0".to_string()
        } else {
            trimmed.to_string()
        }
    } else {
        shortest
    }
}

/// A year such as 2025 (also "2025年").
pub(crate) fn year_cell(text: &str) -> Result<i32, String> {
    let t = text.strip_suffix('年').unwrap_or(text).trim();
    if t.is_empty() {
        return Err("不能为空".into());
    }
    t.parse()
        .map_err(|_| format!("『{text}』不是年份，请填写四位年份，如 2025"))
}

/// A parser for a `text_enum!` label that names the allowed labels when the text is not one.
pub(crate) fn choice<T>(
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> impl Fn(&str) -> Result<T, String> {
    move |text| {
        if text.is_empty() {
            return Err(format!("不能为空，可选：{}", choices()));
        }
        parse(text).ok_or_else(|| format!("『{text}』不是可选的值，可选：{}", choices()))
    }
}

/// A yes/no cell as people write it (是/否, Y/N, 1/0, TRUE/FALSE); empty means 否.
pub(crate) fn bool_cell(text: &str) -> Result<bool, String> {
    match text.to_ascii_uppercase().as_str() {
        "是" | "Y" | "YES" | "1" | "TRUE" => Ok(true),
        "否" | "N" | "NO" | "0" | "FALSE" | "" => Ok(false),
        _ => Err(format!(
            "『{text}』无法识别，请填写“是”或“否”（可留空，表示否）"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_as_the_number_the_user_typed() {
        assert_eq!(float_text(1286.5), "1286.5");
        assert_eq!(float_text(2025.0), "2025");
        assert_eq!(float_text(0.000001), "0.000001");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(1.0000001), "1.0000001");
        assert_eq!(float_text(-3.0), "-3");
    }

    #[test]
    fn headers_match_despite_spaces_and_half_width_parentheses() {
        assert_eq!(
            normalize_header(" 年初预算数 (万元)\n"),
            normalize_header("年初预算数（万元）")
        );
    }

    #[test]
    fn a_missing_file_is_a_file_error() {
        let e = read_records(Path::new("/nonexistent/x.xlsx"), &["单位编码"]);
        assert!(matches!(e, Err(Error::File(m)) if m.contains("x.xlsx")));
    }
}
