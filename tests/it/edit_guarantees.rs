//! What an edit promises about the file it writes: a symbolic link is followed and its target
//! edited, permissions kept, a file with several hard links is not overwritten (exit 3), and a
//! refused edit leaves the file byte for byte. (A file changed on disk during an edit: the unit
//! tests of `edit::write` and `edit::session`, and `integrity.rs`.)

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use crate::support;

const FILE: &str = "[timeline]\nid = \"t\"\ntitle = \"T\"\n\n[[event]]\nid = \"e\"\ndate = 2020-01-13\ntitle = \"E\"\n";

fn set(cwd: &Path, path: &str) -> Output {
    support::docket()
        .args(["set", "e", "title", "New title", path])
        .current_dir(cwd)
        .output()
        .unwrap()
}

#[test]
fn a_symlink_is_followed_and_permissions_kept() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("real")).unwrap();
    std::fs::create_dir_all(d.join("docket")).unwrap();
    std::fs::write(d.join("real/t.toml"), FILE).unwrap();
    std::fs::set_permissions(
        d.join("real/t.toml"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink(d.join("real/t.toml"), d.join("docket/t.toml")).unwrap();
    let out = set(d, "docket");
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
}

#[test]
fn hard_links_are_not_split() {
    let tmp = support::temp_dir();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("docket")).unwrap();
    std::fs::write(d.join("docket/t.toml"), FILE).unwrap();
    std::fs::hard_link(d.join("docket/t.toml"), d.join("other-name.toml")).unwrap();
    let out = set(d, "docket");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hard links"));
    assert_eq!(
        std::fs::read_to_string(d.join("docket/t.toml")).unwrap(),
        FILE
    );
}
