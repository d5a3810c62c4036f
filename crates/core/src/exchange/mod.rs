//! Excel import/export of base data (units, projects) and the 导入模板. Reads .xlsx/.xls with
//! calamine, writes .xlsx with rust_xlsxwriter. Columns are matched by header text in any
//! order; the whole file is validated before anything is written, and one transaction applies
//! it (re-importing updates by code instead of duplicating).

pub(crate) mod groups;
pub mod limits;
mod projects;
pub(crate) mod reader;
mod template;
pub mod unit_choice;
mod units;

pub use projects::{export_projects, import_projects};
pub use template::write_template;
pub use units::{export_units, import_units};

use crate::{Error, FieldProblem};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What an import did. Base data (units, projects, 指标库) counts rows; the form workbooks
/// (绩效目标, 监控情况表, 自评表) count forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// Data rows read from the file.
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    /// Rows (forms) identical to what the database already had: nothing written for them.
    pub unchanged: u32,
    /// Forms already locked (approved 二下 targets, submitted or approved sheets, submitted
    /// 自评表) that the file leaves unchanged: skipped (「已锁定未修改 N 张，跳过」).
    pub locked: u32,
    /// Forms submitted by this import (only with `ImportOptions::submit`).
    pub submitted: u32,
}

/// Choices of a form-workbook import (绩效目标, 监控情况表, 自评表).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// 导入即提交: submit every imported form that changed (or is still a draft) and is complete.
    /// Off by default: forms are saved, and the unit submits them on the screen.
    pub submit: bool,
    /// 按单位导入: the code of the unit whose workbook this is; rows of any other unit refuse
    /// the file (`unit_choice`). None: a consolidated workbook (the bureau's 绩效管理).
    pub unit: Option<String>,
}

/// Which base-data workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Sheet {
    Units,
    Projects,
}

pub const UNIT_HEADERS: [&str; 6] = [
    "单位编码",
    "单位名称",
    "上级单位编码",
    "单位类型",
    "联系人",
    "联系电话",
];

pub const PROJECT_HEADERS: [&str; 14] = [
    "预算年度",
    "项目编码",
    "项目名称",
    "预算单位编码",
    "预算类型",
    "项目类别",
    "新增或延续",
    "实施期起",
    "实施期止",
    "年初预算数（万元）",
    "调整后预算数（万元）",
    "资金来源",
    "是否专项债券",
    "项目分级",
];

/// Column widths (Excel units) of exported files and templates, in header order.
const UNIT_WIDTHS: [f64; 6] = [14.0, 30.0, 14.0, 12.0, 10.0, 16.0];
const PROJECT_WIDTHS: [f64; 14] = [
    10.0, 16.0, 36.0, 14.0, 16.0, 12.0, 12.0, 10.0, 10.0, 20.0, 22.0, 16.0, 14.0, 10.0,
];

/// One problem of an imported row.
pub(crate) fn problem(row: u32, column: &str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        row,
        column: column.to_string(),
        message: message.into(),
    }
}

