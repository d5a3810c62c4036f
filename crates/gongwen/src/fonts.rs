//! The four font roles of a 公文 (仿宋 body, 小标宋 title/标志, 黑体, 楷体): choosing a file for
//! each (user override → official fonts → open fonts), parsing it once, and answering glyph
//! look-ups for the layout (with fallback to another role's font for a single missing char).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use printpdf::ParsedFont;
use serde::{Deserialize, Serialize};

use crate::error::GongwenError;
use crate::fontscan::{self, FaceInfo};

/// What a font is used for in a 公文.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// 仿宋: body text, 文号, 日期, tables.
    FangSong,
    /// 小标宋: title and 发文机关标志.
    XiaoBiaoSong,
    /// 黑体: level-1 headings, "附件1", table headers.
    HeiTi,
    /// 楷体: level-2 headings, 签发人 name.
    KaiTi,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::FangSong, Role::XiaoBiaoSong, Role::HeiTi, Role::KaiTi];

    pub fn name(self) -> &'static str {
        match self {
            Role::FangSong => "仿宋",
            Role::XiaoBiaoSong => "小标宋",
            Role::HeiTi => "黑体",
            Role::KaiTi => "楷体",
        }
    }

    /// The official faces for this role, as a user would look for them.
    pub fn official_names(self) -> &'static str {
        self.hint()
    }

    fn hint(self) -> &'static str {
        match self {
            Role::FangSong => "仿宋_GB2312、仿宋",
            Role::XiaoBiaoSong => "方正小标宋简体",
            Role::HeiTi => "黑体",
            Role::KaiTi => "楷体_GB2312、楷体",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }

    /// Family names to look for, best first: (family, style, official). "Official" = the fonts
    /// 公文 rules name or their licensed equivalents (Windows 仿宋/黑体/楷体, 方正, the CESI fonts
    /// that 统信UOS and 麒麟 ship, 华文 on macOS/WPS).
    fn candidates(self) -> &'static [(&'static str, Option<&'static str>, bool)] {
        match self {
            Role::FangSong => &[
                ("仿宋_GB2312", None, true),
                ("FangSong_GB2312", None, true),
                ("仿宋", None, true),
                ("FangSong", None, true),
                ("方正仿宋_GBK", None, true),
                ("FZFangSong-Z02S", None, true),
                ("方正仿宋简体", None, true),
                ("CESI仿宋-GB2312", None, true),
                ("CESI仿宋-GB18030", None, true),
                ("CESI仿宋-GB13000", None, true),
                ("华文仿宋", None, true),
                ("STFangsong", None, true),
                ("FandolFang", None, false),
                ("Noto Serif CJK SC", Some("Regular"), false),
                ("Source Han Serif SC", Some("Regular"), false),
                ("AR PL UMing CN", None, false),
            ],
            Role::XiaoBiaoSong => &[
                ("方正小标宋简体", None, true),
                ("FZXiaoBiaoSong-B05S", None, true),
                ("方正小标宋_GBK", None, true),
                ("方正小标宋", None, true),
                ("CESI小标宋-GB2312", None, true),
                ("CESI小标宋-GB18030", None, true),
                ("CESI小标宋-GB13000", None, true),
                ("华文中宋", None, true),
                ("STZhongsong", None, true),
                ("Noto Serif CJK SC", Some("Bold"), false),
                ("Noto Serif CJK SC Black", None, false),
                ("Source Han Serif SC", Some("Bold"), false),
                ("FandolSong", Some("Bold"), false),
                ("Noto Serif CJK SC", Some("Regular"), false),
            ],
            Role::HeiTi => &[
                ("黑体", None, true),
                ("SimHei", None, true),
                ("方正黑体_GBK", None, true),
                ("FZHei-B01S", None, true),
                ("方正黑体简体", None, true),
                ("CESI黑体-GB2312", None, true),
                ("CESI黑体-GB18030", None, true),
                ("CESI黑体-GB13000", None, true),
                ("华文黑体", None, true),
                ("STHeiti", None, true),
                ("FandolHei", None, false),
                ("Noto Sans CJK SC Medium", None, false),
                ("Noto Sans CJK SC", Some("Bold"), false),
                ("Source Han Sans SC", Some("Bold"), false),
                ("Noto Sans CJK SC", Some("Regular"), false),
                ("WenQuanYi Micro Hei", None, false),
            ],
            Role::KaiTi => &[
                ("楷体_GB2312", None, true),
                ("KaiTi_GB2312", None, true),
                ("楷体", None, true),
                ("KaiTi", None, true),
                ("方正楷体_GBK", None, true),
                ("FZKai-Z03S", None, true),
                ("方正楷体简体", None, true),
                ("CESI楷体-GB2312", None, true),
                ("CESI楷体-GB18030", None, true),
                ("CESI楷体-GB13000", None, true),
                ("华文楷体", None, true),
                ("STKaiti", None, true),
                ("FandolKai", None, false),
                ("AR PL UKai CN", None, false),
                ("AR PL KaitiM GB", None, false),
            ],
        }
    }
}

