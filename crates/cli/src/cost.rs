//! `jixiao-cli cost …` — 成本预算绩效分析: the fields, importing/exporting the 成本测算表, the
//! analysis of a field and year (单位成本, quartiles, 建议压减额), adopting a 成本定额标准 and
//! exporting the standards table.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::cost::{self, math::yuan, AdoptInput, StandardBasis};
use jixiao_core::db::Db;
use jixiao_core::{Error, Fen, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CostVerb {
    /// 成本领域（内置：城乡环卫、学前教育、校车补贴、公厕管理、路灯维护，及新增的领域）
    Fields,
    /// 导入成本测算表（表头：项目编码, 成本动因, 数量, 计量单位, 人员/运维/材料/其他成本（万元））
    Import {
        file: PathBuf,
        #[arg(long)]
        field: String,
        #[arg(long)]
        year: i32,
    },
    /// 导出成本测算表（可改后再导入）
    Export {
        file: PathBuf,
        #[arg(long)]
        field: String,
        #[arg(long)]
        year: i32,
    },
    /// 成本分析：各项目单位成本（分）、偏离中位数（基点）、中位数/P25/P75、建议压减额（分）
    Analyse {
        #[arg(long)]
        field: String,
        #[arg(long)]
        year: i32,
    },
    /// 采用成本定额标准（新版本）：--basis 中位数|P25|P75|自定（自定须给 --yuan 元/单位）
    Adopt {
        #[arg(long)]
        field: String,
        #[arg(long)]
        year: i32,
        #[arg(long, default_value = "中位数")]
        basis: String,
        #[arg(long)]
        yuan: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// 该年度的成本定额标准表：FILE 为 .pdf 时打印为公文表格（仿宋，GB/T 9704），否则导出 .xlsx（含历次版本）
    Standards {
        file: PathBuf,
        #[arg(long)]
        year: i32,
    },
}

fn opt_yuan(f: Option<i64>) -> String {
    f.map(yuan).unwrap_or_else(|| "—".into())
}

pub fn run(db: &Db, verb: CostVerb, out: &Out) -> Result<()> {
    match verb {
        CostVerb::Fields => {
            let list = db.read(cost::fields)?;
            let text = list
                .iter()
                .map(|f| format!("{}{}", f.name, if f.builtin { "（内置）" } else { "" }))
                .collect::<Vec<_>>()
                .join("\n");
            out.value(&list, &text)
        }
        CostVerb::Import { file, field, year } => {
            let actor = crate::actor(db)?;
            let r = cost::xlsx::import(db, &actor, &file, year, &field)?;
            out.import(&r)
        }
        CostVerb::Export { file, field, year } => {
            let n = db.read(|c| cost::xlsx::export(c, &file, year, &field))?;
            out.exported(n, &file)
        }
        CostVerb::Standards { file, year } => {
            let pdf = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
            if !pdf {
                let n = db.read(|c| cost::xlsx::export_standards(c, &file, year))?;
                return out.exported(n, &file);
            }
            jixiao_core::db::guard::check_destination(&file)?;
            let fonts = db.read(jixiao_core::results::documents::fonts_for)?;
            for w in fonts.warnings() {
                eprintln!("警告：{w}");
            }
            let today = db.clock().today();
            let bytes = db.read(|c| cost::print::standards_pdf(c, year, &fonts, today))?;
            std::fs::write(&file, &bytes)?;
            out.value(
                &serde_json::json!({"file": file, "bytes": bytes.len()}),
                &format!(
                    "{year}年度成本定额标准表：已写入 {}（{} KB）",
                    file.display(),
                    bytes.len() / 1024
                ),
            )
        }
        CostVerb::Adopt {
            field,
            year,
            basis,
            yuan: custom,
            note,
        } => {
            let basis = StandardBasis::parse(&basis).ok_or_else(|| {
                Error::invalid(
                    "--basis",
                    format!("应为 中位数、P25、P75 或 自定，现为『{basis}』"),
                )
            })?;
            let actor = crate::actor(db)?;
            let s = db.write(&actor, |ctx| {
                cost::adopt_standard(
                    ctx,
                    &AdoptInput {
                        year,
                        field,
                        basis,
                        custom_yuan: custom,
                        note,
                    },
                )
            })?;
            out.value(
                &s,
                &format!(
                    "已采用{}年度『{}』成本定额标准第{}版：{} 元/{}（{}）",
                    s.year,
                    s.field,
                    s.version,
                    yuan(s.unit_cost_fen),
                    s.measure_unit,
                    s.basis
                ),
            )
        }
        CostVerb::Analyse { field, year } => {
            let actor = crate::auth::reader(db)?;
            let a = db.read(|c| cost::analyse(c, &actor, year, &field))?;
            let json = serde_json::json!({
                "projects": a.projects.iter().map(|p| serde_json::json!({
                    "code": p.code,
                    "unit_cost_fen": p.unit_cost_fen,
                    "quantity": p.quantity,
                    "deviation_bp": p.deviation_bp,
                })).collect::<Vec<_>>(),
                "median_fen": a.median_fen,
                "p25_fen": a.p25_fen,
                "p75_fen": a.p75_fen,
                "suggested_cut_fen": a.suggested_cut_fen,
            });
            let unit = a.measure_unit.clone().unwrap_or_default();
            let mut s = format!(
                "{year}年度『{}』成本分析（{}，{} 个项目）\n项目编码\t项目名称\t数量\t单位成本（元/{unit}）\t偏离中位数\t异常\t建议压减（万元）",
                a.field,
                a.driver.clone().unwrap_or_else(|| "无数据".into()),
                a.projects.len()
            );
            for p in &a.projects {
                s.push_str(&format!(
                    "\n{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.code,
                    p.name,
                    p.quantity,
                    yuan(p.unit_cost_fen),
                    p.deviation_bp
                        .map(|b| format!("{}%", jixiao_core::fmt_cp(b)))
                        .unwrap_or_else(|| "—".into()),
                    p.outlier.clone().unwrap_or_default(),
                    Fen(p.suggested_cut_fen).wan_2dp()
                ));
            }
            s.push_str(&format!(
                "\n中位数 {} 元，P25 {} 元，P75 {} 元；标准：{}；建议压减合计 {} 万元",
                opt_yuan(a.median_fen),
                opt_yuan(a.p25_fen),
                opt_yuan(a.p75_fen),
                a.standard
                    .as_ref()
                    .map(|s| format!(
                        "第{}版 {} 元/{}",
                        s.version,
                        yuan(s.unit_cost_fen),
                        s.measure_unit
                    ))
                    .unwrap_or_else(|| "未采用".into()),
                Fen(a.suggested_cut_fen).wan_2dp()
            ));
            out.value(&json, &s)
        }
    }
}