/// A refusal raised while applying row `row` (the core's own checks, run again inside the
/// transaction) becomes a row problem, so the user sees where it came from.
pub(crate) fn in_row(row: u32, column: &str, e: Error) -> Error {
    match e {
        Error::Invalid { field, message } => Error::Rejected(vec![problem(row, &field, message)]),
        Error::Conflict(m) | Error::NotFound(m) => Error::Rejected(vec![problem(row, column, m)]),
        other => other,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Writing a workbook can only fail on our own cell data (a bug) or on saving (file open in
/// Excel, no permission); both become a sentence the user can act on.
pub(crate) fn xlsx_error(path: &Path) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| {
        Error::File(format!(
            "无法保存文件『{}』：{e}。如果该文件正在 WPS 或 Excel 中打开，请先关闭后重试",
            file_name(path)
        ))
    }
}

/// A sheet's header row: bold on grey, frozen so it stays visible while scrolling, and columns
/// wide enough for their header (a Chinese character is about two width units). Row 0 — used by
/// the import templates, whose first row must be the header; exports use `write_titled_header`.
pub(crate) fn write_header_row(
    ws: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    header_at(ws, 0, headers, widths)?;
    page_setup(ws, 0)
}

/// Row of the header in an exported sheet: row 0 is the title (年度, 导出时间).
pub(crate) const HEADER_ROW: u32 = 1;
/// First data row of an exported sheet.
pub(crate) const FIRST_DATA_ROW: u32 = 2;

/// The title row of an export: 「2026年度 绩效目标申报表　导出时间：2026-12-07 10:30」. The time is
/// the PC's clock (a file stamp, not a business date, so no `Clock` is threaded through).
pub(crate) fn export_title(year: Option<i32>, name: &str) -> String {
    use crate::clock::Clock;
    let at = crate::clock::SystemClock.now().format("%Y-%m-%d %H:%M");
    match year {
        Some(y) => format!("{y}年度 {name}　导出时间：{at}"),
        None => format!("{name}　导出时间：{at}"),
    }
}

/// An exported sheet's top: the title row (merged over the columns), the header row below it,
/// both frozen, and the print setup (`page_setup`). Data starts at `FIRST_DATA_ROW`. The
/// importers find the header below any title rows, so such a file imports back as it is.
pub(crate) fn write_titled_header(
    ws: &mut Worksheet,
    title: &str,
    headers: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let big = Format::new().set_bold().set_font_size(14);
    let last = headers.len().saturating_sub(1) as u16;
    if last > 0 {
        ws.merge_range(0, 0, 0, last, title, &big)?;
    } else {
        ws.write_string_with_format(0, 0, title, &big)?;
    }
    ws.set_row_height(0, 24)?;
    header_at(ws, HEADER_ROW, headers, widths)?;
    page_setup(ws, HEADER_ROW)
}

fn header_at(
    ws: &mut Worksheet,
    row: u32,
    headers: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    for (col, header) in headers.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(row, col, *header, &bold)?;
        let fit = header.chars().count() as f64 * 2.2 + 2.0;
        let width = widths.get(col as usize).copied().unwrap_or(12.0).max(fit);
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(row + 1, 0)?;
    Ok(())
}

/// Printing: landscape A4, every column on one page width (as many pages down as needed), the
/// header row repeated on each page, page numbers in the footer.
fn page_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

/// An amount of 分 as a number of 万元 (shown 0.00, more decimals only when the amount has
/// them). fen / 1e6 is the double nearest the exact decimal and the file keeps its shortest
/// round-trip text, so the reader gets the same decimal back — up to 15 significant digits;
/// beyond that it goes out as exact text.
pub(crate) fn write_wan(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    fen: crate::money::Fen,
    format: &Format,
) -> Result<(), XlsxError> {
    if fen.0.unsigned_abs() < 1_000_000_000_000_000 {
        ws.write_number_with_format(row, col, fen.0 as f64 / 1e6, format)?;
    } else {
        ws.write_string_with_format(row, col, fen.wan_exact(), format)?;
    }
    Ok(())
}

/// The number format of amounts in 万元: two decimals, up to six when the amount has 分 below
/// 0.01 万元 (so 0.000001 万元 = 1 分 stays visible).
pub(crate) const WAN_FORMAT: &str = "0.00####";
/// The number format of scores, weights and other centi-point figures.
pub(crate) const SCORE_FORMAT: &str = "0.00";

/// The cell formats of a sheet whose rows are either open (the unit may still change them) or
/// locked (approved / submitted — read-only under sheet protection, shaded grey).
pub(crate) struct RowFormats {
    /// Text, with a "@" format so a typed 001 keeps its zeros.
    pub text: [Format; 2],
    /// Plain cells (wrapped text).
    pub plain: [Format; 2],
    pub wan: [Format; 2],
    pub score: [Format; 2],
}

impl RowFormats {
    pub fn new() -> RowFormats {
        let both = |f: Format| [f.clone().set_unlocked(), f.set_background_color("#EDEDED")];
        RowFormats {
            text: both(Format::new().set_num_format("@")),
            plain: both(Format::new()),
            wan: both(Format::new().set_num_format(WAN_FORMAT)),
            score: both(Format::new().set_num_format(SCORE_FORMAT)),
        }
    }
}

/// One cell of a form row.
#[derive(Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// Text (a code keeps its zeros).
    Code(&'a str),
    Text(&'a str),
    /// 分 as 万元; `None` is an empty cell.
    Wan(Option<crate::money::Fen>),
    /// Centi-points (分值, 得分, 权重) as a number with two decimals; `None` is empty.
    Score(Option<i64>),
}

/// Writes one row of cells; with `locked`, every cell is read-only once the sheet is protected
/// (empty ones too, so nothing can be typed into a locked form).
pub(crate) fn write_cells(
    ws: &mut Worksheet,
    row: u32,
    cells: &[Cell],
    f: &RowFormats,
    locked: bool,
) -> Result<(), XlsxError> {
    let k = usize::from(locked);
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Code(t) => {
                ws.write_string_with_format(row, col, *t, &f.text[k])?;
            }
            Cell::Text(t) => {
                ws.write_string_with_format(row, col, *t, &f.plain[k])?;
            }
            Cell::Wan(Some(fen)) => write_wan(ws, row, col, *fen, &f.wan[k])?,
            Cell::Score(Some(cp)) => {
                ws.write_number_with_format(row, col, *cp as f64 / 100.0, &f.score[k])?;
            }
            Cell::Wan(None) => {
                ws.write_blank(row, col, &f.wan[k])?;
            }
            Cell::Score(None) => {
                ws.write_blank(row, col, &f.score[k])?;
            }
        }
    }
    Ok(())
}

/// Column formats of a form sheet: every column unlocked (so rows a unit adds stay editable
/// under protection), `text_cols` as text ("@", keeps leading zeros of typed codes). Then, when
/// some rows are locked, sheet protection: locked cells are read-only in WPS, Excel and
/// LibreOffice, rows may still be added, deleted, sorted and filtered. No password — this guards
/// against accidents; the importer is what refuses a changed locked form.
pub(crate) fn protect_locked_rows(
    ws: &mut Worksheet,
    columns: u16,
    text_cols: &[u16],
    any_locked: bool,
) -> Result<(), XlsxError> {
    let open = Format::new().set_unlocked();
    let open_text = Format::new().set_num_format("@").set_unlocked();
    for col in 0..columns {
        let f = if text_cols.contains(&col) {
            &open_text
        } else {
            &open
        };
        ws.set_column_format(col, f)?;
    }
    if any_locked {
        ws.protect_with_options(&rust_xlsxwriter::ProtectionOptions {
            format_cells: true,
            format_columns: true,
            format_rows: true,
            insert_rows: true,
            delete_rows: true,
            sort: true,
            use_autofilter: true,
            ..rust_xlsxwriter::ProtectionOptions::default()
        });
    }
    Ok(())
}

/// Saves `book` to `path`.
pub(crate) fn save(book: &mut Workbook, path: &Path) -> crate::Result<()> {
    crate::db::guard::check_destination(path)?;
    book.save(path).map_err(xlsx_error(path))
}
