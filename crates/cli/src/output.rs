//! Printing: JSON with `--json`, else short Chinese text / tab-separated rows.

use jixiao_core::exante::ExAnteStats;
use jixiao_core::exchange::ImportReport;
use jixiao_core::org::OrgUnit;
use jixiao_core::projects::ProjectPage;
use jixiao_core::Result;
use serde::Serialize;
use std::path::Path;

/// Writes one line to stdout (see `say!`). A closed pipe ends the program with status 0: the
/// reader has what it wanted. Any other write error (disk full behind a redirect) is reported
/// and ends it with status 1.
pub fn say(args: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("错误：无法输出结果：{e}");
            std::process::exit(1);
        }
    }
}

pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn value<T: Serialize>(&self, v: &T, text: &str) -> Result<()> {
        if self.json {
            say!("{}", serde_json::to_string(v)?);
        } else {
            say!("{text}");
        }
        Ok(())
    }

    pub fn units(&self, units: &[OrgUnit]) -> Result<()> {
        if self.json {
            return self.value(&units, "");
        }
        say!("单位编码\t单位名称\t单位类型\t联系人\t联系电话");
        for u in units {
            say!(
                "{}\t{}\t{}\t{}\t{}",
                u.code,
                u.name,
                u.kind.label(),
                u.contact,
                u.phone
            );
        }
        say!("共 {} 个单位", units.len());
        Ok(())
    }

    pub fn projects(&self, page: &ProjectPage) -> Result<()> {
        if self.json {
            return self.value(&page.rows, "");
        }
        say!("预算年度\t项目编码\t项目名称\t预算单位\t预算类型\t调整后预算数（万元）");
        for p in &page.rows {
            say!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                p.fiscal_year,
                p.code,
                p.name,
                p.unit_name,
                p.budget_type.label(),
                p.adjusted_budget.wan_2dp()
            );
        }
        say!(
            "共 {} 个项目，调整后预算合计 {} 万元",
            page.total,
            page.total_adjusted.wan_2dp()
        );
        Ok(())
    }

    pub fn exante_stats(&self, year: i32, s: &ExAnteStats) -> Result<()> {
        let reduction = s.declared_fen.0 - s.approved_fen.0;
        self.value(
            s,
            &format!(
                "{year}年度事前绩效评估：已评估 {} 个项目，予以支持 {} 个、调整完善后予以支持 {} 个、不予支持 {} 个；\
                 申报 {} 万元，审定 {} 万元，审减 {} 万元，审减率 {}%\n\
                 政策：{} 项（资金规模 {} 万元），已评估 {} 项（予以支持 {}、调整完善后予以支持 {}、不予支持 {}）\n\
                 专项债项目：{} 个（{} 万元），已评估 {} 个（予以支持 {}、调整完善后予以支持 {}、不予支持 {}）",
                s.assessed,
                s.support,
                s.support_after_revision,
                s.not_support,
                s.declared_fen.wan_2dp(),
                s.approved_fen.wan_2dp(),
                jixiao_core::Fen(reduction).wan_2dp(),
                jixiao_core::fmt_cp(s.reduction_rate_bp),
                s.policies.count,
                s.policies.amount_fen.wan_2dp(),
                s.policies.assessed,
                s.policies.support,
                s.policies.support_after_revision,
                s.policies.not_support,
                s.bonds.count,
                s.bonds.amount_fen.wan_2dp(),
                s.bonds.assessed,
                s.bonds.support,
                s.bonds.support_after_revision,
                s.bonds.not_support
            ),
        )
    }

    pub fn import(&self, r: &ImportReport) -> Result<()> {
        self.value(
            r,
            &format!(
                "导入完成：共 {} 行，新增 {} 条，更新 {} 条，未变化 {} 条{}{}",
                r.rows,
                r.created,
                r.updated,
                r.unchanged,
                if r.locked > 0 {
                    format!("；已锁定未修改 {} 张，跳过", r.locked)
                } else {
                    String::new()
                },
                if r.submitted > 0 {
                    format!("；已提交 {} 张", r.submitted)
                } else {
                    String::new()
                }
            ),
        )
    }

    pub fn exported(&self, rows: u32, file: &Path) -> Result<()> {
        self.value(
            &serde_json::json!({ "rows": rows, "file": file.display().to_string() }),
            &format!("已导出 {rows} 行到 {}", file.display()),
        )
    }
}
