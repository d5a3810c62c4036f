//! Runs poppler-utils / qpdf on rendered PDFs and parses `pdftotext -bbox-layout`.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Are pdftotext, pdffonts, pdftoppm and qpdf installed? Under CI they must be: a missing
/// tool there fails the test instead of skipping it.
pub fn tools_or_skip(test: &str) -> bool {
    let ok = ["pdftotext", "pdffonts", "pdftoppm", "qpdf"]
        .iter()
        .all(|t| {
            Command::new(t)
                .arg("-v")
                .output()
                .map(|_| true)
                .unwrap_or(false)
        });
    if ok {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI 环境缺少 poppler-utils / qpdf（scripts/setup.sh 的 APT_PACKAGES 应安装它们）");
    }
    eprintln!("SKIP {test}: poppler-utils/qpdf not installed and CI is unset");
    false
}

pub fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd}: {e}"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[derive(Debug, Clone)]
pub struct Word {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Line {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub words: Vec<Word>,
}

impl Line {
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join("")
    }
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute") + key.len();
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Lines per page from `pdftotext -bbox-layout`.
pub fn bbox_lines(pdf: &Path) -> Vec<Vec<Line>> {
    let (ok, xml) = run("pdftotext", &["-bbox-layout", path_str(pdf), "-"]);
    assert!(ok, "pdftotext -bbox-layout failed: {xml}");
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let mut lines = Vec::new();
        for chunk in page.split("<line ").skip(1) {
            let tag_end = chunk.find('>').expect("line tag");
            let tag = &chunk[..tag_end];
            let mut words = Vec::new();
            for w in chunk.split("<word ").skip(1) {
                let wt_end = w.find('>').expect("word tag");
                let text_end = w.find("</word>").expect("word end");
                let wtag = &w[..wt_end];
                words.push(Word {
                    x0: attr(wtag, "xMin"),
                    y0: attr(wtag, "yMin"),
                    x1: attr(wtag, "xMax"),
                    y1: attr(wtag, "yMax"),
                    text: unescape(&w[wt_end + 1..text_end]),
                });
            }
            lines.push(Line {
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                words,
            });
        }
        pages.push(lines);
    }
    pages
}

/// Plain text of one page (1-based).
pub fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    let (ok, text) = run("pdftotext", &["-f", &p, "-l", &p, path_str(pdf), "-"]);
    assert!(ok, "pdftotext failed: {text}");
    text
}

/// Page `page` rendered at `dpi` as (width, height, RGB bytes), via `pdftoppm` PPM output.
pub fn render_rgb(pdf: &Path, page: usize, dpi: u32) -> (usize, usize, Vec<u8>) {
    let p = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-f", &p, "-l", &p, "-r", &dpi.to_string(), path_str(pdf)])
        .output()
        .expect("run pdftoppm");
    assert!(out.status.success(), "pdftoppm failed");
    let data = out.stdout;
    // P6\n<w> <h>\n255\n<bytes>
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, data[i + 1..].to_vec())
}
