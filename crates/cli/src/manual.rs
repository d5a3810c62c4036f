//! `manual [--screen KEY] [--out FILE.pdf] [--json]`: the 「说明」 of a screen as the app's drawer
//! shows it, or the whole 使用手册 as a PDF — composed by core from the rule set in force.

use crate::output::Out;
use jixiao_core::db::Db;
use jixiao_core::{help, Error, Result};
use std::path::Path;

pub fn run(db: &Db, screen: Option<&str>, file: Option<&Path>, out: &Out) -> Result<()> {
    if let Some(file) = file {
        let today = db.clock().today();
        db.read(|c| help::write_manual(c, today, file))?;
        if out.json {
            return out.value(&serde_json::json!({ "out": file }), "");
        }
        say!("已生成使用手册：{}", file.display());
        return Ok(());
    }
    let Some(screen) = screen else {
        let keys: Vec<String> = help::SCREENS
            .iter()
            .map(|(k, t)| format!("{k}（{t}）"))
            .collect();
        return Err(Error::invalid(
            "参数",
            format!(
                "请用 --screen 指定页面（{}），或用 --out 生成使用手册 PDF",
                keys.join("、")
            ),
        ));
    };
    let h = db.read(|c| help::screen(c, screen))?;
    if out.json {
        return out.value(&h, "");
    }
    say!("{} · 说明（规则设置第 {} 版）", h.title, h.rules_version);
    for s in &h.sections {
        say!("【{}】", s.title);
        for p in &s.paragraphs {
            say!("  {p}");
        }
    }
    Ok(())
}
