//! Real CalDAV servers for the tests: Radicale (Python, from PyPI) and Xandikos (Python, the
//! Debian package), each started on 127.0.0.1 on a free port with its storage in a temporary
//! folder, and stopped when dropped.
//!
//! Where they are found:
//! - Radicale: `$DOCKET_RADICALE` (the `radicale` program), else the virtual environment
//!   `.ci/run` makes (`${DOCKET_SERVERS_HOME:-~/.cache/docket-servers}/venv/bin/radicale`), else
//!   `radicale` on the `PATH`;
//! - Xandikos: `$DOCKET_XANDIKOS`, else `xandikos` on the `PATH`.
//!
//! A server that is not installed skips its tests with a loud message, except where `CI` or
//! `DOCKET_REQUIRE_SERVERS` is set (as `.ci/run` sets them): there, the test fails.

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Which server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Radicale,
    Xandikos,
}

/// A running server.
pub struct CalDavServer {
    pub kind: Kind,
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
    /// The path under which test collections are made.
    home: &'static str,
    /// The user and password the server takes (Radicale), or none (Xandikos has no
    /// authentication of its own).
    pub login: Option<(&'static str, &'static str)>,
    log: PathBuf,
    dir: TempDir,
}

pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct horse";

/// Whether missing servers fail the tests rather than skip them.
pub fn required() -> bool {
    let set = |name: &str| {
        std::env::var(name)
            .map(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false"))
            .unwrap_or(false)
    };
    set("CI") || set("DOCKET_REQUIRE_SERVERS")
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn radicale_program() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DOCKET_RADICALE") {
        return Some(PathBuf::from(p));
    }
    let home = std::env::var_os("DOCKET_SERVERS_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache/docket-servers")));
    home.map(|h| h.join("venv/bin/radicale"))
        .filter(|p| p.is_file())
        .or_else(|| on_path("radicale"))
}

fn xandikos_program() -> Option<PathBuf> {
    std::env::var_os("DOCKET_XANDIKOS")
        .map(PathBuf::from)
        .or_else(|| on_path("xandikos"))
}

