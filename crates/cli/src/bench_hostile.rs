//! `bench` section: hostile files and the memory they cost. A 60 MB workbook given to the
//! project import and a zip-bomb package (300 MB of zeros in ~300 KB) given to the package
//! import must both be refused in Chinese with the process's peak RSS well under 500 MB. The
//! peak (VmHWM) is reset before each step through `/proc/self/clear_refs` (Linux; elsewhere the
//! figures are the process's peak so far).

use jixiao_core::access::Actor;
use jixiao_core::db::{latest_version, Db};
use jixiao_core::sync::package::{PackageHeader, PackageSite};
use jixiao_core::Result;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

pub struct HostileStep {
    pub file_mb: f64,
    pub ms: f64,
    pub peak_rss_mb: u64,
    pub refused: String,
}

pub struct HostileBench {
    pub workbook: HostileStep,
    pub zip_bomb: HostileStep,
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn noise(len: usize) -> Vec<u8> {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

fn step(file: &Path, run: impl FnOnce() -> Result<()>) -> HostileStep {
    reset_peak();
    let started = Instant::now();
    let refused = match run() {
        Ok(()) => "（未拒绝！）".to_string(),
        Err(e) => e.to_string(),
    };
    HostileStep {
        file_mb: std::fs::metadata(file).map_or(0.0, |m| m.len() as f64 / 1_048_576.0),
        ms: started.elapsed().as_secs_f64() * 1000.0,
        peak_rss_mb: peak_rss_mb(),
        refused,
    }
}

pub fn run(dir: &Path, db: &Db, actor: &Actor) -> Result<HostileBench> {
    std::fs::create_dir_all(dir)?;
    let io = |e: std::io::Error| jixiao_core::Error::Io(e);
    let zerr = |e: zip::result::ZipError| jixiao_core::Error::File(e.to_string());
    // A real workbook with 60 MB of scanned pictures stored inside.
    let small = dir.join("small.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "预算年度")
        .map_err(|e| jixiao_core::Error::File(e.to_string()))?;
    book.save(&small)
        .map_err(|e| jixiao_core::Error::File(e.to_string()))?;
    let big = dir.join("60MB.xlsx");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&small)?).map_err(zerr)?;
        let mut out = zip::ZipWriter::new(std::fs::File::create(&big)?);
        for i in 0..src.len() {
            out.raw_copy_file(src.by_index(i).map_err(zerr)?)
                .map_err(zerr)?;
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);
        out.start_file("xl/media/image1.png", opts).map_err(zerr)?;
        out.write_all(&noise(60 << 20)).map_err(io)?;
        out.finish().map_err(zerr)?;
    }
    let workbook = step(&big, || {
        jixiao_core::exchange::import_projects(db, actor, &big).map(|_| ())
    });
    // A package whose changes.jsonl is 300 MB of zeros.
    let header = PackageHeader {
        format: "jxpkg".into(),
        format_version: 1,
        package_id: "bench-bomb".into(),
        schema_version: latest_version(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        source: PackageSite {
            site_id: "bench".into(),
            name: "压缩炸弹".into(),
            kind: "乡镇".into(),
            unit_id: None,
        },
        to_site_id: "*".into(),
        to_name: "全部".into(),
        seq_from: 0,
        seq_to: 1,
        created_at: "2026-01-01T00:00:00".into(),
        change_count: 1,
        file_count: 0,
        changes_sha256: "0".repeat(64),
        acks: Vec::new(),
        number: 1,
        epoch: String::new(),
        audit_head: String::new(),
        audit_sha256: String::new(),
    };
    let bomb = dir.join("bomb.jxpkg");
    {
        let mut out = zip::ZipWriter::new(std::fs::File::create(&bomb)?);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        out.start_file("header.json", opts).map_err(zerr)?;
        out.write_all(&serde_json::to_vec(&header)?).map_err(io)?;
        out.start_file("changes.jsonl", opts).map_err(zerr)?;
        let block = vec![0u8; 1 << 20];
        for _ in 0..300 {
            out.write_all(&block).map_err(io)?;
        }
        out.finish().map_err(zerr)?;
    }
    let zip_bomb = step(&bomb, || {
        jixiao_core::sync::import(db, actor, &bomb, &mut |_, _| {}).map(|_| ())
    });
    Ok(HostileBench { workbook, zip_bomb })
}

pub fn json(h: &HostileBench) -> serde_json::Value {
    let one = |s: &HostileStep| {
        serde_json::json!({
            "file_mb": s.file_mb,
            "ms": s.ms,
            "peak_rss_mb": s.peak_rss_mb,
            "refused": s.refused,
        })
    };
    serde_json::json!({ "workbook_60mb": one(&h.workbook), "zip_bomb": one(&h.zip_bomb) })
}

pub fn text(h: &HostileBench) -> String {
    format!(
        "恶意文件：{:.0} MB 工作簿 {:.0} ms 拒绝，峰值内存 {} MB（{}）；压缩炸弹数据包 {:.1} MB {:.0} ms 拒绝，峰值内存 {} MB（{}）\n",
        h.workbook.file_mb,
        h.workbook.ms,
        h.workbook.peak_rss_mb,
        h.workbook.refused,
        h.zip_bomb.file_mb,
        h.zip_bomb.ms,
        h.zip_bomb.peak_rss_mb,
        h.zip_bomb.refused
    )
}
