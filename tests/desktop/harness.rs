//! The desktop app in a real window: an X server of its own (Xvfb), the app
//! started by tauri-driver (which runs WebKitWebDriver), and a WebDriver client
//! on it. Native GTK dialogs are outside the webview, so they are driven as a
//! user drives them, with the keyboard (xdotool).
//!
//! Needs on PATH (scripts/test.sh installs them): Xvfb, xdotool, WebKitWebDriver
//! (Debian's webkit2gtk-driver), and tauri-driver (cargo install, into
//! .tools/cargo/bin, which is searched too).

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::support;

/// How long the UI gets to show what a step should produce.
const PATIENCE: Duration = Duration::from_secs(20);

/// Folders that outlive one run of the app, as a user's home does: a second
/// run finds what the first left (recent files, recovery copies).
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        Home { dir: tempfile::tempdir().expect("a temporary home") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The recovery copies the app keeps (XDG data home / app identifier).
    pub fn recovery_copies(&self) -> usize {
        let dir = self.path("data/dev.tablewright.desktop/recovery");
        std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
    }
}

/// An X server of the app's own, ended with it.
struct Display {
    name: String,
    server: Child,
}

impl Display {
    fn start() -> Display {
        for n in 90..190 {
            let lock = PathBuf::from(format!("/tmp/.X{n}-lock"));
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{n}"));
            if held(&lock) {
                continue;
            }
            // A server killed outright leaves its lock and socket behind; the
            // socket must go, or it would seem to be the new server's at once.
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(&socket);
            let name = format!(":{n}");
            let mut server = Command::new("Xvfb")
                .args([name.as_str(), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb runs (apt-get install xvfb)");
            if wait_until(Duration::from_secs(10), || socket.exists()) {
                return Display { name, server };
            }
            // Another server took the number first: try the next.
            let _ = server.kill();
            let _ = server.wait();
        }
        panic!("no free X display between :90 and :189");
    }
}

/// Whether an X server that is still running holds `lock` (it holds its pid).
fn held(lock: &Path) -> bool {
    std::fs::read_to_string(lock)
        .ok()
        .and_then(|pid| pid.trim().parse::<u32>().ok())
        .is_some_and(|pid| Path::new(&format!("/proc/{pid}")).exists())
}

impl Drop for Display {
    fn drop(&mut self) {
        // SIGTERM, so that Xvfb removes its lock and socket as it ends.
        let pid = i32::try_from(self.server.id()).expect("a pid");
        // SAFETY: kill(2) on our own child's pid, which wait() has not reaped yet.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let _ = self.server.wait();
    }
}

pub struct Desktop {
    pub client: Client,
    driver: Child,
    display: Display,
    /// Where a failure leaves the window, the page and its console log.
    evidence: PathBuf,
    /// The user actions so far: see `actions`.
    actions: AtomicUsize,
}

/// A point in the window's viewport, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    pub x: f64,
    pub y: f64,
}

/// Records the page's console and uncaught errors from the moment the test
/// connects, so that a failure can show what the page said.
const CONSOLE_RECORDER: &str = r#"
if (!window.__testConsole) {
  window.__testConsole = [];
  const keep = (level, parts) => {
    window.__testConsole.push(`${new Date().toISOString()} ${level}: ${parts.map(String).join(" ")}`);
    if (window.__testConsole.length > 500) window.__testConsole.shift();
  };
  for (const level of ["log", "info", "warn", "error"]) {
    const original = console[level].bind(console);
    console[level] = (...parts) => { keep(level, parts); original(...parts); };
  }
  window.addEventListener("error", (e) => keep("uncaught", [e.message, `${e.filename}:${e.lineno}`]));
  window.addEventListener("unhandledrejection", (e) => keep("unhandled rejection", [e.reason]));
}
"#;

/// Where `arguments[0]` (a CSS selector) could be clicked by a user now: the
/// element's centre, if the element is there, has a size, lies inside the
/// window and is not covered by another element. Otherwise why not (and, when
/// its scrolling container's scroll bar covers it, it is scrolled further in
/// for the next look).
const SPOT_OF: &str = r#"
const el = document.querySelector(arguments[0]);
if (!el) return { why: "it is not in the page" };
el.scrollIntoView({ block: "nearest", inline: "nearest" });
const r = el.getBoundingClientRect();
if (r.width < 1 || r.height < 1) return { why: "it has no size yet" };
const x = r.left + r.width / 2, y = r.top + r.height / 2;
if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) {
  return { why: `its centre (${Math.round(x)}, ${Math.round(y)}) is outside the window` };
}
const top = document.elementFromPoint(x, y);
if (top !== el && !el.contains(top) && top !== null && top.contains(el)) {
  // Its own scrolling container covers it: scrolled to the container's edge, it
  // lies under the container's scroll bar. A user scrolls it further in.
  el.scrollIntoView({ block: "center", inline: "nearest" });
  return { why: "it is at its scrolling container's edge, under the scroll bar" };
}
if (top !== el && !el.contains(top)) {
  const what = top ? `${top.tagName.toLowerCase()}${top.className ? "." + String(top.className).split(" ").join(".") : ""}` : "nothing";
  return { why: `it is covered by ${what}` };
}
return { x, y };
"#;

