//! Excel import/export of base data (units, projects) and the 导入模板. Reads .xlsx/.xls with
//! calamine, writes .xlsx with rust_xlsxwriter. Columns are matched by header text in any
//! order; the whole file is validated before anything is written, and one transaction applies
//! it (re-importing updates by code instead of duplicating).

pub(crate) mod groups;
pub mod limits;
mod projects;
pub(crate) mod reader;
mod template;
mod units;

pub use projects::{export_projects, import_projects};
pub use template::write_template;
pub use units::{export_units, import_units};

use crate::{Error, FieldProblem};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    /// Data rows read from the file.
    pub rows: u32,
    pub created: u32,
    pub updated: u32,
    /// Rows identical to what the database already had.
    pub unchanged: u32,
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
            "无法保存文件『{}』：{e}。如果该文件正在 Excel 中打开，请先关闭后重试",
            file_name(path)
        ))
    }
}

/// A sheet's header row: bold on grey, frozen so it stays visible while scrolling, and columns
/// wide enough for their header (a Chinese character is about two width units).
pub(crate) fn write_header_row(
    ws: &mut Worksheet,
    headers: &[&str],
    widths: &[f64],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    for (col, header) in headers.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, *header, &bold)?;
        let fit = header.chars().count() as f64 * 2.2 + 2.0;
        let width = widths.get(col as usize).copied().unwrap_or(12.0).max(fit);
        ws.set_column_width(col, width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Saves `book` to `path`.
pub(crate) fn save(book: &mut Workbook, path: &Path) -> crate::Result<()> {
    crate::db::guard::check_destination(path)?;
    book.save(path).map_err(xlsx_error(path))
}
