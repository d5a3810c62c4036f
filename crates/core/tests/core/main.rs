//! Integration tests of jixiao-core on temporary database files.

mod access;
mod audit;
mod backup;
mod common;
mod db;
mod demo;
mod evaluation_agency;
mod evaluation_key;
mod evaluation_self;
mod exante;
mod exchange;
mod hostile_xlsx;
mod library;
mod monitoring;
mod org;
mod projects;
mod reports;
mod results_docs;
mod results_gongwen;
mod results_linkage;
mod results_rect;
mod round_trip_xlsx;
mod sync;
mod sync_hostile;
mod targets;
mod targets_xlsx;
