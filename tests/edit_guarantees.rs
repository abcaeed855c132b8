//! What an edit promises about the file it writes: a symbolic link is followed and its target
//! edited, permissions kept, a file with several hard links or one that changed on disk is not
//! overwritten (exit 3), and a refused edit leaves the file byte for byte.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FILE: &str = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n";

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("docket-guard-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn set(cwd: &Path, path: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["set", "e", "title", "New title", path])
        .current_dir(cwd)
        .env_remove("DOCKET_DIR")
        .output()
        .unwrap()
}

#[test]
fn a_symlink_is_followed_and_permissions_kept() {
    let d = dir("link");
    std::fs::create_dir_all(d.join("real")).unwrap();
    std::fs::create_dir_all(d.join("docket")).unwrap();
    std::fs::write(d.join("real/t.toml"), FILE).unwrap();
    std::fs::set_permissions(
        d.join("real/t.toml"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("real/t.toml"), d.join("docket/t.toml")).unwrap();
    let out = set(&d, "docket");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(d.join("docket/t.toml"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(d.join("real/t.toml")).unwrap();
    assert!(text.contains("title = \"New title\""));
    let mode = std::fs::metadata(d.join("real/t.toml"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o640);
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn hard_links_are_not_split() {
    let d = dir("hard");
    std::fs::create_dir_all(d.join("docket")).unwrap();
    std::fs::write(d.join("docket/t.toml"), FILE).unwrap();
    std::fs::hard_link(d.join("docket/t.toml"), d.join("other-name.toml")).unwrap();
    let out = set(&d, "docket");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hard links"));
    assert_eq!(
        std::fs::read_to_string(d.join("docket/t.toml")).unwrap(),
        FILE
    );
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let d = dir("changed");
    let path = d.join("t.toml");
    std::fs::write(&path, FILE).unwrap();
    // The edit read FILE; meanwhile someone saved another version.
    std::fs::write(&path, format!("{FILE}# saved in an editor\n")).unwrap();
    let err = docket::edit::write::replace(&path, FILE.as_bytes(), b"new").unwrap_err();
    assert!(err.is_io());
    assert!(err.to_string().contains("changed on disk"));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .ends_with("# saved in an editor\n")
    );
    std::fs::remove_dir_all(&d).unwrap();
}
