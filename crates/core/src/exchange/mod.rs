//! Excel import/export of base data (units, projects) and the 导入模板. Reads .xlsx/.xls with
//! calamine, writes .xlsx with rust_xlsxwriter. Columns are matched by header text in any
//! order; the whole file is validated before anything is written, and one transaction applies
//! it (re-importing updates by code instead of duplicating).

use serde::Serialize;
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
