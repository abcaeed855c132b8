//! No lost edit, and no write where it does not belong: editing commands run at the same time
//! on one docket, a second edit waiting for the first, files that cannot be read, outputs that
//! are not regular files, file-size limits, signals during a write, errors writing standard
//! output, and the permissions of new files.

use std::collections::HashMap;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::support::{self, TempDir, stderr};

const NOW: &str = "2026-02-01T12:00:00Z";

/// `docket` in `dir`, with the clock at [`NOW`].
fn docket(dir: &Path) -> Command {
    let mut c = support::docket();
    c.current_dir(dir).env("DOCKET_NOW", NOW);
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    docket(dir).args(args).output().unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

fn timeline(id: &str, body: &str) -> String {
    format!("[timeline]\nid = \"{id}\"\ntitle = \"{id}\"\ntimezone = \"America/Denver\"\n{body}")
}

fn event(id: &str, date: &str) -> String {
    format!("\n[[event]]\nid = \"{id}\"\ndate = {date}\ntitle = \"Event {id}\"\n")
}

/// The records of the docket under `path`, by id (`docket list --format json`).
fn records(dir: &Path, path: &str) -> HashMap<String, serde_json::Value> {
    let out = run(
        dir,
        &["list", path, "--format", "json", "--as-of", "2026-02-01"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let records = json["records"].as_array().unwrap();
    records
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

/// A docket `d/` of two files, with records for the edits below to change or remove.
fn concurrent_docket() -> TempDir {
    let tmp = support::temp_dir();
    let d = tmp.path().join("d");
    std::fs::create_dir(&d).unwrap();
    let mut a = event("served", "2026-01-05");
    for i in 0..9 {
        a += &event(&format!("s{i}"), "2026-01-06");
    }
    for i in 0..5 {
        a += &event(&format!("r{i}"), "2026-01-07");
    }
    a += &event("x", "2026-01-08");
    for i in 0..5 {
        a += &format!(
            "\n[[deadline]]\nid = \"dl{i}\"\ntitle = \"Deadline {i}\"\ntrigger = \"served\"\nperiod = \"{} days\"\n",
            10 + i,
        );
    }
    // Out of the canonical layout, where no other edit touches: `fmt` puts it right.
    a += "\n[[event]]\nid=\"messy\"\ndate = 2026-01-09\ntitle=\"Messy\"\n";
    let mut b = event("b-served", "2026-01-05");
    for i in 0..5 {
        b += &event(&format!("bs{i}"), "2026-01-06");
    }
    std::fs::write(d.join("a.toml"), timeline("a", &a)).unwrap();
    std::fs::write(d.join("b.toml"), timeline("b", &b)).unwrap();
    assert_eq!(run(tmp.path(), &["check", "d"]).status.code(), Some(0));
    tmp
}

/// What one of the concurrent commands should have done, if it succeeded.
enum Effect {
    Added(String),
    Titled(String, String),
    Done(String),
    Removed(String),
    Formatted,
}

/// Fifty editing commands of every kind at once, on one file and across the two files of one
/// docket: each that exits 0 is in the files, each other one exits 2 or 3 with a message and
/// left no trace, the races across files (one id added to two files; a record removed while a
/// deadline is counted from it) end with one winner, and the docket is valid.
#[test]
fn fifty_concurrent_edits_lose_nothing() {
    let tmp = concurrent_docket();
    let root = tmp.path();
    let mut commands: Vec<(Vec<String>, Effect)> = Vec::new();
    let strings = |args: &[&str]| args.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    for i in 0..8 {
        let id = format!("new-a{i}");
        let args = [
            "add",
            "event",
            "d/a.toml",
            "--date",
            "2026-01-20",
            "--title",
            "New",
            "--id",
            &id,
        ];
        commands.push((strings(&args), Effect::Added(id)));
    }
    for i in 0..6 {
        let id = format!("new-b{i}");
        let args = [
            "add",
            "event",
            "d/b.toml",
            "--date",
            "2026-01-21",
            "--title",
            "New",
            "--id",
            &id,
        ];
        commands.push((strings(&args), Effect::Added(id)));
    }
    for file in ["d/a.toml", "d/b.toml"] {
        let args = [
            "add",
            "event",
            file,
            "--date",
            "2026-01-22",
            "--title",
            "Twin",
            "--id",
            "twin",
        ];
        commands.push((strings(&args), Effect::Added("twin".into())));
    }
    for i in 0..6 {
        let id = format!("dl-new{i}");
        let period = format!("{} days", 20 + i);
        let mut args = strings(&[
            "add",
            "deadline",
            "--trigger",
            "served",
            "--period",
            &period,
        ]);
        args.extend(strings(&["--title", "Counted", "--id", &id, "d"]));
        if i % 2 == 1 {
            args.extend(strings(&["--file", "d/b.toml"]));
        }
        commands.push((args, Effect::Added(id)));
    }
    let sets = (0..9)
        .map(|i| format!("s{i}"))
        .chain((0..5).map(|i| format!("bs{i}")));
    for id in sets {
        let title = format!("Retitled {id}");
        commands.push((
            strings(&["set", &id, "title", &title, "d"]),
            Effect::Titled(id, title),
        ));
    }
    for i in 0..5 {
        let id = format!("dl{i}");
        let args = ["done", &id, "--on", "2026-01-20", "d"];
        commands.push((strings(&args), Effect::Done(id)));
    }
    for i in 0..5 {
        let id = format!("r{i}");
        commands.push((strings(&["rm", &id, "d"]), Effect::Removed(id)));
    }
    for _ in 0..2 {
        commands.push((strings(&["fmt", "d"]), Effect::Formatted));
    }
    commands.push((strings(&["rm", "x", "d"]), Effect::Removed("x".into())));
    let args = [
        "add",
        "deadline",
        "--trigger",
        "x",
        "--period",
        "7 days",
        "--title",
        "From x",
    ];
    let mut args = strings(&args);
    args.extend(strings(&["--id", "from-x", "--file", "d/b.toml", "d"]));
    commands.push((args, Effect::Added("from-x".into())));
    assert_eq!(commands.len(), 50);

    let children: Vec<_> = commands
        .iter()
        .map(|(args, _)| {
            docket(root)
                .args(args)
                .env("DOCKET_LOCK_WAIT", "300")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();

    let after = records(root, "d");
    let a_text = std::fs::read_to_string(root.join("d/a.toml")).unwrap();
    for ((args, effect), out) in commands.iter().zip(&outputs) {
        let what = args.join(" ");
        let ok = out.status.success();
        if !ok {
            assert!(
                matches!(out.status.code(), Some(2 | 3)),
                "{what}: {:?}",
                out.status
            );
            assert!(stderr(out).contains("error: "), "{what}: no message");
        }
        match effect {
            // Two adds of `twin` race: checked below.
            Effect::Added(id) if id == "twin" => {}
            Effect::Added(id) => assert_eq!(after.contains_key(id), ok, "{what}"),
            Effect::Titled(id, title) => {
                assert_eq!(after[id]["title"] == title.as_str(), ok, "{what}")
            }
            Effect::Done(id) => assert_eq!(after[id]["status"] == "done", ok, "{what}"),
            Effect::Removed(id) => assert_eq!(!after.contains_key(id), ok, "{what}"),
            Effect::Formatted if ok => assert!(!a_text.contains("title=\"Messy\""), "{what}"),
            Effect::Formatted => {}
        }
    }
    let twins = outputs[14..16]
        .iter()
        .filter(|o| o.status.success())
        .count();
    assert!(twins <= 1, "the same id was added to both files");
    assert_eq!(after.contains_key("twin"), twins == 1);
    let (rm_x, from_x) = (&outputs[48], &outputs[49]);
    assert!(
        !(rm_x.status.success() && from_x.status.success()),
        "`x` was removed while a deadline was counted from it"
    );
    let landed = outputs.iter().filter(|o| o.status.success()).count();
    assert!(landed >= 40, "only {landed} of 50 edits succeeded");
    let check = run(root, &["check", "d"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(names(&root.join("d")), ["a.toml", "b.toml"]);
}

/// A docket of one file for the tests below.
fn small_docket() -> TempDir {
    let tmp = support::temp_dir();
    std::fs::create_dir(tmp.path().join("d")).unwrap();
    let body = event("e", "2026-01-05");
    std::fs::write(tmp.path().join("d/a.toml"), timeline("a", &body)).unwrap();
    tmp
}

/// Holds the edit lock of `folder` as another edit would.
fn hold_lock(folder: &Path) -> std::fs::File {
    let lock = std::fs::File::create(folder.join(docket::edit::LOCK_FILE)).unwrap();
    lock.lock().unwrap();
    lock
}

#[test]
fn a_second_edit_waits_a_bounded_time_then_fails_with_exit_3() {
    let tmp = small_docket();
    let before = std::fs::read(tmp.path().join("d/a.toml")).unwrap();
    let held = hold_lock(&tmp.path().join("d"));
    let out = docket(tmp.path())
        .args(["set", "e", "title", "Second", "d"])
        .env("DOCKET_LOCK_WAIT", "0.2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("waiting for another edit of `d` to finish"),
        "{err}"
    );
    assert!(
        err.contains("error: another edit of `d` held its lock"),
        "{err}"
    );
    assert_eq!(std::fs::read(tmp.path().join("d/a.toml")).unwrap(), before);
    drop(held);
}

/// The second edit goes ahead as soon as the first is done, on what the first wrote.
#[test]
fn a_second_edit_goes_ahead_when_the_first_is_done() {
    use std::io::BufRead;
    let tmp = small_docket();
    let held = hold_lock(&tmp.path().join("d"));
    let mut child = docket(tmp.path())
        .args(["set", "e", "title", "Second", "d"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(line.starts_with("waiting for another edit"), "{line}");
    // The first edit writes, then lets go.
    let path = tmp.path().join("d/a.toml");
    let first = std::fs::read_to_string(&path).unwrap() + "# the first edit\n";
    std::fs::write(&path, &first).unwrap();
    drop(held);
    assert!(child.wait().unwrap().success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("# the first edit") && text.contains("title = \"Second\""),
        "{text}"
    );
}

/// Makes `path` unreadable: mode 000, or for root (who reads it anyway) a symbolic link to
/// itself, which fails every read.
fn make_unreadable(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(path).is_ok() {
        // Root reads a file of mode 000: a link to itself cannot be read by anyone.
        std::fs::remove_file(path).unwrap();
        std::os::unix::fs::symlink(path.file_name().unwrap(), path).unwrap();
    }
}

/// An edit does not go ahead while another file of its docket cannot be read (it could hold the
/// id the edit adds); `check` and `list` agree that an unreadable file is exit 3.
#[test]
fn an_unreadable_file_stops_edits_and_is_exit_3_everywhere() {
    let tmp = small_docket();
    let other = tmp.path().join("d/b.toml");
    std::fs::write(&other, timeline("b", &event("taken", "2026-01-05"))).unwrap();
    make_unreadable(&other);
    let before = std::fs::read(tmp.path().join("d/a.toml")).unwrap();
    let args = [
        "add",
        "event",
        "d/a.toml",
        "--date",
        "2026-01-09",
        "--title",
        "T",
        "--id",
        "taken",
    ];
    let out = run(tmp.path(), &args);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("b.toml"), "{}", stderr(&out));
    assert_eq!(std::fs::read(tmp.path().join("d/a.toml")).unwrap(), before);
    for args in [["check", "d"], ["list", "d"]] {
        let out = run(tmp.path(), &args);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
    }
}

/// Every error writing standard output is exit 3 with one line on standard error.
#[test]
fn a_full_disk_on_standard_output_is_exit_3() {
    let tmp = small_docket();
    for args in [
        &["list", "d"][..],
        &["completions", "bash"],
        &["--help"],
        &["--version"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = docket(tmp.path()).args(args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert_eq!(
            stderr(&out),
            "error: cannot write to standard output: no space left on device\n",
            "{args:?}"
        );
    }
}

/// A closed pipe (`docket ... | head`) ends the command quietly with status 0.
#[test]
fn a_closed_pipe_ends_quietly() {
    let tmp = small_docket();
    for args in [&["list", "d"][..], &["completions", "bash"], &["--help"]] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = docket(tmp.path())
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

#[test]
fn docket_now_that_does_not_parse_is_refused() {
    let tmp = small_docket();
    let out = docket(tmp.path())
        .args(["upcoming", "d"])
        .env("DOCKET_NOW", "tomorrow")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("DOCKET_NOW is `tomorrow`"),
        "{}",
        stderr(&out)
    );
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// `-o` onto a pipe, standard output or a character device writes into it: nothing is
/// replaced, and `-o -` is standard output.
#[test]
fn export_writes_into_pipes_and_devices() {
    let tmp = small_docket();
    let json = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).is_ok();
    for target in ["-", "/dev/stdout"] {
        let out = run(
            tmp.path(),
            &["export", "d", "--format", "json", "-o", target],
        );
        assert!(out.status.success(), "{target}: {}", stderr(&out));
        assert!(json(&out.stdout), "{target}");
    }
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .is_symlink()
    );

    let fifo = tmp.path().join("feed.json");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = run(
        tmp.path(),
        &["export", "d", "--format", "json", "-o", "feed.json"],
    );
    // Should the export not have opened the pipe, its reader is let go rather than left
    // waiting (with no reader waiting, this open fails at once).
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(&fifo);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(json(&reader.join().unwrap()));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    // A null device of the test's own (root may make one).
    let null = tmp.path().join("null");
    let made = Command::new("mknod")
        .args([null.to_str().unwrap(), "c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let out = run(
            tmp.path(),
            &["export", "d", "--format", "ics", "-o", "null"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            std::fs::metadata(&null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    assert!(!names(tmp.path()).iter().any(|n| n.starts_with(".docket-")));
}

/// `-o` never writes over a timeline the export reads, nor over a read-only file.
#[test]
fn export_refuses_its_own_inputs_and_read_only_files() {
    let tmp = small_docket();
    let input = tmp.path().join("d/a.toml");
    let before = std::fs::read(&input).unwrap();
    for target in ["d/a.toml", "d/../d/a.toml"] {
        let out = run(
            tmp.path(),
            &["export", "d", "--format", "json", "-o", target],
        );
        assert_eq!(out.status.code(), Some(3), "{target}");
        assert!(
            stderr(&out).contains("a timeline file it reads"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&input).unwrap(), before);
    }
    let kept = tmp.path().join("kept.ics");
    std::fs::write(&kept, "keep me").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(
        tmp.path(),
        &["export", "d", "--format", "ics", "-o", "kept.ics"],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("read-only (mode 0444)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "keep me");
    // An edit is refused the same way.
    std::fs::set_permissions(&input, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(tmp.path(), &["set", "e", "title", "T", "d"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

/// A file-size limit (`ulimit -f`) is an error (exit 3), not death by SIGXFSZ, for a file as
/// for standard output; the file is left as it was and no temporary file remains.
#[test]
fn a_file_size_limit_is_an_error() {
    let tmp = support::temp_dir();
    large_docket(tmp.path(), 30);
    std::fs::write(tmp.path().join("out.ics"), "old").unwrap();
    let cases = [
        ("-o out.ics", "cannot write `out.ics`"),
        ("> big.ics", "cannot write to standard output"),
    ];
    for (redirect, said) in cases {
        let script = format!("ulimit -f 1; exec \"$0\" export d --format ics {redirect}");
        let out = Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_docket")])
            .current_dir(tmp.path())
            .env("DOCKET_NOW", NOW)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{redirect}: {:?}", out.status);
        let err = stderr(&out);
        assert!(err.contains(said), "{err}");
        assert!(err.contains("file too large"), "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("out.ics")).unwrap(),
        "old"
    );
    assert!(!names(tmp.path()).iter().any(|n| n.starts_with(".docket-")));
}

/// A docket whose calendar takes a while to write.
fn large_docket(dir: &Path, events: usize) -> PathBuf {
    let mut body = String::new();
    for i in 0..events {
        body += &format!(
            "\n[[event]]\nid = \"e{i}\"\ndate = 2020-01-{:02}T09:00:00\ntitle = \"Event {i}, with a title of some length to write\"\nnotes = \"Some notes about event {i}.\"\n",
            i % 28 + 1
        );
    }
    let d = dir.join("d");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("big.toml"), timeline("big", &body)).unwrap();
    d
}

/// SIGTERM or SIGINT during `export -o` removes the temporary file: caught with the temporary
/// there (the run is repeated until one is), the process ends by the signal, and the target
/// is as it was.
#[test]
fn a_signal_during_a_write_leaves_no_temporary() {
    let tmp = support::temp_dir();
    large_docket(tmp.path(), 20_000);
    std::fs::write(tmp.path().join("out.ics"), "old").unwrap();
    let temporaries = || {
        names(tmp.path())
            .into_iter()
            .filter(|n| n.starts_with(".docket-"))
            .count()
    };
    for signal in ["TERM", "INT"] {
        let mut caught = false;
        for _ in 0..10 {
            let mut child = docket(tmp.path())
                .args(["export", "d", "--format", "ics", "-o", "out.ics"])
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // Watch for the temporary file, then signal.
            let mut seen = false;
            while child.try_wait().unwrap().is_none() {
                if temporaries() > 0 {
                    seen = true;
                    break;
                }
            }
            if seen {
                let pid = child.id().to_string();
                assert!(
                    Command::new("kill")
                        .args(["-s", signal, &pid])
                        .status()
                        .unwrap()
                        .success()
                );
            }
            let status = child.wait().unwrap();
            assert_eq!(temporaries(), 0, "SIG{signal}: a temporary file is left");
            // The old file, or (the signal came just after the rename) the whole new one.
            let now = std::fs::read_to_string(tmp.path().join("out.ics")).unwrap();
            assert!(
                now == "old" || now.ends_with("END:VCALENDAR\r\n"),
                "SIG{signal}"
            );
            if seen && status.signal().is_some() && now == "old" {
                caught = true;
                break;
            }
            std::fs::write(tmp.path().join("out.ics"), "old").unwrap();
        }
        assert!(caught, "SIG{signal}: no run was caught while writing");
    }
}

/// A temporary file left by a process that is gone (SIGKILL, a crash) is removed by the next
/// write into its folder; one of a running process is not.
#[test]
fn stale_temporaries_are_swept() {
    let tmp = small_docket();
    let mut gone = Command::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    let stale = format!(".docket-{gone_pid}-abcdef.tmp");
    let live = format!(".docket-{}-abcdef.tmp", std::process::id());
    std::fs::write(tmp.path().join(&stale), "half").unwrap();
    std::fs::write(tmp.path().join(&live), "half").unwrap();
    let out = run(
        tmp.path(),
        &["export", "d", "--format", "json", "-o", "out.json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names(tmp.path()), [live.as_str(), "d", "out.json"]);
}

/// `sh -c 'umask U; exec docket ARGS'` in `dir`.
fn with_umask(dir: &Path, umask: &str, args: &str) -> Output {
    let script = format!("umask {umask}; exec \"$0\" {args}");
    Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_docket")])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `new` makes missing folders; it and `export -o` make files with the permissions the umask
/// gives (a colleague or a web server can read them), and `new` never replaces a file.
#[test]
fn new_files_get_the_umasks_permissions_and_new_never_replaces_one() {
    let tmp = support::temp_dir();
    let dir = tmp.path();
    let out = with_umask(dir, "022", "new cases/2026/smith.toml --title Smith");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&dir.join("cases/2026/smith.toml")), 0o644);
    let out = with_umask(dir, "027", "new cases/jones.toml --title Jones");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&dir.join("cases/jones.toml")), 0o640);
    let out = with_umask(dir, "022", "export cases --format ics -o feed.ics");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&dir.join("feed.ics")), 0o644);

    let before = std::fs::read(dir.join("cases/jones.toml")).unwrap();
    let out = with_umask(dir, "022", "new cases/jones.toml --title Other");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.join("cases/jones.toml")).unwrap(), before);
    // A dry run makes no folder.
    let out = run(
        dir,
        &["new", "elsewhere/t.toml", "--title", "T", "--dry-run"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.join("elsewhere").exists());
}

#[test]
fn a_lock_wait_that_does_not_parse_is_refused() {
    let tmp = small_docket();
    let out = docket(tmp.path())
        .args(["set", "e", "title", "T", "d"])
        .env("DOCKET_LOCK_WAIT", "soon")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("DOCKET_LOCK_WAIT is `soon`"),
        "{}",
        stderr(&out)
    );
}

/// The binary is position-independent, so that it is loaded at a random address like the
/// libraries it uses (it was once linked at a fixed one to save a millisecond at start-up).
#[cfg(target_os = "linux")]
#[test]
fn the_binary_is_position_independent() {
    let binary = std::fs::read(env!("CARGO_BIN_EXE_docket")).unwrap();
    assert_eq!(&binary[..4], b"\x7fELF");
    // e_type: ET_DYN (3) for a position-independent executable, ET_EXEC (2) for a fixed one.
    let e_type = u16::from_le_bytes([binary[16], binary[17]]);
    assert_eq!(e_type, 3);
}

/// A named pipe whose reader goes away is a failed write (exit 3): only standard output's
/// reader may end the command quietly (`docket list | head`).
#[test]
fn a_named_pipe_closed_by_its_reader_is_a_failed_write() {
    let tmp = support::temp_dir();
    // Far more than a pipe holds, so the export is still writing when the reader leaves.
    large_docket(tmp.path(), 3_000);
    let fifo = tmp.path().join("feed.json");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || drop(std::fs::File::open(fifo).unwrap()))
    };
    let out = run(
        tmp.path(),
        &["export", "d", "--format", "json", "-o", "feed.json"],
    );
    reader.join().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: cannot write `feed.json`: broken pipe\n"
    );
}
