//! The 数据交换 section of `jixiao-cli bench`: a bureau PC makes P packages of N changed rows
//! each (real edits of 预算项目, exported to every unit); a township PC copied from the same base
//! imports all of them. Reports the import time (target: 100 × 1,000 in ≤ 5 s on a 2-core PC),
//! package sizes, and a bounded random-mutation run of the package reader (no panic allowed).

use jixiao_core::access::Actor;
use jixiao_core::db::{latest_version, Db};
use jixiao_core::sync::{self, package, site, SiteInput, SiteKind};
use jixiao_core::{demo, library, Result};
use std::io::Cursor;
use std::path::Path;
use std::time::Instant;

pub struct SyncBench {
    pub packages: u32,
    pub changes_each: u64,
    pub export_ms: f64,
    pub import_ms: f64,
    pub applied: u64,
    pub package_bytes: u64,
    pub fuzz_runs: u64,
    pub fuzz_refused: u64,
    pub fuzz_panics: u64,
}

pub fn run(dir: &Path, packages: u32, rows: u32, fuzz_secs: u64) -> Result<SyncBench> {
    let actor = Actor::system("基准测试");
    let bureau = Db::open(&dir.join("bureau/jixiao.db"))?;
    bureau.write(&actor, |ctx| {
        library::install_starter(ctx)?;
        demo::generate_in(ctx, demo::DEFAULT_SEED)?;
        // Enough rows to edit N distinct ones per package.
        ctx.execute(
            &format!(
                "INSERT INTO project (id, fiscal_year, code, name, unit_id, budget_type, category,
                     new_or_continuing, period_start, period_end, initial_budget_fen,
                     adjusted_budget_fen, created_at, updated_at)
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
                 SELECT printf('bench-%06d', i), 2027, printf('S%06d', i), printf('交换基准项目%d', i),
                        (SELECT id FROM org_unit WHERE kind = '预算单位' ORDER BY code LIMIT 1),
                        '一般公共预算', '运转类', '延续', 2027, 2027, 100000, 100000, ?1, ?1 FROM n"
            ),
            [ctx.now()],
        )?;
        site::set(ctx, &SiteInput { name: "基准财政局".into(), kind: SiteKind::财政局, unit: None })
    })?;
    let town_path = dir.join("town/jixiao.db");
    std::fs::create_dir_all(dir.join("town"))?;
    jixiao_core::db::backup::manual_backup(&bureau, &town_path)?;
    let town = Db::open(&town_path)?;
    town.write(&actor, |ctx| {
        site::set(
            ctx,
            &SiteInput {
                name: "基准乡镇".into(),
                kind: SiteKind::乡镇,
                unit: Some("307".into()),
            },
        )
    })?;

    let mut files = Vec::new();
    let mut export_ms = 0.0;
    let mut package_bytes = 0;
    for p in 0..packages {
        bureau.write(&actor, |ctx| {
            ctx.execute(
                &format!(
                    "UPDATE project SET adjusted_budget_fen = adjusted_budget_fen + {}, updated_at = ?1
                     WHERE fiscal_year = 2027 AND code LIKE 'S%'",
                    p + 1
                ),
                [ctx.now()],
            )?;
            Ok(())
        })?;
        let started = Instant::now();
        let r = sync::export(
            &bureau,
            &actor,
            "all",
            false,
            &dir.join(format!("p{p:03}.jxpkg")),
            &mut |_, _| {},
        )?;
        export_ms += started.elapsed().as_secs_f64() * 1000.0;
        package_bytes += r.size_bytes;
        files.push(r.file);
    }
    let started = Instant::now();
    let mut applied = 0;
    for f in &files {
        applied += sync::import(&town, &actor, Path::new(f), &mut |_, _| {})?.applied;
    }
    let import_ms = started.elapsed().as_secs_f64() * 1000.0;

    let sample =
        std::fs::read(files.first().map(String::as_str).unwrap_or_default()).unwrap_or_default();
    let (fuzz_runs, fuzz_refused, fuzz_panics) = mutate_reader(&sample, fuzz_secs);
    Ok(SyncBench {
        packages,
        changes_each: u64::from(rows),
        export_ms,
        import_ms,
        applied,
        package_bytes,
        fuzz_runs,
        fuzz_refused,
        fuzz_panics,
    })
}

/// Random byte flips, truncations and insertions of a real package for `secs` seconds.
fn mutate_reader(good: &[u8], secs: u64) -> (u64, u64, u64) {
    if good.is_empty() {
        return (0, 0, 0);
    }
    let mut rng = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let (mut runs, mut refused, mut panics) = (0, 0, 0);
    let until = Instant::now() + std::time::Duration::from_secs(secs);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < until {
        let mut m = good.to_vec();
        let i = (next() as usize) % m.len();
        match next() % 3 {
            0 => m[i] = next() as u8,
            1 => m.truncate(i),
            _ => m
                .splice(i..i, (0..next() % 32).map(|_| next() as u8))
                .for_each(drop),
        }
        match std::panic::catch_unwind(|| package::read(Cursor::new(&m), latest_version()).is_ok())
        {
            Ok(true) => {}
            Ok(false) => refused += 1,
            Err(_) => panics += 1,
        }
        runs += 1;
    }
    std::panic::set_hook(hook);
    (runs, refused, panics)
}
