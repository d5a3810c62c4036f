//! A small WebDriver session helper: starts tauri-driver with the app, waits, clicks, types,
//! screenshots, and stops the driver with SIGTERM (SIGKILL would leave WebKitWebDriver running).

// Each test binary compiles this module; not every scenario needs every helper.
#![allow(dead_code)]

pub mod county;

use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Session {
    client: Client,
    driver: Child,
    shots: PathBuf,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The password of every E2E account.
pub const PASSWORD: &str = "Jixiao2026";

/// The accounts of a prepared database: the 系统管理员 `admin`, 王晓梅 `wangxm` (绩效管理) and
/// 李四 `lisi` (业务股室, the A类 复核人). Returns 王晓梅, who prepares the base data.
pub fn accounts(db: &jixiao_core::db::Db) -> jixiao_core::access::Actor {
    use jixiao_core::access::{accounts, login, AccountInput, Role};
    login::setup_admin(db, "admin", "管理员", "信息股", PASSWORD).expect("admin");
    let (admin, _) = login::login(db, "admin", PASSWORD).expect("admin login");
    for (l, name, role) in [
        ("wangxm", "王晓梅", Role::PerfMgmt),
        ("lisi", "李四", Role::BizDept),
    ] {
        db.write(&admin, |ctx| {
            accounts::create(
                ctx,
                &AccountInput {
                    login: l.into(),
                    name: name.into(),
                    dept: "绩效股".into(),
                    roles: vec![role],
                    unit: None,
                },
                PASSWORD,
            )
        })
        .expect("account");
        // A first password must be changed at the first login; these are ready to use.
        db.write(&admin, |ctx| {
            ctx.execute("UPDATE account SET must_change = 0 WHERE login = ?1", [l])?;
            Ok(())
        })
        .expect("ready");
    }
    login::login(db, "wangxm", PASSWORD).expect("login").0
}

/// Adds a 单位填报 account for `unit` (code), ready to use.
pub fn unit_filler(db: &jixiao_core::db::Db, login: &str, name: &str, unit: &str) {
    use jixiao_core::access::{accounts, login as signin, AccountInput, Role};
    let (admin, _) = signin::login(db, "admin", PASSWORD).expect("admin login");
    db.write(&admin, |ctx| {
        accounts::create(
            ctx,
            &AccountInput {
                login: login.into(),
                name: name.into(),
                dept: String::new(),
                roles: vec![Role::UnitFiller],
                unit: Some(unit.into()),
            },
            PASSWORD,
        )?;
        ctx.execute(
            "UPDATE account SET must_change = 0 WHERE login = ?1",
            [login],
        )?;
        Ok(())
    })
    .expect("unit filler");
}

impl Session {
    /// Signs in on the login screen and waits for the menu.
    pub async fn login(&self, login: &str, password: &str) {
        self.type_into("[data-testid=login-name] input", login)
            .await;
        self.type_into("[data-testid=login-password] input", password)
            .await;
        self.click("[data-testid=login-submit]").await;
        self.wait_css("[data-testid=user-menu]").await;
    }

    /// Signs in and waits for `css` (e.g. the forced 修改密码 form).
    pub async fn login_until(&self, login: &str, password: &str, css: &str) {
        self.type_into("[data-testid=login-name] input", login)
            .await;
        self.type_into("[data-testid=login-password] input", password)
            .await;
        self.click("[data-testid=login-submit]").await;
        self.wait_css(css).await;
    }

    /// 退出登录 from the header's user menu, back to the login screen.
    pub async fn logout(&self) {
        self.click("[data-testid=logout]").await;
        self.wait_css("[data-testid=login-submit]").await;
    }

    pub async fn start(db_path: &Path) -> Session {
        let root = workspace_root();
        let app = std::env::var_os("JIXIAO_APP")
            .map(|p| root.join(p)) // a relative path is taken from the workspace root
            .unwrap_or_else(|| root.join("target/release/jixiao"));
        let app = app.canonicalize().unwrap_or_else(|_| {
            panic!(
                "找不到应用程序 {}：请先构建（.ci/run 会构建）",
                app.display()
            )
        });
        let shots = root.join("artifacts/e2e");
        std::fs::create_dir_all(&shots).expect("artifacts dir");
        let log = std::fs::File::create(shots.join("tauri-driver.log")).expect("driver log");
        if std::net::TcpStream::connect("127.0.0.1:4444").is_ok() {
            panic!("端口 4444 已被占用（可能是上次残留的 tauri-driver），请先结束它：pkill -TERM tauri-driver");
        }
        let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
        let driver = Command::new(&driver_bin)
            .env("JIXIAO_DB", db_path)
            .stdout(Stdio::from(log.try_clone().expect("log")))
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap_or_else(|e| panic!("无法启动 {driver_bin}：{e}"));

        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app.to_string_lossy() }),
        );
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::rustls()
                .expect("tls")
                .capabilities(caps.clone())
                .connect("http://127.0.0.1:4444")
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < Duration::from_secs(30) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => panic!("连接 tauri-driver 失败：{e}"),
            }
        };
        Session {
            client,
            driver,
            shots,
        }
    }

    pub async fn wait_css(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("等待元素 {css} 超时：{e}"))
    }

    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            let el = self.wait_css(css).await;
            match el.click().await {
                Ok(()) => return,
                // Dialog animations can make an element briefly unclickable.
                Err(e) if started.elapsed() < TIMEOUT => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("点击 {css} 失败：{e}"),
            }
        }
    }

    /// Enters `text` into an input and waits until it holds exactly that. The value is set with an
    /// `input` event (what an IME commit does): WebKitWebDriver delivers synthesized keystrokes
    /// late under load (measured: lost and spilled characters), which made the test flaky.
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_css(css).await;
        self.set_value(css, text).await;
        let started = Instant::now();
        while started.elapsed() < TIMEOUT {
            let value = el.prop("value").await.ok().flatten().unwrap_or_default();
            if value == text {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.shot("failure").await;
        panic!("{css} 未能输入『{text}』");
    }

    async fn text_of(&self, css: &str) -> String {
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                vec![css.into()],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    async fn set_value(&self, css: &str, text: &str) {
        self.client
            .execute(
                "const e = document.querySelector(arguments[0]); e.focus(); e.value = arguments[1];
                 e.dispatchEvent(new Event('input', { bubbles: true }));
                 e.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![css.into(), text.into()],
            )
            .await
            .unwrap_or_else(|e| panic!("在 {css} 输入失败：{e}"));
    }

    /// Waits until the element's text contains `needle`. Reads `textContent`: WebKitWebDriver's
    /// visible-text algorithm drops the labels of Element Plus tree nodes.
    pub async fn wait_text(&self, css: &str, needle: &str) {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < TIMEOUT {
            if let Ok(v) = self
                .client
                .execute(
                    "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                    vec![css.into()],
                )
                .await
            {
                last = v.as_str().unwrap_or_default().to_string();
                if last.contains(needle) {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.shot("failure").await;
        let last: String = last.chars().take(400).collect();
        panic!("{css} 中没有出现『{needle}』；实际内容：{last}");
    }

    /// Opens an Element Plus select and clicks the visible option whose text contains `label`
    /// (re-opening the dropdown if it closed before the option could be clicked).
    pub async fn choose_option(&self, select_css: &str, label: &str) {
        let started = Instant::now();
        while started.elapsed() < TIMEOUT {
            // Open the list unless it is open already (a second click would close it).
            let open = self
                .js(
                    "const i = document.querySelector(arguments[0] + ' input'); \
                     return !!i && i.getAttribute('aria-expanded') === 'true'",
                    vec![select_css.into()],
                )
                .await;
            if open != serde_json::Value::Bool(true) {
                self.click(select_css).await;
            }
            // The items fade in (opacity 0 → 1); on a busy screen under load that takes longer
            // than any fixed pause, so wait for the labelled one to be shown.
            let shown = Instant::now();
            'wait: while shown.elapsed() < Duration::from_secs(8) {
                for opt in self
                    .client
                    .find_all(Locator::Css(".el-select-dropdown__item"))
                    .await
                    .unwrap_or_default()
                {
                    let visible = opt.is_displayed().await.unwrap_or(false);
                    if visible
                        && opt.text().await.unwrap_or_default().contains(label)
                        && opt.click().await.is_ok()
                    {
                        break 'wait;
                    }
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            // Done only when the select itself shows the choice.
            tokio::time::sleep(Duration::from_millis(300)).await;
            if self.text_of(select_css).await.contains(label) {
                return;
            }
        }
        self.shot("failure").await;
        panic!("下拉框 {select_css} 中没有可选的『{label}』");
    }

    /// Runs `script` in the page and returns its value (null when it fails).
    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or(serde_json::Value::Null)
    }

    /// Moves the mouse onto the centre of the element, as a user hovering it (WebDriver pointer
    /// actions); returns false when the driver refused the move.
    pub async fn hover(&self, css: &str) -> bool {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let element = self.wait_css(css).await;
        let actions = MouseActions::new("mouse".to_string()).then(PointerAction::MoveToElement {
            element,
            duration: Some(Duration::from_millis(100)),
            x: 0.0,
            y: 0.0,
        });
        self.client.perform_actions(actions).await.is_ok()
    }

    pub async fn shot(&self, name: &str) {
        // Let transitions settle so the picture shows what a user sees.
        tokio::time::sleep(Duration::from_millis(400)).await;
        if let Ok(png) = self.client.screenshot().await {
            let path = self.shots.join(format!("{name}.png"));
            std::fs::write(&path, png).expect("write screenshot");
            println!("截图：{}", path.display());
        }
    }

    /// Sets the window to `width`×`height` (WebDriver), e.g. 1280×800, and waits for the layout.
    pub async fn resize(&self, width: u32, height: u32) {
        let _ = self.client.set_window_size(width, height).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    pub async fn stop(self) {
        let _ = self.client.clone().close().await;
        // Drop stops the driver.
    }
}

impl Drop for Session {
    /// Also runs when a step panics, so a failed test never leaves a driver holding port 4444.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.driver.kill();
    }
}