/// Whether the element with the cursor matches `arguments[0]`.
const IS_FOCUSED: &str = "return document.activeElement !== null && document.activeElement.matches(arguments[0]);";

/// What the line scripts below start from: the line of relationship
/// `arguments[0]`, entity `arguments[1]`'s box on screen, and `at(s)`, the
/// line's point `s` pixels along it, on screen.
const LINE_AND_BOX: &str = r#"
const path = document.querySelector(`.react-flow__edge[data-id="${arguments[0]}"] path.react-flow__edge-path`);
const node = document.querySelector(`[data-testid="entity-${arguments[1]}"]`);
if (!path || !node) throw new Error("no such line or entity");
const box = node.getBoundingClientRect();
const m = path.getScreenCTM();
const at = (s) => {
  const p = path.getPointAtLength(s);
  return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
};
"#;

/// Whether the line passes over the entity's box.
const LINE_CROSSES: &str = r#"
for (let s = 0; s <= path.getTotalLength(); s += 2) {
  const { x, y } = at(s);
  if (x > box.left && x < box.right && y > box.top && y < box.bottom) return true;
}
return false;
"#;

/// How far, in pixels, the line starts from the entity's box (0 on or inside it).
const LINE_START_DISTANCE: &str = r#"
const { x, y } = at(0);
return Math.hypot(Math.max(box.left - x, 0, x - box.right), Math.max(box.top - y, 0, y - box.bottom));
"#;

impl Desktop {
    /// Starts the app with `args` (a model file to open), its folders in `home`.
    pub async fn launch(home: &Home, args: &[&str]) -> Desktop {
        Desktop::start(home, args, None).await
    }

    /// The same, its Prove view pointed at the DynamoDB at `endpoint`, as
    /// scripts/run.sh points it at the DynamoDB Local it starts.
    pub async fn launch_proving_at(home: &Home, args: &[&str], endpoint: &str) -> Desktop {
        Desktop::start(home, args, Some(endpoint)).await
    }

    async fn start(home: &Home, args: &[&str], endpoint: Option<&str>) -> Desktop {
        let display = Display::start();
        // A port found free may be taken again before WebKitWebDriver binds it
        // (an outgoing connection's ephemeral port): that driver never answers,
        // so a start that does not answer in time is retried on fresh ports.
        let mut failures = Vec::new();
        let (client, driver) = loop {
            match Desktop::drive(home, args, endpoint, &display).await {
                Ok(started) => break started,
                Err(why) if failures.len() < 2 => failures.push(why),
                Err(why) => panic!("the app did not start under tauri-driver, three times: {failures:?}, {why}"),
            }
        };
        let evidence = evidence_dir();
        let desktop = Desktop { client, driver, display, evidence, actions: AtomicUsize::new(0) };
        desktop.find("[data-testid=status-file]").await;
        if let Err(e) = desktop.client.execute(CONSOLE_RECORDER, vec![]).await {
            desktop.fail(&format!("recording the page's console: {e}")).await;
        }
        desktop
    }

