//! `jixiao-cli print …` — the official letters as PDF: one evaluation's 反馈意见函 (issued with the
//! next 文号 if it has none yet, else its stored PDF; `--draft` previews without a number) and a
//! year's issued letters of one kind in one file for hand delivery; `print fonts` shows which
//! face serves each 公文 role (and warns about substitutes), `print import-font` copies a font
//! file the bureau owns into the data folder.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::results::documents::{self, DraftInput};
use jixiao_core::results::DocType;
use jixiao_core::{Error, Result};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum PrintVerb {
    /// 公文字体：每种用途（仿宋、小标宋、黑体、楷体）找到的字体、是否为正式字体；缺正式字体时给出警告
    Fonts,
    /// 导入本单位已有的字体文件（复制到数据文件夹的 fonts 目录，优先于系统字体）
    ImportFont {
        #[arg(long)]
        file: PathBuf,
    },
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
    /// 考核结果通报（GB/T 9704 文件格式）：考核定稿后首次打印时印发并取得文号，之后重印同一份
    AssessmentNotice {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
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

fn fonts(db: &Db, out: &Out) -> Result<()> {
    let fonts = db.read(documents::fonts_for)?;
    let report = db.read(|c| Ok(documents::font_report(c, &fonts)))?;
    let mut text = String::new();
    for f in &report.fonts {
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            f.role,
            f.family,
            if f.official {
                "正式字体"
            } else {
                "替代字体"
            },
            f.path
        ));
    }
    for w in &report.warnings {
        eprintln!("警告：{w}");
    }
    out.value(
        &serde_json::json!({"fonts": report.fonts, "warnings": report.warnings, "fonts_dir": report.fonts_dir}),
        text.trim_end(),
    )
}

pub fn run(db: &Db, verb: PrintVerb, out: &Out) -> Result<()> {
    match verb {
        PrintVerb::Fonts => return fonts(db, out),
        PrintVerb::ImportFont { file } => {
            // A font for every letter of the bureau: the 文书 permission's to change.
            let families = db.write(&crate::actor(db)?, |ctx| {
                documents::import_font_action(ctx, &file)
            })?;
            return out.value(
                &serde_json::json!({"file": file, "families": families}),
                &format!(
                    "已导入字体：{}（用 print fonts 查看各用途所用字体）",
                    families.join("、")
                ),
            );
        }
        _ => {}
    }
    // Before anything is issued: a refused destination must leave the database unchanged.
    if let PrintVerb::FeedbackLetter { out: file, .. } | PrintVerb::Batch { out: file, .. } = &verb
    {
        jixiao_core::db::guard::check_destination(file)?;
    }
    let fonts = db.read(documents::fonts_for)?;
    for w in fonts.warnings() {
        eprintln!("警告：{w}");
    }
    match verb {
        PrintVerb::Fonts | PrintVerb::ImportFont { .. } => Ok(()),
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
        PrintVerb::AssessmentNotice { year, out: file } => {
            let actor = crate::actor(db)?;
            let (number, bytes) = db.write(&actor, |ctx| {
                jixiao_core::assess::notice::issue_notice(ctx, year, &fonts)
            })?;
            write(&file, &bytes)?;
            out.value(
                &serde_json::json!({"number": number, "file": file, "bytes": bytes.len()}),
                &format!(
                    "{number} 关于{year}年度预算绩效管理工作考核结果的通报：已写入 {}（{} KB）",
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
