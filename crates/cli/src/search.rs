//! `jixiao-cli search TEXT [--json]`: the app's 全局搜索 (Ctrl+K) — 项目, 单位, 绩效目标, 文书 by 文号,
//! 整改事项, grouped, within what the signed-in (or reading) account may see.

use crate::auth::reader;
use crate::output::Out;
use jixiao_core::db::Db;
use jixiao_core::search;
use jixiao_core::Result;

pub fn run(db: &Db, text: &str, out: &Out) -> Result<()> {
    let actor = reader(db)?;
    let groups = db.read(|c| search::search(c, &actor, text))?;
    if out.json {
        return out.value(&groups, "");
    }
    if groups.is_empty() {
        say!("没有找到「{}」", text.trim());
    }
    for g in &groups {
        say!("【{}】", g.label);
        for h in &g.hits {
            say!("  {}\t{}\t{}", h.code, h.title, h.detail);
        }
    }
    Ok(())
}
