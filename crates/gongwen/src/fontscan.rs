//! Finding installed font faces by family name without parsing whole fonts: walks the system
//! font folders and reads only the sfnt/TTC headers and the `name` table of each face.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// One face of an installed font file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceInfo {
    pub path: PathBuf,
    /// Face index inside a `.ttc`/`.otc` collection (0 for single fonts).
    pub index: u32,
    /// Family names in every language the font carries (name IDs 1 and 16).
    pub families: Vec<String>,
    /// Subfamily (style) names, e.g. "Regular", "Bold" (name IDs 2 and 17).
    pub styles: Vec<String>,
}

impl FaceInfo {
    /// Does this face belong to `family` (case and spaces ignored), optionally in `style`?
    pub fn matches(&self, family: &str, style: Option<&str>) -> bool {
        let want = normalize(family);
        let family_ok = self.families.iter().any(|f| normalize(f) == want);
        let style_ok = match style {
            None => true,
            Some(s) => {
                let s = normalize(s);
                self.styles.iter().any(|x| normalize(x) == s)
            }
        };
        family_ok && style_ok
    }

    /// The name to show a user: the first English family, else the first family.
    pub fn display_family(&self) -> String {
        self.families
            .iter()
            .find(|f| f.is_ascii())
            .or_else(|| self.families.first())
            .cloned()
            .unwrap_or_default()
    }
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The usual font folders of Linux (incl. 统信UOS/麒麟), Windows and macOS that exist here.
pub fn system_font_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = vec![
        "/usr/share/fonts".into(),
        "/usr/local/share/fonts".into(),
        "/Library/Fonts".into(),
        "/System/Library/Fonts".into(),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(PathBuf::from(local).join("Microsoft/Windows/Fonts"));
    }
    dirs.retain(|d| d.is_dir());
    dirs
}

/// Every face of every font file under `dirs`, in a stable (sorted path) order.
pub fn scan(dirs: &[PathBuf]) -> Vec<FaceInfo> {
    let mut files = Vec::new();
    for d in dirs {
        collect_files(d, 0, &mut files);
    }
    files.sort();
    files.dedup();
    files.iter().flat_map(|p| read_faces(p)).collect()
}

fn collect_files(dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
    if depth > 6 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(&p, depth + 1, out);
        } else if is_font_file(&p) {
            out.push(p);
        }
    }
}

fn is_font_file(p: &Path) -> bool {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"))
}

/// The faces of one font file; unreadable files give none.
pub fn read_faces(path: &Path) -> Vec<FaceInfo> {
    let Ok(mut f) = File::open(path) else {
        return Vec::new();
    };
    let offsets = match face_offsets(&mut f) {
        Some(o) => o,
        None => return Vec::new(),
    };
    offsets
        .into_iter()
        .enumerate()
        .filter_map(|(i, off)| {
            let (families, styles) = read_names(&mut f, off)?;
            Some(FaceInfo {
                path: path.to_path_buf(),
                index: i as u32,
                families,
                styles,
            })
        })
        .collect()
}

fn read_at(f: &mut File, offset: u64, len: usize) -> Option<Vec<u8>> {
    f.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = vec![0u8; len];
    f.read_exact(&mut buf).ok()?;
    Some(buf)
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

fn face_offsets(f: &mut File) -> Option<Vec<u64>> {
    let head = read_at(f, 0, 12)?;
    if &head[0..4] == b"ttcf" {
        let n = be32(&head, 8)?.min(256) as usize;
        let table = read_at(f, 12, n * 4)?;
        (0..n).map(|i| be32(&table, i * 4).map(u64::from)).collect()
    } else {
        Some(vec![0])
    }
}

/// (families, styles) of the face whose offset table starts at `face`.
fn read_names(f: &mut File, face: u64) -> Option<(Vec<String>, Vec<String>)> {
    let dir = read_at(f, face, 12)?;
    let num_tables = be16(&dir, 4)? as usize;
    let records = read_at(f, face + 12, num_tables * 16)?;
    let (off, len) = (0..num_tables).find_map(|i| {
        let r = &records[i * 16..i * 16 + 16];
        (&r[0..4] == b"name").then(|| (be32(r, 8), be32(r, 12)))
    })?;
    let (off, len) = (u64::from(off?), len? as usize);
    if len > 4 << 20 {
        return None;
    }
    let table = read_at(f, off, len)?;
    let count = be16(&table, 2)? as usize;
    let strings = be16(&table, 4)? as usize;
    let mut families = Vec::new();
    let mut styles = Vec::new();
    for i in 0..count {
        let r = 6 + i * 12;
        let platform = be16(&table, r)?;
        let encoding = be16(&table, r + 2)?;
        let name_id = be16(&table, r + 6)?;
        let length = be16(&table, r + 8)? as usize;
        let start = strings + be16(&table, r + 10)? as usize;
        let Some(raw) = table.get(start..start + length) else {
            continue;
        };
        let text = match (platform, encoding) {
            (0, _) | (3, _) => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            (1, 0) => raw.iter().map(|&b| char::from(b)).collect(),
            _ => continue,
        };
        let text = text.trim_matches(char::from(0)).trim().to_string();
        if text.is_empty() {
            continue;
        }
        let bucket = match name_id {
            1 | 16 => &mut families,
            2 | 17 => &mut styles,
            _ => continue,
        };
        if !bucket.contains(&text) {
            bucket.push(text);
        }
    }
    Some((families, styles))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching_ignores_case_and_spaces_and_checks_the_style() {
        let face = FaceInfo {
            path: "x.ttc".into(),
            index: 2,
            families: vec!["Noto Serif CJK SC".into(), "思源宋体".into()],
            styles: vec!["Bold".into()],
        };
        assert!(face.matches("noto serif cjk sc", None));
        assert!(face.matches("NotoSerifCJKSC", Some("bold")));
        assert!(!face.matches("Noto Serif CJK SC", Some("Regular")));
        assert!(face.matches("思源宋体", None));
        assert_eq!(face.display_family(), "Noto Serif CJK SC");
    }

    #[test]
    fn a_non_font_file_has_no_faces() {
        let dir = std::env::temp_dir().join("jixiao-gongwen-fontscan-test.ttf");
        std::fs::write(&dir, b"not a font at all").expect("write");
        assert!(read_faces(&dir).is_empty());
        let _ = std::fs::remove_file(&dir);
    }
}
