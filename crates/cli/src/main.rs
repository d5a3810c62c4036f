//! `jixiao-cli` — the same operations as the app for admins, scripts, tests and benchmarks.
//! Noun first, then verb (`projects import FILE`). `--json` prints JSON on stdout; errors go to
//! stderr in Chinese with exit code 1 (2 for usage errors, from clap).

mod audit;
/// `println!` for everything the CLI prints on stdout: when stdout is a pipe the reader closed
/// (`jixiao-cli --json … | head`), the program ends quietly instead of panicking.
macro_rules! say {
    () => {
        $crate::output::say(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::output::say(format_args!($($arg)*))
    };
}

mod assess;
mod auth;
mod bench;
mod bench_docs;
mod bench_hostile;
mod bench_kills;
mod bench_reports;
mod bench_review;
mod bench_sync;
mod cost;
mod cycle;
mod evaluation;
mod manual;
mod monitoring;
mod output;
mod policy;
mod print;
mod reports;
mod results;
mod review;
mod search;
mod sync;
mod targets;
mod users;

use clap::{Parser, Subcommand};
use jixiao_core::access::{self, Actor};
use jixiao_core::db::backup::{self, BackupReason};
use jixiao_core::db::{default_db_path, Db};
use jixiao_core::projects::{self, ProjectQuery};
use jixiao_core::{demo, exante, exchange, library, org, rules};
use output::Out;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "jixiao-cli",
    version,
    about = "县级预算绩效管理系统 命令行工具",
    after_help = "数据库默认位于系统应用数据目录，可用 --db 或环境变量 JIXIAO_DB 指定。"
)]
struct Cli {
    /// 数据库文件路径
    #[arg(long, global = true, env = "JIXIAO_DB")]
    db: Option<PathBuf>,
    /// 以 JSON 输出结果
    #[arg(long, global = true)]
    json: bool,
    /// 登录名（修改数据的命令必填；密码取自环境变量 JIXIAO_PASSWORD，或在终端输入）
    #[arg(long, global = true, env = "JIXIAO_USER")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 创建（或升级）数据库；--admin 创建首个系统管理员（密码取自 JIXIAO_PASSWORD）；
    /// --join 入网文件：新装的单位/乡镇电脑用财政局发放的入网文件加入
    Init {
        #[arg(long)]
        admin: Option<String>,
        #[arg(long)]
        join: Option<PathBuf>,
    },
    /// 载入示例县数据（仅限空白数据库）；--admin 同时创建系统管理员和各角色的示例账号（密码均取自 JIXIAO_PASSWORD）
    Demo {
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        #[arg(long)]
        admin: Option<String>,
    },
    /// 用户管理：list | add LOGIN --name N --role R [--unit CODE] | disable LOGIN | passwd LOGIN
    Users {
        #[command(subcommand)]
        verb: users::UsersVerb,
    },
    /// 单位：list | import FILE | export FILE
    Units {
        #[command(subcommand)]
        verb: UnitVerb,
    },
    /// 导入模板（同界面「下载导入模板」）：template units|projects FILE
    Template {
        /// units（单位）或 projects（项目）
        kind: String,
        file: PathBuf,
    },
    /// 预算项目：list [--year Y] | import FILE | export FILE [--year Y]
    Projects {
        #[command(subcommand)]
        verb: ProjectVerb,
    },
    /// 运行监控：open --year Y --month M [--kind 自行|重点] | list --year Y | import|export FILE --round R | stats --round R
    Monitoring {
        #[command(subcommand)]
        verb: monitoring::MonitoringVerb,
    },
    /// 绩效评价：start --year Y | import|export self FILE --year Y | draw --year Y [--share-bp N] [--seed S] | list --year Y | stats --year Y
    Evaluation {
        #[command(subcommand)]
        verb: evaluation::EvaluationVerb,
    },
    /// 公文打印：feedback-letter --evaluation ID --out F.pdf [--draft] | batch --year Y --kind feedback|rectification|… --out F.pdf
    Print {
        #[command(subcommand)]
        verb: print::PrintVerb,
    },
    /// 结果应用：stats --year Y
    Results {
        #[command(subcommand)]
        verb: results::ResultsVerb,
    },
    /// 绩效目标：import FILE --year Y | export FILE --year Y | approve --year Y --all | stats --year Y
    Targets {
        #[command(subcommand)]
        verb: targets::TargetVerb,
    },
    /// 指标库：import FILE | export FILE | stats
    Library {
        #[command(subcommand)]
        verb: LibraryVerb,
    },
    /// 事前评估：stats --year Y | export FILE --year Y
    Exante {
        #[command(subcommand)]
        verb: ExanteVerb,
    },
    /// 规则设置：show
    Rules {
        #[command(subcommand)]
        verb: RulesVerb,
    },
    /// 本机身份（数据交换）：show | set --name 名称 --kind 财政局|预算单位|乡镇 [--unit 单位编码]
    Site {
        #[command(subcommand)]
        verb: sync::SiteVerb,
    },
    /// 数据交换（U盘）：export --to 站点|单位编码|all --out FILE | import FILE | preview FILE | conflicts | resolve ID --choice 本机|对方 | history
    Sync {
        #[command(subcommand)]
        verb: sync::SyncVerb,
    },
    /// 备份数据库到 FILE（FILE 不能已存在）；不给 FILE 则立即备份到 backups 文件夹；--list 列出备份
    Backup {
        file: Option<PathBuf>,
        /// 列出 backups 文件夹中的备份
        #[arg(long)]
        list: bool,
    },
    /// 从备份文件恢复（先检查该文件，并把当前数据备份为 …-before-restore.db）
    Restore { file: PathBuf },
    /// 完整性检查（integrity_check + foreign_key_check + 操作日志防篡改链）；发现问题时退出码为 1
    Check,
    /// 操作日志：list [--operator 姓名] [--action 动作] [--entity 对象] [--from 日期] [--to 日期] | export --out FILE | verify
    Audit {
        #[command(subcommand)]
        verb: audit::AuditVerb,
    },
    /// 绩效管理工作考核：run --year Y [--kind 部门|乡镇] | finalize --year Y | export FILE --year Y
    Assess {
        #[command(subcommand)]
        verb: assess::AssessVerb,
    },
    /// 工作台：当前账号（--user）的待办事项、逾期和即将到期的数量
    Todo {
        /// 年度进度所属年度（默认今年）
        #[arg(long)]
        year: Option<i32>,
    },
    /// 性能基准：在临时数据库中生成项目和指标并测量查询耗时
    Bench {
        #[arg(long, default_value_t = 10_000)]
        projects: u32,
        /// 指标库的指标总数（含内置指标）
        #[arg(long, default_value_t = 5_000)]
        indicators: u32,
        /// 崩溃测试的强制终止次数（需要与本程序同目录的 crash_writer）
        #[arg(long, default_value_t = 1_000)]
        kills: u32,
        /// 不做崩溃测试
        #[arg(long)]
        skip_kills: bool,
        /// 只测数据交换（100 个数据包 × 1,000 条变更的导入）
        #[arg(long)]
        sync_only: bool,
        /// 只测恶意文件（60 MB 工作簿、压缩炸弹数据包）的拒绝用时与峰值内存
        #[arg(long)]
        hostile_only: bool,
        /// 只测统计分析（年度总览、与 sqlite3 命令行的对比、年度报告 .docx），--projects 为已批复并监控的项目数
        #[arg(long)]
        reports_only: bool,
    },
    /// 智能审核：targets --year Y（目标审核发现）
    Review {
        #[command(subcommand)]
        verb: review::ReviewVerb,
    },
    /// 疑点：list --year Y（疑点清单）
    Risks {
        #[command(subcommand)]
        verb: review::RisksVerb,
    },
    /// 推荐指标：indicators --project 项目编码 --year Y
    Suggest {
        #[command(subcommand)]
        verb: review::SuggestVerb,
    },
    /// 统计分析：year --year Y（年度总览：各环节数字、按预算类型、与上年比较；金额为分，比率为基点）
    Stats {
        #[command(subcommand)]
        verb: reports::StatsVerb,
    },
    /// 年度工作报告：annual --year Y --out FILE.docx|FILE.pdf | texts --year Y [--set FILE.json]
    Report {
        #[command(subcommand)]
        verb: reports::ReportVerb,
    },
    /// 全局搜索：项目编码/名称、单位、绩效目标、文号、整改事项（同界面 Ctrl+K）
    Search { text: String },
    /// 说明与使用手册：--screen 页面（exante、monitoring、self …）显示该页说明；--out 文件.pdf 生成使用手册
    Manual {
        #[arg(long)]
        screen: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 政策：list [--year Y] | import FILE | export FILE [--year Y]
    Policies {
        #[command(subcommand)]
        verb: policy::PolicyVerb,
    },
    /// 全周期跟踪问效：list [--year Y] [--kind 项目|政策]
    Cycle {
        #[command(subcommand)]
        verb: cycle::CycleVerb,
    },
    /// 成本预算绩效分析：fields | import FILE --field F --year Y | export FILE --field F --year Y | analyse --field F --year Y | adopt --field F --year Y --basis 中位数|P25|P75|自定 [--yuan 元] | standards FILE --year Y
    Cost {
        #[command(subcommand)]
        verb: cost::CostVerb,
    },
}

#[derive(Subcommand)]
enum UnitVerb {
    List,
    Import { file: PathBuf },
    Export { file: PathBuf },
}

#[derive(Subcommand)]
enum ProjectVerb {
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    Import {
        file: PathBuf,
    },
    Export {
        file: PathBuf,
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Subcommand)]
enum LibraryVerb {
    Import {
        file: PathBuf,
    },
    Export {
        file: PathBuf,
    },
    /// 分类、指标、核心指标、案例的数量
    Stats,
}

#[derive(Subcommand)]
enum ExanteVerb {
    /// 年度事前评估统计（已评估数、各结论数、申报/审定金额、审减率）
    Stats {
        #[arg(long)]
        year: i32,
    },
    /// 导出年度事前评估清单（.xlsx）
    Export {
        file: PathBuf,
        #[arg(long)]
        year: i32,
    },
}

#[derive(Subcommand)]
enum RulesVerb {
    Show,
}

fn main() {
    let cli = Cli::parse();
    auth::set_user(cli.user.clone());
    let out = Out { json: cli.json };
    if let Err(e) = run(cli, &out) {
        eprintln!("错误：{e}");
        std::process::exit(1);
    }
}

fn backup_cmd(
    db: &Db,
    path: &std::path::Path,
    file: Option<PathBuf>,
    list: bool,
    out: &Out,
) -> jixiao_core::Result<()> {
    if list {
        let files = backup::list_backups(path)?;
        if out.json {
            return out.value(&files, "");
        }
        say!("备份文件夹：{}", backup::auto_backup_dir(path).display());
        for f in &files {
            say!("{}\t{}\t{} 字节", f.name, f.time, f.size);
        }
        say!("共 {} 份备份", files.len());
        return Ok(());
    }
    // A refused destination leaves the database as it was: checked before signing in (which is
    // recorded).
    if let Some(f) = &file {
        jixiao_core::db::guard::check_destination(f)?;
    }
    db.authorize(&actor(db)?, access::Perm::SystemMaintain)?;
    let file = match file {
        Some(f) => {
            backup::manual_backup(db, &f)?;
            f
        }
        None => backup::auto_backup(db, BackupReason::Manual)?
            .ok_or_else(|| jixiao_core::Error::File("未能生成备份".into()))?,
    };
    out.value(
        &serde_json::json!({ "backup": file.display().to_string() }),
        &format!("已备份到 {}", file.display()),
    )
}

pub(crate) use auth::actor;

/// `--admin NAME`: the first 系统管理员, password from `JIXIAO_PASSWORD`.
fn first_admin(db: &Db, admin: Option<&str>) -> jixiao_core::Result<Option<String>> {
    let Some(login) = admin else { return Ok(None) };
    if let Some(a) = db.read(|c| access::accounts::find_by_login(c, login))? {
        return Ok(Some(a.login));
    }
    let password = auth::secret("JIXIAO_PASSWORD", &format!("{login} 的密码："))?;
    let made = access::login::setup_admin(db, login, "系统管理员", "信息股", &password)?;
    eprintln!(
        "已创建系统管理员 {}。恢复码（只显示这一次，请抄写并妥善保管）：{}",
        made.account.login, made.recovery_code
    );
    Ok(Some(made.account.login))
}

fn run(cli: Cli, out: &Out) -> jixiao_core::Result<()> {
    if let Command::Bench {
        projects,
        indicators,
        kills,
        skip_kills,
        sync_only,
        hostile_only,
        reports_only,
    } = cli.command
    {
        if reports_only {
            return bench::run_reports_only(projects, out);
        }
        if sync_only {
            return bench::run_sync_only(out);
        }
        if hostile_only {
            return bench::run_hostile_only(out);
        }
        return bench::run(projects, indicators, (!skip_kills).then_some(kills), out);
    }
    if let Command::Template { kind, file } = &cli.command {
        // Templates need no database.
        let sheet = match kind.as_str() {
            "units" | "单位" => exchange::Sheet::Units,
            "projects" | "项目" => exchange::Sheet::Projects,
            other => {
                return Err(jixiao_core::Error::invalid(
                    "KIND",
                    format!("『{other}』不是导入模板的种类，可选：units（单位）、projects（项目）"),
                ))
            }
        };
        exchange::write_template(sheet, file)?;
        return out.value(
            &serde_json::json!({ "template": kind, "file": file.display().to_string() }),
            &format!("已生成导入模板：{}", file.display()),
        );
    }
    let path = cli.db.unwrap_or_else(default_db_path);
    let db = Db::open(&path)?;
    match cli.command {
        Command::Init {
            admin,
            join: Some(file),
        } => {
            // The reference data (with the 指标库) comes from the bureau: no shipped library here.
            let joined = jixiao_core::sync::enrol::join(&db, &file)?;
            let admin = first_admin(&db, admin.as_deref())?;
            out.value(
                &serde_json::json!({ "db": path.display().to_string(), "joined": joined, "admin": admin }),
                &format!(
                    "已用入网文件加入：本机为{}（{}，{}），由{}发放，收到 {} 条数据。数据库：{}",
                    joined.name,
                    joined.kind,
                    joined.unit_code,
                    joined.bureau_name,
                    joined.applied,
                    path.display()
                ),
            )
        }
        Command::Init { admin, join: None } => {
            let admin = first_admin(&db, admin.as_deref())?;
            // A new database starts with the shipped 指标库 (nothing happens if it has one).
            let lib = db.write(&Actor::system("初始化"), library::install_starter)?;
            out.value(
                &serde_json::json!({ "db": path.display().to_string(), "schema_version": db.check()?.schema_version, "library_installed": lib.installed, "admin": admin }),
                &format!("数据库已就绪：{}", path.display()),
            )
        }
        Command::Demo { seed, admin } => {
            let password = match &admin {
                Some(_) => Some(auth::secret("JIXIAO_PASSWORD", "示例账号的密码：")?),
                None => None,
            };
            let mut recovery = None;
            let s = db.write(&Actor::system("示例县"), |ctx| {
                // The library first: the demo's 绩效目标 draw their indicators from it.
                library::install_starter(ctx)?;
                let s = demo::generate_in(ctx, seed)?;
                if let (Some(login), Some(p)) = (&admin, &password) {
                    if access::accounts::find_by_login(ctx, login)?.is_none() {
                        let made =
                            access::login::create_admin(ctx, login, "系统管理员", "信息股", p)?;
                        recovery = Some(made.recovery_code);
                    }
                    jixiao_core::system::demo_accounts(ctx, p)?;
                }
                Ok(s)
            })?;
            if let Some(code) = recovery {
                eprintln!("已创建系统管理员及各角色示例账号。恢复码（只显示这一次）：{code}");
            }
            out.value(
                &s,
                &format!(
                    "已载入示例县：{} 个单位（其中乡镇 {} 个、第三方机构 {} 个），{} 个项目，年度 {:?}，调整后预算合计 {} 万元",
                    s.units, s.townships, s.third_parties, s.projects, s.years, s.total_adjusted.wan_2dp()
                ),
            )
        }
        Command::Units { verb } => match verb {
            UnitVerb::List => out.units(&db.read(org::list_units)?),
            UnitVerb::Import { file } => {
                out.import(&exchange::import_units(&db, &actor(&db)?, &file)?)
            }
            UnitVerb::Export { file } => {
                let n = db.read(|c| exchange::export_units(c, &file))?;
                out.exported(n, &file)
            }
        },
        Command::Projects { verb } => match verb {
            ProjectVerb::List { year } => {
                let q = ProjectQuery {
                    year,
                    ..Default::default()
                };
                out.projects(&db.read(|c| projects::list_projects(c, &q))?)
            }
            ProjectVerb::Import { file } => {
                out.import(&exchange::import_projects(&db, &actor(&db)?, &file)?)
            }
            ProjectVerb::Export { file, year } => {
                let n = db.read(|c| exchange::export_projects(c, &file, year))?;
                out.exported(n, &file)
            }
        },
        Command::Targets { verb } => targets::run(&db, verb, out),
        Command::Monitoring { verb } => monitoring::run(&db, verb, out),
        Command::Evaluation { verb } => evaluation::run(&db, verb, out),
        Command::Print { verb } => print::run(&db, verb, out),
        Command::Assess { verb } => assess::run(&db, verb, out),
        Command::Todo { year } => assess::todo(&db, year, out),
        Command::Results { verb } => results::run(&db, verb, out),
        Command::Library { verb } => match verb {
            LibraryVerb::Import { file } => out.import(&library::import(&db, &actor(&db)?, &file)?),
            LibraryVerb::Export { file } => {
                let n = db.read(|c| library::export(c, &file))?;
                out.exported(n, &file)
            }
            LibraryVerb::Stats => {
                let s = db.read(library::stats)?;
                out.value(
                    &s,
                    &format!(
                        "指标库：{} 个分类，{} 个指标（其中核心指标 {} 个），{} 个案例",
                        s.categories, s.indicators, s.core, s.cases
                    ),
                )
            }
        },
        Command::Exante { verb } => match verb {
            ExanteVerb::Stats { year } => {
                out.exante_stats(year, &db.read(|c| exante::stats(c, year))?)
            }
            ExanteVerb::Export { file, year } => {
                let n = db.read(|c| exante::export(c, &file, year))?;
                out.exported(n, &file)
            }
        },
        Command::Rules {
            verb: RulesVerb::Show,
        } => {
            let r = db.read(rules::current)?;
            out.value(&r, &serde_json::to_string_pretty(&r)?)
        }
        Command::Users { verb } => users::run(&db, verb, out),
        Command::Site { verb } => sync::run_site(&db, verb, out),
        Command::Sync { verb } => sync::run(&db, verb, out),
        Command::Backup { file, list } => backup_cmd(&db, &path, file, list, out),
        Command::Restore { file } => {
            let r = backup::restore(&db, &actor(&db)?, &file)?;
            out.value(
                &r,
                &format!(
                    "已从 {} 恢复数据（数据库版本 {} → {}）；恢复前的数据已备份到 {}",
                    r.from, r.from_version, r.schema_version, r.before_restore
                ),
            )
        }
        Command::Check => {
            let r = db.check()?;
            let mut problems: Vec<String> = Vec::new();
            if r.integrity != ["ok"] {
                problems.push(format!("完整性检查：{}", r.integrity.join("；")));
            }
            problems.extend(r.foreign_key_problems.iter().cloned());
            if !r.audit_chain.ok {
                problems.push(r.audit_chain.message.clone());
            }
            let text = if r.ok {
                format!(
                    "检查通过：数据库完整，外键一致，{}。",
                    r.audit_chain.message
                )
            } else {
                format!("检查发现问题：\n{}", problems.join("\n"))
            };
            out.value(&r, &text)?;
            if r.ok {
                Ok(())
            } else {
                Err(jixiao_core::Error::Conflict(format!(
                    "数据库检查未通过：{}",
                    problems.join("；")
                )))
            }
        }
        Command::Audit { verb } => audit::run(&db, verb, out),
        Command::Review { verb } => review::run(&db, verb, out),
        Command::Risks { verb } => review::run_risks(&db, verb, out),
        Command::Suggest { verb } => review::run_suggest(&db, verb, out),
        Command::Stats { verb } => reports::run_stats(&db, verb, out),
        Command::Report { verb } => reports::run_report(&db, verb, out),
        Command::Search { text } => search::run(&db, &text, out),
        Command::Manual { screen, out: file } => {
            manual::run(&db, screen.as_deref(), file.as_deref(), out)
        }
        Command::Policies { verb } => policy::run(&db, verb, out),
        Command::Cycle { verb } => cycle::run(&db, verb, out),
        Command::Cost { verb } => cost::run(&db, verb, out),
        Command::Bench { .. } | Command::Template { .. } => Ok(()),
    }
}
