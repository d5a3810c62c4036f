//! The 导入模板 offered by “下载导入模板”: a first sheet with the exact headers the importer
//! expects plus one example row, and a 「填写说明」 sheet saying for every column whether it is
//! required and what it accepts. The rules written here mirror the importers' checks.

use super::{
    save, write_header_row, xlsx_error, Sheet, PROJECT_HEADERS, PROJECT_WIDTHS, UNIT_HEADERS,
    UNIT_WIDTHS,
};
use crate::org::UnitKind;
use crate::projects::{BudgetType, NewOrContinuing, ProjectCategory, ProjectGrade};
use crate::Result;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// One cell of the example row.
enum Example {
    Text(&'static str),
    Number(f64),
}

use Example::{Number, Text};

/// Writes the import template for `sheet` to `path`.
pub fn write_template(sheet: Sheet, path: &Path) -> Result<()> {
    let (name, headers, widths, example, notes): (_, &[&str], &[f64], Vec<Example>, _) = match sheet
    {
        Sheet::Units => (
            "单位",
            &UNIT_HEADERS[..],
            &UNIT_WIDTHS[..],
            vec![
                Text("JY001"),
                Text("县教育局"),
                Text(""),
                Text("主管部门"),
                Text("王芳"),
                Text("0635-1234567"),
            ],
            unit_notes(),
        ),
        Sheet::Projects => (
            "项目",
            &PROJECT_HEADERS[..],
            &PROJECT_WIDTHS[..],
            vec![
                Number(2025.0),
                Text("XM2025-001"),
                Text("义务教育薄弱学校改造项目"),
                Text("JY001"),
                Text("一般公共预算"),
                Text("特定目标类"),
                Text("新增"),
                Number(2025.0),
                Number(2026.0),
                Number(1286.5),
                Number(1300.0),
                Text("县级财政资金"),
                Text("否"),
                Text("A"),
            ],
            project_notes(),
        ),
    };
    let err = xlsx_error(path);
    let mut book = Workbook::new();

    let ws = book.add_worksheet();
    ws.set_name(name).map_err(&err)?;
    write_header_row(ws, headers, widths).map_err(&err)?;
    // Code columns as text, so a typed "001" keeps its zeros.
    let text = Format::new().set_num_format("@");
    for (col, header) in headers.iter().enumerate() {
        if header.ends_with("编码") {
            ws.set_column_format(col as u16, &text).map_err(&err)?;
        }
    }
    for (col, cell) in example.iter().enumerate() {
        match cell {
            Text(s) => ws.write_string(1, col as u16, *s),
            Number(n) => ws.write_number(1, col as u16, *n),
        }
        .map_err(&err)?;
    }

    let guide = book.add_worksheet();
    guide.set_name("填写说明").map_err(&err)?;
    write_header_row(
        guide,
        &["列名", "是否必填", "填写要求与可选值"],
        &[22.0, 10.0, 90.0],
    )
    .map_err(&err)?;
    let mut rows = notes;
    rows.push((
        "（说明）",
        "",
        "第2行是示例，导入前请改为真实数据或删除；表头文字不要改动，列的顺序可以调整".into(),
    ));
    rows.push((
        "（说明）",
        "",
        "导入时先检查整个文件，只要有一处错误就一行都不导入，并列出所有出错的行和列".into(),
    ));
    for (i, (column, required, rule)) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        guide.write_string(row, 0, *column).map_err(&err)?;
        guide.write_string(row, 1, *required).map_err(&err)?;
        guide.write_string(row, 2, rule.as_str()).map_err(&err)?;
    }
    save(&mut book, path)
}

type Note = (&'static str, &'static str, String);

fn unit_notes() -> Vec<Note> {
    vec![
        (
            "单位编码",
            "必填",
            "字母、数字、- _ . 组成，不超过32位；再次导入时按单位编码更新已有单位".into(),
        ),
        ("单位名称", "必填", "不超过100个字".into()),
        (
            "上级单位编码",
            "选填",
            "上级单位的单位编码（本文件中的或系统中已有的单位）；顶级单位留空".into(),
        ),
        ("单位类型", "必填", format!("可选：{}", UnitKind::choices())),
        ("联系人", "选填", "不超过30个字".into()),
        ("联系电话", "选填", "只填数字和 - ，如 0635-1234567".into()),
    ]
}

fn project_notes() -> Vec<Note> {
    let amount = "单位万元，可填数字或文字，最多6位小数（精确到分），不能为负数，如 1286.5";
    vec![
        ("预算年度", "必填", "四位年份（2000–2100），如 2025".into()),
        ("项目编码", "必填", "同一预算年度内不能重复，不含空格，不超过40位；再次导入时按“预算年度+项目编码”更新已有项目".into()),
        ("项目名称", "必填", "不超过200个字".into()),
        ("预算单位编码", "必填", "系统中已有单位的单位编码，该单位须是主管部门、预算单位或乡镇".into()),
        ("预算类型", "必填", format!("可选：{}", BudgetType::choices())),
        ("项目类别", "必填", format!("可选：{}", ProjectCategory::choices())),
        ("新增或延续", "必填", format!("可选：{}", NewOrContinuing::choices())),
        ("实施期起", "必填", "四位年份，不晚于预算年度".into()),
        ("实施期止", "必填", "四位年份，不早于实施期起，也不早于预算年度".into()),
        ("年初预算数（万元）", "必填", amount.into()),
        ("调整后预算数（万元）", "选填", format!("{amount}；留空表示与年初预算数相同")),
        ("资金来源", "选填", "不超过50个字".into()),
        ("是否专项债券", "选填", "是 / 否（也可填 Y/N、1/0、TRUE/FALSE），留空表示否".into()),
        ("项目分级", "选填", format!("可选：{}，可留空", ProjectGrade::choices())),
    ]
}