    /// tauri-driver on fresh ports, and a WebDriver session with the app;
    /// the driver's process group ended again when none starts in time.
    async fn drive(
        home: &Home,
        args: &[&str],
        endpoint: Option<&str>,
        display: &Display,
    ) -> Result<(Client, Child), String> {
        let app = app_binary();
        let port = free_port();
        let native_port = free_port();
        // A process group of its own: tauri-driver starts WebKitWebDriver, which
        // starts the app, and ending the group ends them all. A D-Bus session of
        // its own, as a desktop login has, ended with it: GTK's services (the
        // file chooser's, accessibility's) start on it and go with it.
        let mut driver = Command::new("dbus-run-session");
        if let Some(endpoint) = endpoint {
            driver.env("TABLEWRIGHT_DYNAMODB_ENDPOINT", endpoint);
        }
        let mut driver = driver
            .arg("--")
            .arg(tauri_driver())
            .process_group(0)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display.name)
            .env("XDG_DATA_HOME", home.path("data"))
            .env("XDG_CONFIG_HOME", home.path("config"))
            .env("XDG_CACHE_HOME", home.path("cache"))
            .env("HOME", home.dir.path())
            // No accessibility bus under Xvfb: keep GTK from looking for one.
            .env("NO_AT_BRIDGE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver runs");
        let url = format!("http://127.0.0.1:{port}");
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app, "args": args },
        });
        let capabilities = caps.as_object().unwrap().clone();
        let started = Instant::now();
        loop {
            // Two rustls providers are compiled in (see tests/Cargo.toml); a
            // second install in the same process is refused, which is fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
            let mut builder = ClientBuilder::rustls().expect("TLS roots");
            builder.capabilities(capabilities.clone());
            match tokio::time::timeout(PATIENCE, builder.connect(&url)).await {
                Ok(Ok(client)) => return Ok((client, driver)),
                failed if started.elapsed() > PATIENCE => {
                    end_group(&mut driver);
                    return Err(format!("ports {port}/{native_port}: {failed:?}"));
                }
                _ => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        }
    }

    /// The element `css` matches, once it is there.
    pub async fn find(&self, css: &str) -> Element {
        self.located(Locator::Css(css), css).await
    }

    pub async fn find_xpath(&self, xpath: &str) -> Element {
        self.located(Locator::XPath(xpath), xpath).await
    }

    /// Waits for an element; when it never comes, the window as it was is
    /// saved beside the test's other output, to see why.
    async fn located(&self, locator: Locator<'_>, what: &str) -> Element {
        match self.client.wait().at_most(PATIENCE).for_element(locator).await {
            Ok(element) => element,
            Err(e) => self.fail(&format!("{what} did not appear: {e}")).await,
        }
    }

    /// Fails the test, leaving the evidence to understand why without running
    /// it again: the window as it was, the page's HTML and its console log.
    pub async fn fail(&self, why: &str) -> ! {
        let _ = std::fs::create_dir_all(&self.evidence);
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(self.evidence.join("page.png"), png);
        }
        if let Ok(html) = self.client.source().await {
            let _ = std::fs::write(self.evidence.join("page.html"), html);
        }
        let console = self.client.execute("return (window.__testConsole || []).join('\\n')", vec![]).await;
        if let Ok(Value::String(log)) = console {
            let _ = std::fs::write(self.evidence.join("console.log"), log);
        }
        self.screen_picture(&self.evidence.join("screen.png"));
        panic!("{why}\n(the window, page and console then: {})", self.evidence.display());
    }

    /// The whole X screen into `path`, native dialogs included; needs no WebDriver.
    fn screen_picture(&self, path: &Path) {
        let _ = Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", &self.display.name)
            .stderr(Stdio::null())
            .status();
    }

    /// Waits until a user could click `css`: it is rendered, laid out, inside
    /// the window, not covered, and has stopped moving (the same place in two
    /// looks a moment apart: the canvas animates when it fits or lays out).
    pub async fn spot(&self, css: &str) -> Spot {
        let started = Instant::now();
        let mut last: Option<Spot> = None;
        loop {
            let why = match self.client.execute(SPOT_OF, vec![json!(css)]).await {
                Ok(found) => match (found["x"].as_f64(), found["y"].as_f64()) {
                    (Some(x), Some(y)) => {
                        let spot = Spot { x, y };
                        if last == Some(spot) {
                            return spot;
                        }
                        last = Some(spot);
                        "it is still moving".to_string()
                    }
                    _ => found["why"].as_str().unwrap_or("no answer").to_string(),
                },
                Err(e) => format!("the page did not answer: {e}"),
            };
            if started.elapsed() > PATIENCE {
                self.fail(&format!("{css} never became clickable: {why}")).await;
            }
            tokio::time::sleep(Duration::from_millis(120)).await;
        }
    }

    /// How many actions a user would have taken for what the test did: a
    /// click, a drag, a key chord, a choice in a file dialog and typing into the
    /// field that has the cursor count one each; typing into another field three
    /// (click it, select its text, type), choosing in a list two (open, pick).
    pub fn actions(&self) -> usize {
        self.actions.load(Ordering::Relaxed)
    }

    fn acted(&self, count: usize) {
        self.actions.fetch_add(count, Ordering::Relaxed);
    }

    /// Clicks `css` once a user could: see `spot`.
    pub async fn click(&self, css: &str) {
        self.spot(css).await;
        self.acted(1);
        if let Err(e) = self.find(css).await.click().await {
            self.fail(&format!("clicking {css}: {e}")).await;
        }
    }

    /// Clicks the `tag` element (a button) whose text is `text`.
    pub async fn click_text(&self, tag: &str, text: &str) {
        let element = self.find_xpath(&format!("//{tag}[normalize-space()=\"{text}\"]")).await;
        self.acted(1);
        if let Err(e) = element.click().await {
            self.fail(&format!("clicking {tag} {text:?}: {e}")).await;
        }
    }

    /// Clicks `css`, which ends the app: the click's own answer may never come.
    pub async fn click_to_quit(&self, css: &str) {
        let _ = self.find(css).await.click().await;
    }

    /// Replaces the text of the field `css` as a user does (select all, type)
    /// and commits it with Enter.
    pub async fn type_into(&self, css: &str, text: &str) {
        self.click(css).await;
        self.acted(2);
        let field = self.find(css).await;
        let arg = serde_json::to_value(&field).expect("an element reference");
        if let Err(e) = self.client.execute("arguments[0].select()", vec![arg]).await {
            self.fail(&format!("selecting the text of {css}: {e}")).await;
        }
        if let Err(e) = field.send_keys(&format!("{text}{}", char::from(Key::Enter))).await {
            self.fail(&format!("typing into {css}: {e}")).await;
        }
    }

    /// Types `text` (with `\n` for Enter, `\t` for Tab) where the cursor is,
    /// once it is in the field `css`: the app put it there.
    pub async fn type_here(&self, css: &str, text: &str) {
        let started = Instant::now();
        while !self.client.execute(IS_FOCUSED, vec![json!(css)]).await.is_ok_and(|v| v == json!(true)) {
            if started.elapsed() > PATIENCE {
                self.fail(&format!("the cursor never came to {css}")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.acted(1);
        let keys =
            text.replace('\n', &char::from(Key::Enter).to_string()).replace('\t', &char::from(Key::Tab).to_string());
        let here = match self.client.active_element().await {
            Ok(element) => element,
            Err(e) => self.fail(&format!("finding the field with the cursor: {e}")).await,
        };
        if let Err(e) = here.send_keys(&keys).await {
            self.fail(&format!("typing into {css}: {e}")).await;
        }
    }

    /// Whether the line of relationship `edge` passes over entity `entity`'s box.
    pub async fn line_crosses(&self, edge: &str, entity: &str) -> bool {
        match self.line_and_box(LINE_CROSSES, edge, entity).await {
            Value::Bool(crosses) => crosses,
            other => self.fail(&format!("measuring {edge}'s line against {entity}: {other:?}")).await,
        }
    }

    /// How far the line of relationship `edge` starts from entity `entity`, in pixels.
    pub async fn line_start_distance(&self, edge: &str, entity: &str) -> f64 {
        match self.line_and_box(LINE_START_DISTANCE, edge, entity).await.as_f64() {
            Some(distance) => distance,
            None => self.fail(&format!("measuring where {edge}'s line starts against {entity}")).await,
        }
    }

    /// The answer of a line script (`LINE_AND_BOX` then `body`) on `edge` and `entity`.
    async fn line_and_box(&self, body: &str, edge: &str, entity: &str) -> Value {
        let script = format!("{LINE_AND_BOX}{body}");
        match self.client.execute(&script, vec![json!(edge), json!(entity)]).await {
            Ok(answer) => answer,
            Err(e) => self.fail(&format!("measuring {edge}'s line against {entity}: {e}")).await,
        }
    }

    /// Chooses `value` in the `<select>` `css`.
    pub async fn choose(&self, css: &str, value: &str) {
        self.spot(css).await;
        self.acted(2);
        if let Err(e) = self.find(css).await.select_by_value(value).await {
            self.fail(&format!("choosing {value} in {css}: {e}")).await;
        }
    }

    /// A CSS selector for the form control labelled `label` (by its `for`).
    async fn labelled(&self, label: &str) -> String {
        let xpath = format!("//label[normalize-space()='{label}']");
        let control = self.find_xpath(&xpath).await.attr("for").await;
        match control {
            Ok(Some(id)) => format!("[id=\"{id}\"]"),
            other => self.fail(&format!("the label {label:?} names no control: {other:?}")).await,
        }
    }

    /// Clicks the control labelled `label` (a checkbox, a button).
    pub async fn click_labelled(&self, label: &str) {
        let css = self.labelled(label).await;
        self.click(&css).await;
    }

    /// Chooses `value` in the `<select>` labelled `label`.
    pub async fn choose_labelled(&self, label: &str, value: &str) {
        let css = self.labelled(label).await;
        self.choose(&css, value).await;
    }

    /// Waits until `check` holds of the page's text content.
    pub async fn wait_for_text(&self, css: &str, check: impl Fn(&str) -> bool, what: &str) -> String {
        let started = Instant::now();
        loop {
            if let Ok(e) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = e.text().await {
                    if check(&text) {
                        return text;
                    }
                    if started.elapsed() > PATIENCE {
                        self.fail(&format!("{css} never {what}; it shows: {text}")).await;
                    }
                }
            } else if started.elapsed() > PATIENCE {
                self.fail(&format!("{css} never appeared ({what})")).await;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    pub async fn title(&self) -> String {
        self.client.title().await.expect("the page has a title")
    }

    pub async fn wait_for_title(&self, check: impl Fn(&str) -> bool, what: &str) -> String {
        let started = Instant::now();
        loop {
            let title = self.title().await;
            if check(&title) {
                return title;
            }
            if started.elapsed() > PATIENCE {
                self.fail(&format!("the title never {what}; it is {title:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Presses one key where the focus is: `press(Key::Right)`.
    pub async fn press(&self, key: Key) {
        self.acted(1);
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: char::from(key) })
            .then(KeyAction::Up { value: char::from(key) });
        self.client.perform_actions(keys).await.expect("the key is pressed");
    }

    /// Presses keys with a modifier held: `chord(Key::Control, 'z')`.
    pub async fn chord(&self, modifier: Key, key: char) {
        self.acted(1);
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: char::from(modifier) })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: char::from(modifier) });
        self.client.perform_actions(keys).await.expect("the keys are pressed");
    }

    /// Connects entity `from` to entity `to` as a user does: the pointer over
    /// `from` shows its edge handles, the drag starts on one that is not
    /// covered and ends on `to`'s body.
    pub async fn drag_to_connect(&self, from: &str, to: &str) {
        // Both in view first, as a user makes sure of with the canvas's Fit View.
        self.click(".react-flow__controls-fitview").await;
        let body = |name: &str| format!("[data-testid=entity-{name}] header");
        let origin = self.spot(&body(from)).await;
        self.pointer(MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
            duration: None,
            x: origin.x,
            y: origin.y,
        }))
        .await;
        let mut handle = None;
        for side in ["right", "bottom", "left", "top"] {
            let css = format!("[data-testid=entity-{from}] .react-flow__handle-{side}");
            if self.client.execute(SPOT_OF, vec![json!(css)]).await.is_ok_and(|f| f["x"].as_f64().is_some()) {
                handle = Some(css);
                break;
            }
        }
        let Some(handle) = handle else { self.fail(&format!("every edge handle of {from} is covered")).await };
        self.acted(1);
        let start = self.spot(&handle).await;
        let end = self.spot(&body(to)).await;
        let step = Some(Duration::from_millis(100));
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveTo { duration: None, x: start.x, y: start.y })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::MoveTo { duration: step, x: start.x + 20.0, y: start.y + 10.0 })
            .then(PointerAction::MoveTo { duration: step, x: (start.x + end.x) / 2.0, y: (start.y + end.y) / 2.0 })
            .then(PointerAction::MoveTo { duration: step, x: end.x, y: end.y })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.pointer(mouse).await;
    }

    async fn pointer(&self, actions: MouseActions) {
        if let Err(e) = self.client.perform_actions(actions).await {
            self.fail(&format!("the mouse moves: {e}")).await;
        }
        if let Err(e) = self.client.release_actions().await {
            self.fail(&format!("the mouse is released: {e}")).await;
        }
    }

    /// Answers a native file dialog titled `title` with `path`, typed as a user
    /// would (the name field of a save dialog; the location bar of an Open dialog).
    pub fn answer_file_dialog(&self, title: &str, path: &Path) {
        // Only mapped windows: GTK may keep a dialog it has closed, unmapped.
        let search = |name: &str| {
            Command::new("xdotool")
                .args(["search", "--onlyvisible", "--name", name])
                .env("DISPLAY", &self.display.name)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_string))
                .ok()
                .flatten()
        };
        let pattern = format!("^{title}$");
        let text = path.to_str().expect("a Unicode path");
        self.acted(1);
        // GTK gives no outside sign that a field is ready for typing: when the
        // dialog is still open after an answer, it did not take it, so answer again.
        for attempt in 1..=3 {
            let mut window = None;
            wait_until(PATIENCE, || {
                window = search(&pattern);
                window.is_some()
            });
            let Some(window) = window else {
                let shown = xdotool(&self.display.name, &["search", "--name", ".", "getwindowname", "%@"]);
                self.fail_now(&format!("no window titled {title:?}; the windows are: {shown:?}"));
            };
            xdotool(&self.display.name, &["windowfocus", "--sync", &window]);
            // A save dialog starts in its name field; an open dialog takes a path
            // in its location bar, which Ctrl+L opens (typed characters would
            // start a search in the file list instead).
            let opens = title.starts_with("Open") || title.starts_with("Import");
            let into_field = if opens { "ctrl+l" } else { "ctrl+a" };
            xdotool(&self.display.name, &["key", "--window", &window, into_field]);
            std::thread::sleep(Duration::from_millis(400));
            xdotool(&self.display.name, &["type", "--window", &window, "--delay", "15", text]);
            std::thread::sleep(Duration::from_millis(300));
            xdotool(&self.display.name, &["key", "--window", &window, "Return"]);
            if wait_until(Duration::from_secs(5), || search(&pattern).is_none()) {
                return;
            }
            eprintln!("the {title} dialog is still open after answer {attempt}: answering again");
        }
        self.fail_now(&format!("the {title} dialog never took the path {text}"));
    }

    /// Fails at once, outside the async runtime: the screen as it was.
    fn fail_now(&self, why: &str) -> ! {
        let _ = std::fs::create_dir_all(&self.evidence);
        let shot = self.evidence.join("screen.png");
        self.screen_picture(&shot);
        panic!("{why}\n(the screen then: {})", shot.display());
    }

    /// A picture of the app's window as it is on screen, native menu included:
    /// into docs/screenshots/NAME.png with UPDATE_SCREENSHOTS=1, else beside the
    /// test's other output.
    pub async fn window_picture(&self, name: &str) {
        // What the page shows now reaches the screen a few frames later.
        let frames = "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        if let Err(e) = self.client.execute_async(frames, vec![]).await {
            self.fail(&format!("waiting for the page to draw: {e}")).await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        let dir = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            support::repo().join("docs/screenshots")
        } else {
            PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        };
        let window = xdotool(&self.display.name, &["search", "--name", "— Tablewright$"]);
        let window = window.lines().last().expect("the app's window").to_string();
        // The webview draws apart from the window's own X drawable: the screen
        // holds what the user sees, cut to the window's place on it.
        let geometry = xdotool(&self.display.name, &["getwindowgeometry", "--shell", &window]);
        let value =
            |key: &str| geometry.lines().find_map(|l| l.strip_prefix(&format!("{key}="))).unwrap_or("0").to_string();
        let crop = format!("{}x{}+{}+{}", value("WIDTH"), value("HEIGHT"), value("X"), value("Y"));
        xdotool(&self.display.name, &["windowfocus", "--sync", &window]);
        xdotool(&self.display.name, &["windowraise", &window]);
        let path = dir.join(format!("{name}.png"));
        // The webview may not have drawn onto the screen yet: a picture of the
        // bare window is a hundred or so colors (the menu bar), the app drawn thousands.
        let drawn = wait_until(PATIENCE, || self.picture(&crop, &path) > 1000);
        assert!(drawn, "the window stayed blank: {}", path.display());
    }

    /// Takes the screen's `crop` into `path`; the number of colors in it.
    fn picture(&self, crop: &str, path: &Path) -> usize {
        let status = Command::new("import")
            .args(["-window", "root", "-crop", crop, "+repage"])
            .arg(path)
            .env("DISPLAY", &self.display.name)
            .status()
            .expect("imagemagick's import runs");
        assert!(status.success(), "a picture of the window");
        let colors = Command::new("identify").args(["-format", "%k"]).arg(path).output().expect("identify runs");
        String::from_utf8_lossy(&colors.stdout).trim().parse().unwrap_or(0)
    }

    /// Kills the app's process outright, as a crash or `kill -9` does.
    pub fn kill_app(&self) {
        let pid = xdotool(&self.display.name, &["search", "--name", "— Tablewright$", "getwindowpid"]);
        let pid = pid.lines().last().expect("the app's window has a pid").trim().to_string();
        let pid: libc::pid_t = pid.parse().expect("a process id");
        assert!(pid > 1);
        // SAFETY: kill(2) on one process id, the app's.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGKILL) }, 0, "kill -9 {pid}");
    }

    /// Whether the app's window is gone.
    pub fn app_is_gone(&self) -> bool {
        wait_until(PATIENCE, || {
            Command::new("xdotool")
                .args(["search", "--name", "— Tablewright$"])
                .env("DISPLAY", &self.display.name)
                .output()
                .map(|o| o.stdout.is_empty())
                .unwrap_or(false)
        })
    }

    /// Ends the WebDriver session, which closes the app, then the drivers.
    pub async fn quit(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        // A test that failed outside the harness's own waits (an assertion):
        // the screen as it was, before the app goes.
        if std::thread::panicking() {
            let _ = std::fs::create_dir_all(&self.evidence);
            self.screen_picture(&self.evidence.join("screen.png"));
            eprintln!("the screen when the test failed: {}", self.evidence.join("screen.png").display());
        }
        end_group(&mut self.driver);
    }
}

