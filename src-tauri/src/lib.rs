//! The thin Tauri shell of Jixiao: opens the database, registers the dialog plugin (used from Rust
//! only: `commands::dialog`) and one
//! `generate_handler!` of commands (one file per lifecycle stage in `commands/`). No SQL and no
//! business rules here — commands call `jixiao_core`.

mod commands;
mod ipc_error;
mod state;
mod window_state;

use jixiao_core::db::backup::{self, BackupReason};
use state::AppState;
use std::path::PathBuf;
use tauri::Manager;

/// `--db PATH` on the command line, else `JIXIAO_DB`, else the OS app-data default.
fn db_path_from_args() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return PathBuf::from(p);
            }
        } else if let Some(p) = a.strip_prefix("--db=") {
            return PathBuf::from(p);
        }
    }
    jixiao_core::db::default_db_path()
}

pub fn run() {
    let path = db_path_from_args();
    let state = match AppState::open(&path) {
        Ok(s) => s,
        Err(e) => {
            // No window can show this yet: print it where a launcher or terminal will see it.
            eprintln!("无法打开数据库 {}：{e}", path.display());
            std::process::exit(2);
        }
    };
    // Once a day, at the first start: a copy into the backups folder (see 数据维护).
    if let Err(e) = backup::auto_backup(state.db_unsigned(), BackupReason::Daily) {
        eprintln!("每日自动备份失败：{e}");
    }
    let window_file = window_state::file_next_to(&path);
    let saved_on_close = window_file.clone();
    let result = tauri::Builder::default()
        .setup(move |app| {
            if let Some(main) = app.get_webview_window("main") {
                window_state::restore(&main, &window_file);
            }
            Ok(())
        })
        .on_window_event(move |window, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event {
                window_state::save(window, &saved_on_close);
            }
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::dialog::dialog_open,
            commands::dialog::dialog_save,
            commands::system::system_status,
            commands::access::access_me,
            commands::access::access_login,
            commands::access::access_logout,
            commands::access::access_lock,
            commands::access::access_unlock,
            commands::access::access_first_start,
            commands::access::access_set_pending_password,
            commands::access::access_recover,
            commands::access::access_change_password,
            commands::access::access_users_list,
            commands::access::access_users_create,
            commands::access::access_users_update,
            commands::access::access_users_set_enabled,
            commands::access::access_users_reset_password,
            commands::access::access_security_get,
            commands::access::access_security_save,
            commands::system::system_audit_page,
            commands::system::system_audit_get,
            commands::system::system_audit_options,
            commands::system::system_audit_verify,
            commands::system::system_audit_export,
            commands::system::system_check,
            commands::system::system_backup,
            commands::system::system_backups,
            commands::system::system_restore,
            commands::system::system_backup_settings_get,
            commands::system::system_backup_settings_save,
            commands::org::org_years,
            commands::org::org_year_add,
            commands::org::org_units,
            commands::org::org_unit_create,
            commands::org::org_unit_update,
            commands::org::org_unit_move,
            commands::org::org_unit_delete,
            commands::projects::projects_list,
            commands::projects::projects_get,
            commands::projects::projects_create,
            commands::projects::projects_update,
            commands::projects::projects_delete,
            commands::rules::rules_current,
            commands::rules::rules_versions,
            commands::rules::rules_save,
            commands::evaluation_key::evaluation_key_list,
            commands::evaluation_key::evaluation_key_get,
            commands::evaluation_key::evaluation_key_create,
            commands::evaluation_key::evaluation_key_update_plan,
            commands::evaluation_key::evaluation_key_save_sheet,
            commands::evaluation_key::evaluation_key_save_findings,
            commands::evaluation_key::evaluation_key_save_texts,
            commands::evaluation_key::evaluation_key_advance,
            commands::evaluation_key::evaluation_key_return,
            commands::evaluation_key::evaluation_key_stats,
            commands::evaluation_key::evaluation_key_export_sheet,
            commands::evaluation_key::evaluation_agency_list,
            commands::evaluation_key::evaluation_agency_save,
            commands::evaluation_key::evaluation_agency_add_relation,
            commands::evaluation_key::evaluation_agency_remove_relation,
            commands::evaluation_key::evaluation_agency_engagements,
            commands::evaluation_key::evaluation_agency_engage,
            commands::evaluation_key::evaluation_agency_remove_engagement,
            commands::evaluation_key::evaluation_agency_set_engagement_status,
            commands::evaluation_key::evaluation_agency_review,
            commands::exante::exante_required,
            commands::exante::exante_get,
            commands::exante::exante_save,
            commands::exante::exante_delete,
            commands::exante::exante_designate,
            commands::exante::exante_undesignate,
            commands::exante::exante_stats,
            commands::exante::exante_export,
            commands::exchange::exchange_import,
            commands::exchange::exchange_export,
            commands::exchange::exchange_template,
            commands::exchange::exchange_units_touched,
            commands::evaluation::evaluation_self_start,
            commands::evaluation::evaluation_self_list,
            commands::evaluation::evaluation_self_coverage,
            commands::evaluation::evaluation_self_get,
            commands::evaluation::evaluation_self_save,
            commands::evaluation::evaluation_self_submit,
            commands::evaluation::evaluation_self_return,
            commands::evaluation::evaluation_self_import,
            commands::evaluation::evaluation_self_export,
            commands::evaluation::evaluation_spot_draw,
            commands::evaluation::evaluation_spot_current,
            commands::evaluation::evaluation_spot_verify,
            commands::evaluation::evaluation_spot_get,
            commands::evaluation::evaluation_spot_review,
            commands::evaluation::evaluation_stats,
            commands::evaluation::evaluation_list,
            commands::results_docs::results_doc_settings,
            commands::results_docs::results_doc_settings_save,
            commands::results_docs::results_doc_fonts,
            commands::results_docs::results_doc_list,
            commands::results_docs::results_doc_get,
            commands::results_docs::results_doc_draft,
            commands::results_docs::results_doc_update,
            commands::results_docs::results_doc_regenerate,
            commands::results_docs::results_doc_issue,
            commands::results_docs::results_doc_pdf,
            commands::results_docs::results_doc_save_pdf,
            commands::results_docs::results_doc_print,
            commands::results_docs::results_doc_batch,
            commands::results_docs::results_register_list,
            commands::results_docs::results_register_void,
            commands::results_docs::results_register_export,
            commands::results_docs::results_stats,
            commands::monitoring::monitoring_rounds,
            commands::monitoring::monitoring_round,
            commands::monitoring::monitoring_open,
            commands::monitoring::monitoring_close,
            commands::monitoring::monitoring_tasks,
            commands::monitoring::monitoring_task_rows,
            commands::monitoring::monitoring_sheet,
            commands::monitoring::monitoring_save,
            commands::monitoring::monitoring_submit,
            commands::monitoring::monitoring_approve,
            commands::monitoring::monitoring_return,
            commands::monitoring::monitoring_add_action,
            commands::monitoring::monitoring_stats,
            commands::monitoring::monitoring_import,
            commands::monitoring::monitoring_export,
            commands::targets::targets_list,
            commands::targets::targets_get,
            commands::targets::targets_create_for_project,
            commands::targets::targets_create_for_unit,
            commands::targets::targets_save,
            commands::targets::targets_submit,
            commands::targets::targets_return,
            commands::targets::targets_approve,
            commands::targets::targets_approve_all,
            commands::targets::targets_resolve_comment,
            commands::targets::targets_adjust,
            commands::targets::targets_set_public,
            commands::targets::targets_delete,
            commands::targets::targets_versions,
            commands::targets::targets_changes,
            commands::targets::targets_overview,
            commands::targets::targets_import,
            commands::targets::targets_export,
            commands::library::library_categories,
            commands::library::library_category_create,
            commands::library::library_category_rename,
            commands::library::library_category_delete,
            commands::library::library_list,
            commands::library::library_get,
            commands::library::library_create,
            commands::library::library_update,
            commands::library::library_delete,
            commands::library::library_cases,
            commands::library::library_case_get,
            commands::library::library_case_delete,
            commands::library::library_import,
            commands::library::library_export,
            commands::results_rect::results_rect_list,
            commands::results_rect::results_rect_summary,
            commands::results_rect::results_rect_get,
            commands::results_rect::results_rect_create,
            commands::results_rect::results_rect_update,
            commands::results_rect::results_rect_step,
            commands::results_rect::results_rect_sources,
            commands::results_rect::results_rect_generate,
            commands::results_rect::results_rect_evidence,
            commands::results_rect::results_rect_add_evidence,
            commands::results_rect::results_rect_save_evidence,
            commands::results_rect::results_rect_export,
            commands::results_rect::results_linkage_list,
            commands::results_rect::results_linkage_propose,
            commands::results_rect::results_linkage_save,
            commands::results_rect::results_linkage_export,
            commands::results_rect::results_disclosure_list,
            commands::results_rect::results_disclosure_set,
            commands::results_rect::results_disclosure_export,
            commands::sync::sync_site,
            commands::sync::sync_site_set,
            commands::sync::sync_enrol,
            commands::sync::sync_enrolments,
            commands::sync::sync_revoke,
            commands::sync::sync_gaps,
            commands::access::access_join,
            commands::sync::sync_destinations,
            commands::sync::sync_export,
            commands::sync::sync_preview,
            commands::sync::sync_import,
            commands::sync::sync_history,
            commands::sync::sync_peers,
            commands::sync::sync_conflicts,
            commands::sync::sync_resolve,
            commands::workbench::workbench_todo,
            commands::assess::assess_run,
            commands::assess::assess_set_hand,
            commands::assess::assess_finalize,
            commands::assess::assess_export,
            commands::assess::assess_notice_save,
            commands::assess::assess_notice_print,
            commands::assess::assess_rules_current,
            commands::assess::assess_rules_save,
            commands::review::review_target,
            commands::review::review_year,
            commands::review::review_risks,
            commands::review::review_risk_decisions,
            commands::review::review_risk_dismiss,
            commands::review::review_risk_rectify,
            commands::review::review_suggest,
            commands::review::review_library_uses,
            commands::review::review_rule_catalog,
            commands::reports::reports_year_overview,
            commands::reports::reports_texts,
            commands::reports::reports_save_texts,
            commands::reports::reports_write_annual,
            commands::help::help_screen,
            commands::help::help_write_manual,
            commands::reports::reports_write_npc,
            commands::reports::reports_export_overview,
            commands::results_docs::results_doc_font_report,
            commands::results_docs::results_doc_import_font,
            commands::search::search_all,
            commands::policy::policy_list,
            commands::policy::policy_get,
            commands::policy::policy_create,
            commands::policy::policy_update,
            commands::policy::policy_delete,
            commands::policy::policy_import,
            commands::policy::policy_export,
            commands::policy::policy_exante_get,
            commands::policy::policy_exante_save,
            commands::policy::policy_exante_delete,
            commands::cycle::cycle_list,
            commands::cycle::cycle_get,
            commands::cycle::cycle_decide,
            commands::cost::cost_fields,
            commands::cost::cost_add_field,
            commands::cost::cost_analyse,
            commands::cost::cost_standards,
            commands::cost::cost_adopt,
            commands::cost::cost_import,
            commands::cost::cost_export,
            commands::cost::cost_export_standards,
            commands::cost::cost_print_standards,
        ])
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                if let tauri::RunEvent::Exit = event {
                    // The exit backup: errors are only logged, closing must never be blocked.
                    let state = handle.state::<AppState>();
                    if let Err(e) = backup::auto_backup(state.db_unsigned(), BackupReason::Exit) {
                        eprintln!("退出时自动备份失败：{e}");
                    }
                }
            })
        });
    if let Err(e) = result {
        eprintln!("县级预算绩效管理系统启动失败：{e}");
        std::process::exit(1);
    }
}
