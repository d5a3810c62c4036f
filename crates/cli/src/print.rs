//! `jixiao-cli print …` — the official letters as PDF: one evaluation's 反馈意见函 (issued with the
//! next 文号 if it has none yet, else its stored PDF; `--draft` previews without a number) and a
//! year's issued letters of one kind in one file for hand delivery.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::results::documents::{self, DraftInput};
use jixiao_core::results::DocType;
use jixiao_core::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum PrintVerb {
    /// 绩效评价结果反馈意见函：--evaluation 为重点评价或抽查复核的编号
    FeedbackLetter {
        #[arg(long)]
        evaluation: String,
        #[arg(long)]
        out: PathBuf,
        /// 只预览草稿，不印发、不占用文号
        #[arg(long)]
        draft: bool,
    },
    /// 该年度某类已印发文书合成一个 PDF：--kind feedback|rectification|opinion|monitoring|exante
    Batch {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        out: PathBuf,
    },
}

fn kind_of(text: &str) -> Result<DocType> {
    Ok(match text.trim() {
        "feedback" | "反馈意见函" => DocType::FeedbackLetter,
        "rectification" | "整改通知书" => DocType::RectificationNotice,
        "opinion" | "绩效管理意见书" => DocType::ManagementOpinion,
        "monitoring" | "监控结果反馈书" => DocType::MonitoringFeedback,
        "exante" | "事前评估意见" => DocType::ExAnteOpinion,
        other => {
            return Err(Error::invalid(
                "--kind",
                format!(
                "应为 feedback / rectification / opinion / monitoring / exante，现为『{other}』"
            ),
            ))
        }
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    jixiao_core::db::guard::check_destination(path)?;
    std::fs::write(path, bytes)
        .map_err(|e| Error::invalid("--out", format!("无法写入 {}：{e}", path.display())))
}

/// key_eval or spot_check, by which table holds the id.
fn source_of(db: &Db, id: &str) -> Result<&'static str> {
    db.read(|c| documents::evaluation_source_kind(c, id))?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "找不到编号为 {id} 的重点评价或抽查复核（可用 evaluation list 查看）"
            ))
        })
}

pub fn run(db: &Db, verb: PrintVerb, out: &Out) -> Result<()> {
    // Before anything is issued: a refused destination must leave the database unchanged.
    let (PrintVerb::FeedbackLetter { out: file, .. } | PrintVerb::Batch { out: file, .. }) = &verb;
    jixiao_core::db::guard::check_destination(file)?;
    let fonts = db.read(documents::fonts_for)?;
    match verb {
        PrintVerb::FeedbackLetter {
            evaluation,
            out: file,
            draft,
        } => {
            let input = DraftInput {
                doc_type: DocType::FeedbackLetter,
                source_kind: source_of(db, &evaluation)?.into(),
                source_id: evaluation.clone(),
                year: None,
            };
            let actor = crate::actor(db)?;
            let issued =
                db.read(|c| documents::issued_for(c, DocType::FeedbackLetter, &evaluation))?;
            let view = match issued {
                Some(v) => v,
                None => {
                    let d = db.write(&actor, |ctx| documents::create_draft(ctx, &input))?;
                    if draft {
                        d
                    } else {
                        db.write(&actor, |ctx| {
                            documents::issue_document(ctx, &d.row.id, &fonts)
                        })?
                    }
                }
            };
            let bytes = db.read(|c| documents::document_pdf(c, &view.row.id, &fonts))?;
            write(&file, &bytes)?;
            let number = view
                .row
                .number
                .clone()
                .unwrap_or_else(|| "草稿（未编号）".into());
            out.value(
                &serde_json::json!({"document": view.row, "file": file, "bytes": bytes.len()}),
                &format!(
                    "{number} {}：已写入 {}（{} KB）",
                    view.row.title,
                    file.display(),
                    bytes.len() / 1024
                ),
            )
        }
        PrintVerb::Batch {
            year,
            kind,
            out: file,
        } => {
            let doc_type = kind_of(&kind)?;
            let (n, bytes) =
                db.read(|c| documents::batch_pdf(c, year, doc_type, &fonts, &mut |_, _| {}))?;
            write(&file, &bytes)?;
            out.value(
                &serde_json::json!({"documents": n, "file": file, "bytes": bytes.len()}),
                &format!(
                    "{year}年度{} {n} 份已合成 {}（{} KB）",
                    doc_type.label(),
                    file.display(),
                    bytes.len() / 1024
                ),
            )
        }
    }
}
