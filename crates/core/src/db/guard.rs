//! The data folder is off limits to every file the program writes *for the user* (Excel exports,
//! PDFs, 佐证材料 另存为, packages, manual backups): such a write must never land on the live
//! database, its `-wal`/`-shm`/`-journal`, or inside `evidence/` or `backups/`.
//!
//! Every database this process opens registers itself here (`Db::open` calls [`protect`]), and
//! every user-chosen destination goes through [`check_destination`] (or [`write_file`], which
//! checks then writes) — in core, so the app, the CLI and a script calling commands all meet the
//! same refusal. Paths are compared after resolving symlinks of the part that exists, so
//! `./x/../jixiao.db` or a link to the folder do not slip past. The program's own writers
//! (automatic backups, storing evidence) write there on purpose and do not come through here.

use crate::{Error, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Canonical paths of every database file opened by this process.
static PROTECTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Marks the database at `db_path` (and its side files and folders) as not writable by exports.
pub fn protect(db_path: &Path) {
    let p = normalize(db_path);
    let mut list = PROTECTED.lock().unwrap_or_else(|e| e.into_inner());
    if !list.contains(&p) {
        list.push(p);
    }
}

/// Refuses `dest` when it is a database this process opened, one of its side files, or lies in
/// its `evidence/` or `backups/` folder.
pub fn check_destination(dest: &Path) -> Result<()> {
    let d = normalize(dest);
    let list = PROTECTED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    for db in &list {
        if is_protected(db, &d) {
            return Err(Error::File(format!(
                "不能保存到『{}』：这是本系统的数据文件夹（数据库、佐证材料或备份），写入会损坏数据。请选择其他文件夹（如“文档”或U盘）。",
                dest.display()
            )));
        }
    }
    Ok(())
}

/// Checks `dest` and writes `bytes` to it.
pub fn write_file(dest: &Path, bytes: &[u8]) -> Result<()> {
    check_destination(dest)?;
    std::fs::write(dest, bytes).map_err(|e| {
        Error::File(format!(
            "无法写入『{}』：{e}。请换一个文件夹或关闭正在打开该文件的程序",
            dest.display()
        ))
    })
}

fn is_protected(db: &Path, dest: &Path) -> bool {
    let same = |a: &Path, b: &Path| key(a) == key(b);
    let inside = |dir: &Path, p: &Path| {
        let (dir, p) = (key(dir), key(p));
        p == dir || p.starts_with(&format!("{dir}{}", std::path::MAIN_SEPARATOR))
    };
    if same(db, dest) {
        return true;
    }
    let Some(name) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return false;
    };
    let folder = db.parent().unwrap_or(Path::new("/"));
    ["-wal", "-shm", "-journal"]
        .iter()
        .any(|s| same(&folder.join(format!("{name}{s}")), dest))
        || inside(&folder.join("evidence"), dest)
        || inside(&folder.join("backups"), dest)
}

/// Windows paths are case-insensitive.
fn key(p: &Path) -> String {
    let s = p.to_string_lossy().into_owned();
    if cfg!(windows) {
        s.to_lowercase()
    } else {
        s
    }
}

/// An absolute path with the existing part canonical (symlinks resolved) and `.`/`..` removed.
fn normalize(p: &Path) -> PathBuf {
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Canonicalize the longest existing ancestor, then put the rest back.
    let mut rest = Vec::new();
    let mut cur = clean.as_path();
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut out = c;
            for r in rest.iter().rev() {
                out.push(r);
            }
            return out;
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return clean,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_its_side_files_evidence_and_backups_are_refused_but_a_sibling_export_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("guard.db");
        std::fs::write(&db, b"x").unwrap();
        protect(&db);
        for bad in [
            db.clone(),
            tmp.path().join("guard.db-wal"),
            tmp.path().join("guard.db-shm"),
            tmp.path().join("evidence").join("ab"),
            tmp.path().join("backups").join("x.xlsx"),
            tmp.path().join("sub").join("..").join("guard.db"),
        ] {
            let e = check_destination(&bad).expect_err(&bad.display().to_string());
            assert!(e.to_string().contains("数据文件夹"), "{e}");
        }
        check_destination(&tmp.path().join("导出.xlsx")).unwrap();
        check_destination(&tmp.path().join("evidence-copy.pdf")).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_the_data_folder_does_not_slip_past() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir(&data).unwrap();
        let db = data.join("j.db");
        std::fs::write(&db, b"x").unwrap();
        protect(&db);
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&data, &link).unwrap();
        assert!(check_destination(&link.join("j.db")).is_err());
    }
}