/// Ends the driver and everything it started: it leads its own process group
/// (see `drive`). Not with kill(1), whose parsing of "-PGID" varies.
fn end_group(driver: &mut Child) {
    let group = driver.id() as libc::pid_t;
    if group > 1 {
        // SAFETY: kill(2) with a negative pid signals that process group only.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    let _ = driver.wait();
}

/// The running test's own folder for failure evidence, beside the tests' other
/// output (libtest names each test's thread after the test).
fn evidence_dir() -> PathBuf {
    let test = std::thread::current().name().unwrap_or("desktop").replace("::", "-");
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop-failures").join(test)
}

/// The app: the one TABLEWRIGHT_DESKTOP_APP names (scripts/bench-app.sh measures
/// the release build), else the workspace's debug build.
fn app_binary() -> PathBuf {
    static APP: OnceLock<PathBuf> = OnceLock::new();
    APP.get_or_init(|| match std::env::var_os("TABLEWRIGHT_DESKTOP_APP") {
        Some(app) => PathBuf::from(app),
        None => support::built("tablewright-desktop", "tablewright-desktop"),
    })
    .clone()
}

fn tauri_driver() -> PathBuf {
    let local = support::repo().join(".tools/cargo/bin/tauri-driver");
    if local.exists() {
        local
    } else {
        PathBuf::from("tauri-driver")
    }
}

fn xdotool(display: &str, args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).env("DISPLAY", display).output().expect("xdotool runs");
    assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().unwrap().port()
}

fn wait_until(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}