/// A port free right now on 127.0.0.1.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl CalDavServer {
    /// Starts a server of the kind, or says loudly why not and returns `None`.
    pub fn start(kind: Kind) -> Option<CalDavServer> {
        let program = match kind {
            Kind::Radicale => radicale_program(),
            Kind::Xandikos => xandikos_program(),
        };
        let Some(program) = program else {
            let how = match kind {
                Kind::Radicale => {
                    "python3 -m venv ~/.cache/docket-servers/venv && ~/.cache/docket-servers/venv/bin/pip install radicale==3.9.0 (or set DOCKET_RADICALE)"
                }
                Kind::Xandikos => "apt-get install -y xandikos (or set DOCKET_XANDIKOS)",
            };
            if required() {
                panic!(
                    "{kind:?} is required here (CI or DOCKET_REQUIRE_SERVERS is set) but not installed: {how}"
                );
            }
            // Straight to the process's standard error, past the test harness's capture, so
            // the skip shows even when the test passes.
            let _ = writeln!(
                std::io::stderr(),
                "\n*** SKIPPED: {kind:?} is not installed, so the CalDAV tests against it did not run.\n*** Install it: {how}\n"
            );
            return None;
        };
        // A port can be taken between finding it free and the server binding it: try again.
        let mut last = String::new();
        for _ in 0..3 {
            match CalDavServer::start_on(kind, &program, free_port()) {
                Ok(server) => return Some(server),
                Err(why) => last = why,
            }
        }
        panic!("{kind:?} ({}) did not start: {last}", program.display());
    }

    fn start_on(kind: Kind, program: &Path, port: u16) -> Result<CalDavServer, String> {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let log = dir.path().join("server.log");
        let log_file = std::fs::File::create(&log).expect("a log file");
        let mut command = Command::new(program);
        let (home, login) = match kind {
            Kind::Radicale => {
                let users = dir.path().join("users");
                std::fs::write(&users, format!("{USER}:{PASSWORD}\n")).unwrap();
                let config = dir.path().join("config");
                std::fs::write(
                    &config,
                    format!(
                        "[server]\nhosts = 127.0.0.1:{port}\n\
                         [auth]\ntype = htpasswd\nhtpasswd_filename = {}\nhtpasswd_encryption = plain\ndelay = 0\n\
                         [rights]\ntype = owner_only\n\
                         [storage]\nfilesystem_folder = {}\n\
                         [web]\ntype = none\n[logging]\nlevel = info\n",
                        users.display(),
                        dir.path().join("collections").display()
                    ),
                )
                .unwrap();
                command.arg("--config").arg(&config);
                ("/alice/", Some((USER, PASSWORD)))
            }
            Kind::Xandikos => {
                command.arg("-d").arg(dir.path().join("data")).args([
                    "-l",
                    "127.0.0.1",
                    "-p",
                    &port.to_string(),
                    "--autocreate",
                ]);
                ("/user/calendars/", None)
            }
        };
        let child = command
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("cannot run it: {e}"))?;
        let mut server = CalDavServer {
            kind,
            child,
            origin: format!("http://127.0.0.1:{port}"),
            home,
            login,
            log,
            dir,
        };
        server.wait_until_ready(port)?;
        if kind == Kind::Xandikos {
            // Xandikos makes the user's folders on the first request; make them now, so that a
            // test's first publish meets a server as it runs day to day.
            server.raw("PROPFIND", "/user/", &[("Depth", "0")], None);
        }
        Ok(server)
    }

    /// Polls until the server answers HTTP; fails if it exits or takes more than 60 s.
    fn wait_until_ready(&mut self, port: u16) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Err(format!("it exited ({status}): {}", self.log_text()));
            }
            if let Ok(stream) = TcpStream::connect_timeout(&address, Duration::from_millis(200)) {
                drop(stream);
                let agent = self.agent();
                if agent.get(format!("{}/", self.origin)).call().is_ok() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "no answer on port {port} after 60 s: {}",
                    self.log_text()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn agent(&self) -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .new_agent()
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How many requests with this method the server's own log shows, once every request sent
    /// so far is in it.
    pub fn logged(&self, method: &str) -> usize {
        self.settle_log();
        let needle = match self.kind {
            Kind::Radicale => format!("] {method} request for '"),
            Kind::Xandikos => format!("\"{method} /"),
        };
        self.log_text().matches(&needle).count()
    }

    /// Waits until the log shows every request answered so far. Xandikos logs a request after
    /// it has sent the answer, so the client can be ahead of the log: a marker request sent now
    /// is logged after every earlier one.
    fn settle_log(&self) {
        static MARKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let mark = format!(
            "/log-mark-{}",
            MARKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        self.raw("GET", &mark, &[], None);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.log_text().contains(&mark) {
            assert!(Instant::now() < deadline, "the server never logged {mark}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The writes (PUT, DELETE, MKCALENDAR) the server's own log shows.
    pub fn logged_writes(&self) -> usize {
        self.logged("PUT") + self.logged("DELETE") + self.logged("MKCALENDAR")
    }

    /// A collection's URL (made or not).
    pub fn url(&self, name: &str) -> String {
        format!("{}{}{name}/", self.origin, self.home)
    }

    /// Makes a calendar collection and returns its URL.
    pub fn calendar(&self, name: &str) -> String {
        let (status, body) = self.raw("MKCALENDAR", &format!("{}{name}/", self.home), &[], None);
        assert!(
            (200..300).contains(&status),
            "MKCALENDAR {name}: {status} {body}"
        );
        self.url(name)
    }

    /// A request straight to the server, as another client would send it, with the server's
    /// credentials: status and body.
    pub fn raw(
        &self,
        method: &str,
        path_or_url: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> (u16, String) {
        let url = if path_or_url.starts_with("http") {
            path_or_url.to_string()
        } else {
            format!("{}{path_or_url}", self.origin)
        };
        let mut request = ureq::http::Request::builder()
            .method(ureq::http::Method::from_bytes(method.as_bytes()).unwrap())
            .uri(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if body.is_some() {
            let kind = if method == "PUT" {
                "text/calendar; charset=utf-8"
            } else {
                "application/xml"
            };
            request = request.header("Content-Type", kind);
        }
        if let Some((user, password)) = self.login {
            use base64::Engine as _;
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            request = request.header("Authorization", format!("Basic {token}"));
        }
        let request = request.body(body.unwrap_or("").to_string()).unwrap();
        let mut response = self
            .agent()
            .run(request)
            .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
        let status = response.status().as_u16();
        let mut text = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut text)
            .unwrap();
        (status, text)
    }

    /// GET: status, ETag and body.
    pub fn get(&self, url: &str) -> (u16, Option<String>, String) {
        let mut request = ureq::http::Request::builder().uri(url);
        if let Some((user, password)) = self.login {
            use base64::Engine as _;
            let token =
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            request = request.header("Authorization", format!("Basic {token}"));
        }
        let mut response = self.agent().run(request.body(()).unwrap()).unwrap();
        let etag = response
            .headers()
            .get("etag")
            .map(|v| v.to_str().unwrap().to_string());
        let status = response.status().as_u16();
        let mut text = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut text)
            .unwrap();
        (status, etag, text)
    }

    /// The names of the event resources in a collection, from a PROPFIND of its own.
    pub fn resources(&self, collection_url: &str) -> Vec<String> {
        let (status, body) = self.raw(
            "PROPFIND",
            collection_url,
            &[("Depth", "1")],
            Some("<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><prop><getetag/></prop></propfind>"),
        );
        assert_eq!(status, 207, "{body}");
        // Every `href` element's text, whatever its prefix.
        let mut reader = quick_xml::Reader::from_str(&body);
        let mut names = Vec::new();
        let mut in_href = false;
        loop {
            match reader.read_event().expect("XML") {
                quick_xml::events::Event::Start(e) => in_href = e.local_name().as_ref() == "href",
                quick_xml::events::Event::Text(t) if in_href => {
                    let href = t.xml10_content().to_string();
                    if href.ends_with(".ics") {
                        names.push(href.rsplit('/').next().unwrap().to_string());
                    }
                }
                quick_xml::events::Event::End(_) => in_href = false,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        names.sort();
        names
    }

    /// The folder the server keeps its data in.
    #[allow(dead_code)]
    pub fn storage(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for CalDavServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
