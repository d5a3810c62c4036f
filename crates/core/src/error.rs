//! The one error type of the core. Messages are Chinese, name the row/field, and say what the
//! user can do; `ErrorCode` carries only what the UI branches on.

use serde::Serialize;
use ts_rs::TS;

/// One bad cell or field of an imported file or a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldProblem {
    /// Spreadsheet row (1 = header row), or 0 for a form field.
    pub row: u32,
    /// Column header or form field label, e.g. 『年初预算数（万元）』.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row > 0 {
            write!(f, "第{}行『{}』：{}", self.row, self.column, self.message)
        } else {
            write!(f, "『{}』：{}", self.column, self.message)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A single bad field on a form.
    #[error("『{field}』{message}")]
    Invalid { field: String, message: String },

    /// A whole imported file refused; every problem is listed (「未导入任何数据」).
    #[error("{}", summarize(.0, "未导入任何数据"))]
    Rejected(Vec<FieldProblem>),

    /// A form (监控情况表, 自评表, 目标, 评分表 …) refused on 保存/提交; every problem is listed
    /// (「未保存」 — a form is never "imported"). The UI branches on it as on `Rejected`.
    #[error("{}", summarize(.0, "未保存"))]
    Unsaved(Vec<FieldProblem>),

    #[error("{0}")]
    NotFound(String),

    /// The action conflicts with existing data (duplicate code, children still present …).
    #[error("{0}")]
    Conflict(String),

    #[error("数据库版本（{found}）比本程序支持的版本（{supported}）新，请升级县级预算绩效管理系统后再打开。")]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("数据库操作失败：{0}")]
    Db(#[from] rusqlite::Error),

    #[error("文件读写失败：{0}")]
    Io(#[from] std::io::Error),

    #[error("数据格式错误：{0}")]
    Json(#[from] serde_json::Error),

    #[error("{0}")]
    File(String),

    /// The acting account may not do this here (permission, unit scope or site authority).
    #[error("{0}")]
    Forbidden(String),

    /// Not signed in, a wrong password, a locked or disabled account.
    #[error("{0}")]
    Unauthenticated(String),
}

fn summarize(problems: &[FieldProblem], outcome: &str) -> String {
    let mut out = format!("共{}处错误，{outcome}：", problems.len());
    for p in problems.iter().take(50) {
        out.push('\n');
        out.push_str(&p.to_string());
    }
    if problems.len() > 50 {
        out.push_str(&format!("\n……另有{}处错误", problems.len() - 50));
    }
    out
}

/// What the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    Invalid,
    Rejected,
    NotFound,
    Conflict,
    SchemaTooNew,
    /// A file could not be read or written (shown to the user as is).
    File,
    /// The account may not do this (the UI shows the message; nothing changed).
    Forbidden,
    /// Sign in (again): not signed in, a wrong password, a locked account, an idle lock.
    Unauthenticated,
    /// The screen is locked after the idle minutes (the shell's session, not a core error).
    Locked,
    Internal,
}

impl Error {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::Rejected(_) | Error::Unsaved(_) => ErrorCode::Rejected,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::Io(_) | Error::File(_) => ErrorCode::File,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Error::Db(_) | Error::Json(_) => ErrorCode::Internal,
        }
    }

    /// The problems of a rejected file/form, for the UI's error table.
    pub fn problems(&self) -> Vec<FieldProblem> {
        match self {
            Error::Rejected(p) | Error::Unsaved(p) => p.clone(),
            Error::Invalid { field, message } => vec![FieldProblem {
                row: 0,
                column: field.clone(),
                message: message.clone(),
            }],
            _ => Vec::new(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
