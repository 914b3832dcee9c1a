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
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

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
}

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
        let app = app_binary();
        let display = Display::start();
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
        let driver = driver
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
        let client = loop {
            let mut builder = ClientBuilder::rustls().expect("TLS roots");
            builder.capabilities(capabilities.clone());
            match tokio::time::timeout(PATIENCE, builder.connect(&url)).await {
                Ok(Ok(client)) => break client,
                failed if started.elapsed() > PATIENCE => {
                    panic!("the app did not start under tauri-driver: {failed:?}")
                }
                _ => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        };
        let desktop = Desktop { client, driver, display };
        desktop.find("[data-testid=status-file]").await;
        desktop
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

    /// Fails the test, with the page as it was saved beside the test's output.
    pub async fn fail(&self, why: &str) -> ! {
        let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("desktop-failure.png");
        if let Ok(png) = self.client.screenshot().await {
            let _ = std::fs::write(&shot, png);
        }
        panic!("{why} (the page then: {})", shot.display());
    }

    /// Clicks `css` once it can be clicked: a node still moving into place
    /// (fit to the window, laid out) refuses clicks for a moment.
    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            match self.find(css).await.click().await {
                Ok(()) => return,
                Err(e) if started.elapsed() > PATIENCE => self.fail(&format!("clicking {css}: {e:?}")).await,
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Clicks `css`, which ends the app: the click's own answer may never come.
    pub async fn click_to_quit(&self, css: &str) {
        let _ = self.find(css).await.click().await;
    }

    /// Replaces the text of the field `css` as a user does (select all, type)
    /// and commits it with Enter.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.click().await.expect("the field takes the focus");
        let arg = serde_json::to_value(&field).expect("an element reference");
        self.client.execute("arguments[0].select()", vec![arg]).await.expect("the text is selected");
        field.send_keys(&format!("{text}{}", char::from(Key::Enter))).await.expect("typing");
    }

    /// The form control labelled `label` (an input or select after its label).
    pub async fn labelled(&self, label: &str) -> Element {
        let xpath = format!(
            "//label[normalize-space()='{label}']/following-sibling::*[self::input or self::select or self::textarea][1] \
             | //label[normalize-space()='{label}']/preceding-sibling::input[1]"
        );
        self.find_xpath(&xpath).await
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

    /// Presses keys with a modifier held: `chord(Key::Control, 'z')`.
    pub async fn chord(&self, modifier: Key, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: char::from(modifier) })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: char::from(modifier) });
        self.client.perform_actions(keys).await.expect("the keys are pressed");
    }

    /// Drags with the mouse from one element to another, as a user connects two nodes.
    pub async fn drag(&self, from: &Element, to: &Element) {
        let step = Some(Duration::from_millis(120));
        let mouse = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement { element: from.clone(), duration: step, x: 0.0, y: 0.0 })
            .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
            .then(PointerAction::MoveBy { duration: step, x: 30.0, y: 10.0 })
            .then(PointerAction::MoveToElement { element: to.clone(), duration: step, x: 0.0, y: 0.0 })
            .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
        self.client.perform_actions(mouse).await.expect("the drag runs");
        self.client.release_actions().await.expect("the mouse is released");
    }

    /// Answers a native file dialog titled `title` with `path`, typed as a user
    /// would (the name field of a save dialog; the location bar of an Open dialog).
    pub fn answer_file_dialog(&self, title: &str, path: &Path) {
        let search = |name: &str| {
            Command::new("xdotool")
                .args(["search", "--name", name])
                .env("DISPLAY", &self.display.name)
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_string))
                .ok()
                .flatten()
        };
        let mut window = None;
        wait_until(PATIENCE, || {
            window = search(&format!("^{title}$"));
            window.is_some()
        });
        let Some(window) = window else {
            let shown = xdotool(&self.display.name, &["search", "--name", ".", "getwindowname", "%@"]);
            panic!("no window titled {title:?}; the windows are: {shown:?}");
        };
        xdotool(&self.display.name, &["windowfocus", "--sync", &window]);
        // A save dialog starts in its name field; an open dialog takes a path
        // in its location bar, which Ctrl+L opens (typed characters would
        // start a search in the file list instead).
        let into_field = if title.starts_with("Open") { "ctrl+l" } else { "ctrl+a" };
        xdotool(&self.display.name, &["key", "--window", &window, into_field]);
        std::thread::sleep(Duration::from_millis(400));
        xdotool(
            &self.display.name,
            &["type", "--window", &window, "--delay", "15", path.to_str().expect("a Unicode path")],
        );
        std::thread::sleep(Duration::from_millis(300));
        xdotool(&self.display.name, &["key", "--window", &window, "Return"]);
    }

    /// A picture of the app's window as it is on screen, native menu included:
    /// into docs/screenshots/NAME.png with UPDATE_SCREENSHOTS=1, else beside the
    /// test's other output.
    pub fn window_picture(&self, name: &str) {
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
        let drawn = wait_until(PATIENCE, || {
            std::thread::sleep(Duration::from_millis(1500));
            self.picture(&crop, &path) > 1000
        });
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
        // The driver leads its own process group (see launch): signal the group.
        // Not with kill(1), whose parsing of "-PGID" varies between versions.
        let group = self.driver.id() as libc::pid_t;
        if group > 1 {
            // SAFETY: kill(2) with a negative pid signals that process group only.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
        let _ = self.driver.wait();
    }
}

fn app_binary() -> PathBuf {
    static APP: OnceLock<PathBuf> = OnceLock::new();
    APP.get_or_init(|| support::built("tablewright-desktop", "tablewright-desktop")).clone()
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
