//! `site show|set` and `sync export|import|preview|conflicts|resolve|history`: 数据交换 by file.

use crate::actor;
use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::sync::{self, conflicts, history, site, Choice, SiteInput, SiteKind};
use jixiao_core::{Error, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum SiteVerb {
    /// 显示本机身份
    Show,
    /// 设置本机身份：--name 名称 --kind 财政局|预算单位|乡镇 [--unit 单位编码]
    Set {
        #[arg(long)]
        name: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        unit: Option<String>,
    },
    /// 发放入网文件（财政局）：--unit 单位编码 --out 文件
    Enrol {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// 注销入网（电脑丢失或更换）：站点ID或单位编码 --reason 原因
    Revoke {
        site: String,
        #[arg(long, default_value = "电脑丢失或更换")]
        reason: String,
    },
    /// 入网登记：财政局发放过的入网文件及其状态
    Enrolments,
}

#[derive(Subcommand)]
pub enum SyncVerb {
    /// 导出数据包：--to 站点ID|单位编码|all --out 文件或文件夹 [--full]
    Export {
        #[arg(long)]
        to: String,
        #[arg(long)]
        out: PathBuf,
        /// 发送范围内的全部数据（对方是新电脑或丢了数据包时）
        #[arg(long)]
        full: bool,
    },
    /// 导入数据包
    Import { file: PathBuf },
    /// 预览导入会改变什么（不改变任何数据）
    Preview { file: PathBuf },
    /// 列出待处理的冲突（--all 含已处理）
    Conflicts {
        #[arg(long)]
        all: bool,
    },
    /// 处理冲突：ID --choice 本机|对方
    Resolve {
        id: String,
        #[arg(long)]
        choice: String,
    },
    /// 缺少的数据包（编号不连续）
    Gaps,
    /// 数据包收发记录
    History {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

fn print_site(out: &Out, s: &sync::Site) -> Result<()> {
    let unit = s
        .unit_name
        .as_deref()
        .map(|u| format!("，所属单位：{u}"))
        .unwrap_or_default();
    out.value(
        s,
        &format!(
            "本机：{}（{}{unit}），站点ID {}",
            s.name,
            s.kind.as_str(),
            s.site_id
        ),
    )
}

pub fn run_site(db: &Db, verb: SiteVerb, out: &Out) -> Result<()> {
    match verb {
        SiteVerb::Show => print_site(out, &db.read(site::get)?),
        SiteVerb::Set { name, kind, unit } => {
            let input = SiteInput {
                name,
                kind: SiteKind::parse(&kind)?,
                unit,
            };
            let s = db.write(&actor(db)?, |ctx| site::set(ctx, &input))?;
            print_site(out, &s)
        }
        SiteVerb::Enrol { unit, out: file } => {
            let r = sync::enrol::enrol(db, &actor(db)?, &unit, &file)?;
            out.value(
                &r,
                &format!(
                    "已发放{}（{}，{}）的入网文件：{}（含 {} 条数据）。请当面交给对方，在新装的电脑上用 init --join 或「用入网文件加入」",
                    r.name, r.unit_code, r.kind, r.file, r.change_count
                ),
            )
        }
        SiteVerb::Revoke { site, reason } => {
            let e = db.write(&actor(db)?, |ctx| sync::keys::revoke(ctx, &site, &reason))?;
            out.value(
                &e,
                &format!(
                    "已注销{}（{}）的入网：此后它的数据包将被拒绝",
                    e.name, e.unit_code
                ),
            )
        }
        SiteVerb::Enrolments => {
            let list = db.read(sync::keys::enrolments)?;
            if out.json {
                return out.value(&list, "");
            }
            say!("站点ID\t单位编码\t名称\t类型\t入网时间\t状态");
            for e in &list {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    e.site_id,
                    e.unit_code,
                    e.name,
                    e.kind,
                    e.enrolled_at,
                    match &e.revoked_at {
                        Some(at) => format!("已注销（{at}，{}）", e.revoked_reason),
                        None => "有效".into(),
                    }
                );
            }
            Ok(())
        }
    }
}

fn progress_bar(out: &Out, verb: &'static str) -> impl FnMut(u64, u64) {
    let quiet = out.json;
    move |done, total| {
        if !quiet && total >= 5_000 {
            eprint!("\r{verb}：{done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    }
}

pub fn run(db: &Db, verb: SyncVerb, out: &Out) -> Result<()> {
    match verb {
        SyncVerb::Export {
            to,
            out: file,
            full,
        } => {
            let r = sync::export(
                db,
                &actor(db)?,
                &to,
                full,
                &file,
                &mut progress_bar(out, "导出"),
            )?;
            let missing = if r.missing_files.is_empty() {
                String::new()
            } else {
                format!(
                    "\n注意：{} 个佐证材料文件在本机找不到：{}",
                    r.missing_files.len(),
                    r.missing_files.join("、")
                )
            };
            out.value(
                &r,
                &format!(
                    "已导出给{}：{} 条变更、{} 个附件，{} 字节 → {}{missing}",
                    r.to_name, r.change_count, r.file_count, r.size_bytes, r.file
                ),
            )
        }
        SyncVerb::Import { file } => {
            let r = sync::import(db, &actor(db)?, &file, &mut progress_bar(out, "导入"))?;
            let mut text = if r.duplicate_package {
                format!("此数据包（来自{}）已导入过，未改变任何数据", r.from_name)
            } else {
                format!(
                    "已导入{}的数据包：应用 {} 条，重复跳过 {} 条，冲突 {} 条{}",
                    r.from_name,
                    r.applied,
                    r.skipped_duplicate,
                    r.conflicts,
                    if r.conflicts > 0 {
                        "（请用 sync conflicts 查看并处理）"
                    } else {
                        ""
                    }
                )
            };
            if !r.audit_note.is_empty() {
                text.push_str(&format!(
                    "\n操作日志核对（{}）：{}",
                    r.audit_status, r.audit_note
                ));
            }
            out.value(
                &serde_json::json!({
                    "applied": r.applied,
                    "skipped_duplicate": r.skipped_duplicate,
                    "conflicts": r.conflicts,
                    "audit_status": r.audit_status,
                    "audit_note": r.audit_note,
                }),
                &text,
            )
        }
        SyncVerb::Preview { file } => {
            let p = sync::preview(db, &file)?;
            if out.json {
                return out.value(&p, "");
            }
            say!(
                "来自：{}（{}），导出于 {}，共 {} 条",
                p.header.source.name,
                p.header.source.kind,
                p.header.created_at,
                p.header.change_count
            );
            say!("数据\t新增\t修改\t删除\t重复\t冲突");
            for t in &p.tables {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    t.label,
                    t.insert,
                    t.update,
                    t.delete,
                    t.duplicate,
                    t.conflict
                );
            }
            say!(
                "将应用 {} 条，重复跳过 {} 条，冲突 {} 条",
                p.applied,
                p.skipped_duplicate,
                p.conflicts
            );
            Ok(())
        }
        SyncVerb::Gaps => {
            let gaps = db.read(sync::history::gaps)?;
            if out.json {
                return out.value(&gaps, "");
            }
            if gaps.is_empty() {
                say!("没有缺少的数据包");
            }
            for g in &gaps {
                say!("{}", g.message);
            }
            Ok(())
        }
        SyncVerb::Conflicts { all } => {
            let list = db.read(|c| conflicts::list(c, !all))?;
            if out.json {
                return out.value(&list, "");
            }
            say!("ID\t数据\t记录\t来自\t原因\t状态\t不同的字段");
            for c in &list {
                let fields: Vec<&str> = c
                    .fields
                    .iter()
                    .filter(|f| f.differs)
                    .map(|f| f.column.as_str())
                    .collect();
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.id,
                    c.label,
                    c.pk,
                    c.peer_name,
                    c.reason,
                    c.status,
                    fields.join(",")
                );
            }
            say!("共 {} 条", list.len());
            Ok(())
        }
        SyncVerb::Resolve { id, choice } => {
            let choice = match choice.trim() {
                "本机" | "ours" => Choice::本机,
                "对方" | "theirs" => Choice::对方,
                other => {
                    return Err(Error::Invalid {
                        field: "--choice".into(),
                        message: format!("『{other}』无效，请填 本机 或 对方（编辑后保存请在程序的冲突处理界面操作）"),
                    })
                }
            };
            let c = db.write(&actor(db)?, |ctx| {
                conflicts::resolve(ctx, &id, choice, None)
            })?;
            out.value(
                &c,
                &format!(
                    "已处理：{}『{}』采用{}版本",
                    c.label,
                    c.pk,
                    c.choice.as_deref().unwrap_or("")
                ),
            )
        }
        SyncVerb::History { limit } => {
            let list = db.read(|c| history::list(c, limit))?;
            if out.json {
                return out.value(&list, "");
            }
            say!("时间\t方向\t对方\t条数\t应用\t重复\t冲突\t文件");
            for p in &list {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.at,
                    p.direction,
                    p.peer_name,
                    p.change_count,
                    p.applied,
                    p.skipped_duplicate,
                    p.conflicts,
                    p.file_name
                );
            }
            Ok(())
        }
    }
}