/// Any CJK face at all, when a role has none of its own (last resort, e.g. 楷体 → 仿宋's font).
const LAST_RESORT: &[(&str, Option<&str>)] = &[
    ("Noto Serif CJK SC", Some("Regular")),
    ("Noto Sans CJK SC", Some("Regular")),
    ("Source Han Serif SC", None),
    ("Source Han Sans SC", None),
    ("WenQuanYi Micro Hei", None),
    ("WenQuanYi Zen Hei", None),
    ("Droid Sans Fallback", None),
];

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A font file chosen by the user: path plus face index inside a `.ttc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontFile {
    pub path: PathBuf,
    #[serde(default)]
    pub index: u32,
}

/// User font settings: an explicit file per role (optional) and extra folders to search.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontConfig {
    #[serde(default)]
    pub fangsong: Option<FontFile>,
    #[serde(default)]
    pub xiaobiaosong: Option<FontFile>,
    #[serde(default)]
    pub heiti: Option<FontFile>,
    #[serde(default)]
    pub kaiti: Option<FontFile>,
    /// Searched before the system font folders.
    #[serde(default)]
    pub extra_dirs: Vec<PathBuf>,
}

impl FontConfig {
    fn get(&self, role: Role) -> Option<&FontFile> {
        match role {
            Role::FangSong => self.fangsong.as_ref(),
            Role::XiaoBiaoSong => self.xiaobiaosong.as_ref(),
            Role::HeiTi => self.heiti.as_ref(),
            Role::KaiTi => self.kaiti.as_ref(),
        }
    }
}

/// Which file serves a role, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FontChoice {
    pub role: Role,
    /// "仿宋", "小标宋", "黑体", "楷体".
    pub role_name: String,
    pub family: String,
    pub path: PathBuf,
    pub index: u32,
    /// One of the fonts the 公文 rules name (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体 …).
    pub official: bool,
    /// Set explicitly in [`FontConfig`].
    pub configured: bool,
}

pub(crate) struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
}

/// A glyph resolved for drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub face: usize,
    pub gid: u16,
    /// Advance width in em.
    pub advance: f32,
}

/// The parsed fonts for the four roles; build once and reuse for every document.
pub struct FontSet {
    pub(crate) faces: Vec<Face>,
    roles: [usize; 4],
    choices: Vec<FontChoice>,
}

impl fmt::Debug for FontSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontSet")
            .field("choices", &self.choices)
            .finish()
    }
}

impl FontSet {
    /// Picks and parses a font per role: the configured file, else the first official font
    /// found in the system font folders, else an open font (Noto CJK, AR PL UKai, Fandol …).
    pub fn discover(config: &FontConfig) -> Result<FontSet, GongwenError> {
        let mut dirs = config.extra_dirs.clone();
        dirs.extend(fontscan::system_font_dirs());
        let mut scanned: Option<Vec<FaceInfo>> = None;
        let mut picks = Vec::new();
        for role in Role::ALL {
            if let Some(file) = config.get(role) {
                let family = fontscan::read_faces(&file.path)
                    .into_iter()
                    .find(|f| f.index == file.index)
                    .map(|f| f.display_family())
                    .unwrap_or_default();
                let official = role
                    .candidates()
                    .iter()
                    .any(|(fam, _, off)| *off && normalized_eq(fam, &family));
                picks.push((role, file.clone(), family, official, true));
                continue;
            }
            let faces = scanned.get_or_insert_with(|| fontscan::scan(&dirs));
            let found = role
                .candidates()
                .iter()
                .find_map(|(fam, style, official)| {
                    faces
                        .iter()
                        .find(|f| f.matches(fam, *style))
                        .map(|f| (f, *official))
                })
                .or_else(|| {
                    LAST_RESORT.iter().find_map(|(fam, style)| {
                        faces
                            .iter()
                            .find(|f| f.matches(fam, *style))
                            .map(|f| (f, false))
                    })
                });
            let Some((face, official)) = found else {
                return Err(GongwenError::NoFont {
                    role,
                    hint: role.hint(),
                });
            };
            let file = FontFile {
                path: face.path.clone(),
                index: face.index,
            };
            picks.push((role, file, face.display_family(), official, false));
        }
        Self::load(picks)
    }

    /// Uses exactly these files (tests, or a fully configured PC); no folder scan.
    pub fn from_files(files: [FontFile; 4]) -> Result<FontSet, GongwenError> {
        let picks = Role::ALL
            .into_iter()
            .zip(files)
            .map(|(role, file)| {
                let family = fontscan::read_faces(&file.path)
                    .into_iter()
                    .find(|f| f.index == file.index)
                    .map(|f| f.display_family())
                    .unwrap_or_default();
                (role, file, family, false, true)
            })
            .collect();
        Self::load(picks)
    }

    fn load(picks: Vec<(Role, FontFile, String, bool, bool)>) -> Result<FontSet, GongwenError> {
        let mut faces: Vec<Face> = Vec::new();
        let mut by_file: HashMap<(PathBuf, u32), usize> = HashMap::new();
        let mut roles = [0usize; 4];
        let mut choices = Vec::new();
        for (role, file, family, official, configured) in picks {
            let key = (file.path.clone(), file.index);
            let idx = match by_file.get(&key) {
                Some(&i) => i,
                None => {
                    let face = load_face(&file)?;
                    faces.push(face);
                    by_file.insert(key, faces.len() - 1);
                    faces.len() - 1
                }
            };
            roles[role.slot()] = idx;
            choices.push(FontChoice {
                role,
                role_name: role.name().to_string(),
                family,
                path: file.path,
                index: file.index,
                official,
                configured,
            });
        }
        Ok(FontSet {
            faces,
            roles,
            choices,
        })
    }

    /// Which family and file serve each role, in role order.
    pub fn describe(&self) -> Vec<FontChoice> {
        self.choices.clone()
    }

    /// One Chinese warning per role served by a substitute instead of an official face, for the
    /// preview and the CLI: a letter printed so is not in the faces GB/T 9704 names.
    pub fn warnings(&self) -> Vec<String> {
        self.choices
            .iter()
            .filter(|c| !c.official)
            .map(|c| {
                format!(
                    "{}：未找到正式字体（{}），正以替代字体 {} 排版；可在字体设置中导入本单位已有的字体文件",
                    c.role_name,
                    c.role.official_names(),
                    c.family
                )
            })
            .collect()
    }

    /// The glyph for `ch` in the role's font, else in another role's font; None = no font has it.
    pub(crate) fn glyph(&self, role: Role, ch: char) -> Option<Glyph> {
        let own = self.roles[role.slot()];
        std::iter::once(own)
            .chain(self.roles.iter().copied().filter(|&f| f != own))
            .find_map(|face| self.glyph_in(face, ch))
    }

    fn glyph_in(&self, face: usize, ch: char) -> Option<Glyph> {
        let f = &self.faces[face];
        let gid = f.parsed.lookup_glyph_index(ch as u32).filter(|&g| g != 0)?;
        let advance = f32::from(f.parsed.get_horizontal_advance(gid)) / f.units_per_em;
        Some(Glyph { face, gid, advance })
    }
}

/// Copies a font file the bureau owns into `dir` (the data folder's font folder, searched
/// before the system fonts) after checking that it is a TrueType/OpenType font with Chinese
/// characters. Returns the path of the copy and the families it holds.
pub fn import_font(src: &Path, dir: &Path) -> Result<(PathBuf, Vec<String>), GongwenError> {
    let faces = fontscan::read_faces(src);
    let err = |reason: String| GongwenError::FontLoad {
        path: src.to_path_buf(),
        index: 0,
        reason,
    };
    if faces.is_empty() {
        return Err(err(
            "不是可用的 TrueType/OpenType 字体（.ttf/.otf/.ttc）".into()
        ));
    }
    load_face(&FontFile {
        path: src.to_path_buf(),
        index: 0,
    })?;
    let name = src.file_name().ok_or_else(|| err("文件名无效".into()))?;
    std::fs::create_dir_all(dir).map_err(|e| err(format!("无法创建字体文件夹：{e}")))?;
    let dest = dir.join(name);
    std::fs::copy(src, &dest).map_err(|e| err(format!("无法复制字体文件：{e}")))?;
    let families = faces.iter().map(FaceInfo::display_family).collect();
    Ok((dest, families))
}

fn normalized_eq(a: &str, b: &str) -> bool {
    let n = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    n(a) == n(b)
}

fn load_face(file: &FontFile) -> Result<Face, GongwenError> {
    let err = |reason: String| GongwenError::FontLoad {
        path: file.path.clone(),
        index: file.index,
        reason,
    };
    let bytes = std::fs::read(&file.path).map_err(|e| err(e.to_string()))?;
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&bytes, file.index as usize, &mut warnings)
        .ok_or_else(|| err("不是可用的 TrueType/OpenType 字体".into()))?;
    let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
    let face = Face {
        parsed,
        units_per_em,
    };
    if face
        .parsed
        .lookup_glyph_index('国' as u32)
        .filter(|&g| g != 0)
        .is_none()
    {
        return Err(err("该字体不含汉字".into()));
    }
    Ok(face)
}
