//! The backup file (`.jxbak`): one zip holding `manifest.json` (format, sequence number, reason,
//! time, schema version, the sha256 and size of every part), `jixiao.db` (a `VACUUM INTO` copy)
//! and `evidence/<sha256>` (every stored 佐证材料). Written beside the destination, fsynced, then
//! renamed, so a cut-off backup never carries the real name. Read back into a work folder with
//! every part checked against the manifest before restore looks at it.

use super::Db;
use crate::results::rectification::{evidence_dir, is_sha256_hex};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const EXTENSION: &str = "jxbak";
const FORMAT: &str = "jxbak";
const DB_ENTRY: &str = "jixiao.db";
/// A backup's database may be large, but not absurdly: 8 GB inflated.
const MAX_DB: u64 = 8 * 1024 * 1024 * 1024;
const MAX_EVIDENCE: u64 = 64 * 1024 * 1024;
const MAX_RATIO: u64 = 1000;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Part {
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// Order in which this PC made its backups (rotation follows it, not the clock).
    pub seq: u64,
    pub reason: String,
    pub created_at: String,
    pub schema_version: i64,
    pub database: Part,
    /// Stored 佐证材料; the file name is the hash.
    pub evidence: Vec<Part>,
}

fn hash_copy(mut input: impl Read, out: &mut dyn Write, cap: u64) -> std::io::Result<Part> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > cap {
            return Err(std::io::Error::other("too large"));
        }
        h.update(&buf[..n]);
        out.write_all(&buf[..n])?;
    }
    Ok(Part {
        sha256: format!("{:x}", h.finalize()),
        size,
    })
}

/// Writes a backup of `db` (and the evidence folder beside it) to `dest`.
pub fn write(db: &Db, dest: &Path, seq: u64, reason: &str) -> Result<Manifest> {
    if dest.exists() {
        return Err(Error::Conflict(format!(
            "备份文件已存在：{}，请换一个文件名",
            dest.display()
        )));
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let part = PathBuf::from(format!("{}.part", dest.display()));
    let snapshot = PathBuf::from(format!("{}.db-part", dest.display()));
    let result = (|| {
        db.backup_to(&snapshot)?;
        let schema_version: i64 =
            db.read(|c| Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?))?;
        let file = std::fs::File::create(&part)?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let io = |e: zip::result::ZipError| Error::File(format!("写入备份文件失败：{e}"));
        zip.start_file(DB_ENTRY, opts).map_err(io)?;
        let database = hash_copy(std::fs::File::open(&snapshot)?, &mut zip, MAX_DB)?;
        let mut evidence = Vec::new();
        if let Some(dir) = db
            .data_dir()
            .map(|d| evidence_dir(&d))
            .filter(|d| d.is_dir())
        {
            let mut names: Vec<String> = std::fs::read_dir(&dir)?
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| is_sha256_hex(n))
                .collect();
            names.sort();
            for name in names {
                zip.start_file(format!("evidence/{name}"), opts)
                    .map_err(io)?;
                let p = hash_copy(
                    std::fs::File::open(dir.join(&name))?,
                    &mut zip,
                    MAX_EVIDENCE,
                )?;
                evidence.push(p);
            }
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            seq,
            reason: reason.into(),
            created_at: db.clock().stamp(),
            schema_version,
            database,
            evidence,
        };
        zip.start_file("manifest.json", opts).map_err(io)?;
        zip.write_all(&serde_json::to_vec_pretty(&manifest)?)?;
        let w = zip.finish().map_err(io)?;
        let file = w.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        file.sync_all()?;
        std::fs::rename(&part, dest)?;
        if let Some(dir) = dest.parent() {
            crate::results::rectification::sync_dir(dir);
        }
        Ok(manifest)
    })();
    let _ = std::fs::remove_file(&snapshot);
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// Is `path` a zip (a `.jxbak`) rather than a bare database file?
pub fn is_archive(path: &Path) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head == *b"PK\x03\x04"
}

/// Extracts a backup into `work` (a fresh folder): `work/jixiao.db` and `work/evidence/<sha>`,
/// each checked against the manifest. Returns the manifest.
pub fn extract(from: &Path, work: &Path) -> Result<Manifest> {
    let name = from.display().to_string();
    let damaged = |what: &str| {
        Error::File(format!(
            "备份文件 {name} 已损坏或被改动（{what}），不能恢复。请选择另一份备份。"
        ))
    };
    let file = std::fs::File::open(from)?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|_| damaged("无法打开"))?;
    let manifest: Manifest = {
        let mut e = zip
            .by_name("manifest.json")
            .map_err(|_| damaged("缺少清单"))?;
        let mut buf = Vec::new();
        (&mut e)
            .take(1024 * 1024)
            .read_to_end(&mut buf)
            .map_err(|_| damaged("清单无法读取"))?;
        serde_json::from_slice(&buf).map_err(|_| damaged("清单无法识别"))?
    };
    if manifest.format != FORMAT {
        return Err(damaged("不是本系统的备份"));
    }
    let mut take = |entry: &str, dest: &Path, want: &Part, cap: u64| -> Result<()> {
        let e = zip
            .by_name(entry)
            .map_err(|_| damaged(&format!("缺少 {entry}")))?;
        if e.size() > cap || e.size() > e.compressed_size().saturating_mul(MAX_RATIO).max(1 << 20) {
            return Err(damaged(&format!("{entry} 大小异常")));
        }
        let mut out = std::fs::File::create(dest)?;
        let got = hash_copy(e, &mut out, cap).map_err(|_| damaged(&format!("{entry} 无法解压")))?;
        out.sync_all()?;
        if &got != want {
            return Err(damaged(&format!("{entry} 与清单中的校验值不符")));
        }
        Ok(())
    };
    take(DB_ENTRY, &work.join(DB_ENTRY), &manifest.database, MAX_DB)?;
    let ev = work.join("evidence");
    std::fs::create_dir_all(&ev)?;
    for p in &manifest.evidence {
        if !is_sha256_hex(&p.sha256) {
            return Err(damaged("佐证材料的校验值不是64位十六进制数字"));
        }
        take(
            &format!("evidence/{}", p.sha256),
            &ev.join(&p.sha256),
            p,
            MAX_EVIDENCE,
        )?;
    }
    Ok(manifest)
}

pub fn db_entry(work: &Path) -> PathBuf {
    work.join(DB_ENTRY)
}
