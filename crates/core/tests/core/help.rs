//! 「说明」 drawers and the 使用手册: the texts state the rule set in force, so a rule changed in
//! 规则设置 changes them; the manual PDF carries every screen's sections.

use super::common::{actor, temp_db};
use jixiao_core::{help, rules};

fn all_text(h: &help::ScreenHelp) -> String {
    h.sections
        .iter()
        .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.iter().cloned()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_monitoring_help_states_the_warning_lines_in_force_and_follows_a_new_rule_set() {
    let t = temp_db();
    let before = t.db.read(|c| help::screen(c, "monitoring")).expect("help");
    let text = all_text(&before);
    assert!(text.contains("落后时间进度超过 30.00%"), "{text}");
    assert!(text.contains("落后超过 15.00%"), "{text}");

    let mut r = t.db.read(rules::current).expect("rules").rules;
    r.warning.red_lag_bp = 2500;
    r.warning.yellow_lag_bp = 1000;
    r.self_eval_weights.execution_cp = 2000;
    r.self_eval_weights.output_cp = 3000;
    r.self_eval_weights.benefit_cp = 4000;
    r.self_eval_weights.satisfaction_cp = 1000;
    t.db.write(&actor(), |ctx| rules::save(ctx, &r, "收紧预警线"))
        .expect("save");

    let after = t.db.read(|c| help::screen(c, "monitoring")).expect("help");
    let text = all_text(&after);
    assert_eq!(after.rules_version, before.rules_version + 1);
    assert!(text.contains("落后时间进度超过 25.00%"), "{text}");
    assert!(text.contains("落后超过 10.00%"), "{text}");
    let own = all_text(&t.db.read(|c| help::screen(c, "self")).expect("self"));
    assert!(own.contains("预算执行率 20 分，产出指标 30 分"), "{own}");
}

#[test]
fn every_screen_has_its_rules_in_words_and_an_unknown_screen_is_refused() {
    let t = temp_db();
    let manual = t.db.read(help::manual).expect("manual");
    assert_eq!(manual.len(), help::SCREENS.len());
    for h in &manual {
        assert!(!h.sections.is_empty(), "{}", h.title);
        for s in &h.sections {
            assert!(
                !s.paragraphs.is_empty() && s.paragraphs.iter().all(|p| !p.trim().is_empty()),
                "{} › {} has an empty paragraph",
                h.title,
                s.title
            );
        }
    }
    let exante = all_text(&manual[0]);
    assert!(exante.contains("总分 ≥ 90 分为「予以支持」"), "{exante}");
    let linkage = all_text(
        manual
            .iter()
            .find(|h| h.screen == "linkage")
            .expect("linkage"),
    );
    assert!(linkage.contains("「中」：建议压减 10.00%"), "{linkage}");
    let err =
        t.db.read(|c| help::screen(c, "nothing"))
            .expect_err("unknown");
    assert!(err.to_string().contains("nothing"), "{err}");
}

#[test]
fn the_manual_pdf_carries_every_screen_and_is_not_written_onto_the_database() {
    let t = temp_db();
    let out = t.dir.path().join("使用手册.pdf");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("date");
    t.db.read(|c| help::write_manual(c, today, &out))
        .expect("manual");
    let pdf = std::fs::read(&out).expect("pdf");
    let text: String = jixiao_gongwen::inspect::inspect(&pdf)
        .expect("inspect")
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n")
        .replace(['\n', ' '], "");
    for (_, title) in help::SCREENS {
        assert!(text.contains(title), "no 『{title}』 in the manual");
    }
    assert!(text.contains("落后时间进度超过30.00%"), "{text}");
    let onto_db = t.dir.path().join("test.db");
    let before = std::fs::read(&onto_db).expect("db");
    assert!(t
        .db
        .read(|c| help::write_manual(c, today, &onto_db))
        .is_err());
    assert_eq!(std::fs::read(&onto_db).expect("db"), before);
}
