//! `IpcError { code, message, problems }`: what a failed command returns to the webview.
//! Internal errors are logged with details and shown as a short Chinese sentence.

use jixiao_core::{ErrorCode, FieldProblem};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub problems: Vec<FieldProblem>,
}

impl IpcError {
    pub fn invalid(message: &str) -> IpcError {
        IpcError {
            code: ErrorCode::Invalid,
            message: message.to_string(),
            problems: Vec::new(),
        }
    }
}

impl IpcError {
    /// The screen is locked: the window shows the unlock screen.
    pub fn locked() -> IpcError {
        IpcError {
            code: ErrorCode::Locked,
            message: "屏幕已锁定，请输入密码解锁".to_string(),
            problems: Vec::new(),
        }
    }
}

impl From<jixiao_core::Error> for IpcError {
    fn from(e: jixiao_core::Error) -> Self {
        let code = e.code();
        let message = if code == ErrorCode::Internal {
            eprintln!("[jixiao] 内部错误：{e:?}");
            "系统内部错误，本次操作未保存。请重试；如仍出现，请联系管理员并提供日志。".to_string()
        } else {
            e.to_string()
        };
        IpcError {
            code,
            message,
            problems: e.problems(),
        }
    }
}
