//! Fuzzes the `.jxpkg` reader: any bytes must give a package or a Chinese error, never a panic,
//! an abort or unbounded memory.
#![no_main]

use jixiao_core::db::latest_version;
use jixiao_core::sync::package;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pkg) = package::read(std::io::Cursor::new(data), latest_version()) {
        assert_eq!(pkg.header.change_count as usize, pkg.changes.len());
    }
});
