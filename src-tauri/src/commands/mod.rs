//! Tauri commands, one file per lifecycle stage, named `<stage>_<verb>` like the core modules.
//! Each is a thin call into `jixiao_core`; `(async)` keeps long jobs off the UI thread.

pub mod access;
pub mod assess;
pub mod cost;
pub mod cycle;
pub mod dialog;
pub mod evaluation;
pub mod evaluation_key;
pub mod exante;
pub mod exchange;
pub mod help;
pub mod library;
pub mod monitoring;
pub mod org;
pub mod policy;
pub mod projects;
pub mod reports;
pub mod results_docs;
pub mod results_rect;
pub mod review;
pub mod rules;
pub mod search;
pub mod sync;
pub mod system;
pub mod targets;
pub mod workbench;
