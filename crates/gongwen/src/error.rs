//! The crate's one error type; Display texts are Chinese and say what the user can do.

use std::path::PathBuf;

use crate::fonts::Role;

#[derive(Debug, thiserror::Error)]
pub enum GongwenError {
    /// No font for a role was found on this computer and none was configured.
    #[error("找不到{role}字体：请安装{role}（如 {hint}）或开源字体 fonts-noto-cjk，或在“字体设置”中指定字体文件")]
    NoFont { role: Role, hint: &'static str },

    /// A configured or discovered font file could not be read or parsed.
    #[error("无法读取字体文件 {}（第{index}个字形集）：{reason}", path.display())]
    FontLoad {
        path: PathBuf,
        index: u32,
        reason: String,
    },

    /// A character exists in none of the fonts: it would print as an empty box.
    #[error("字体缺字：{role}字体（及其他已选字体）中没有“{ch}”（U+{:04X}），位于“{context}”。请改用常用字或在“字体设置”中换用包含该字的字体", *ch as u32)]
    MissingGlyph {
        ch: char,
        role: Role,
        context: String,
    },

    /// The document itself cannot be laid out (e.g. a table without columns).
    #[error("公文内容有误：{0}")]
    Invalid(String),

    /// The PDF writer failed.
    #[error("生成 PDF 失败：{0}")]
    Pdf(String),
}
