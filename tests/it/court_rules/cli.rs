//! `docket rules`, `rules show`, `rules test` and `schema rules` through the binary.

use std::process::Output;

fn docket(args: &[&str]) -> Output {
    let dir = crate::support::temp_dir();
    crate::support::docket()
        .args(args)
        .current_dir(dir.path())
        .output()
        .unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    let o = docket(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn every_worked_example_passes_through_the_binary() {
    let o = docket(&["rules", "test"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

#[test]
fn rules_lists_the_sets_as_json() {
    let v = json(&["rules", "--format", "json"]);
    assert_eq!(v["version"], 1);
    let v = &v["sets"];
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["frcp", "d-colo", "crcp"]);
    for s in v.as_array().unwrap() {
        assert!(s["title"].is_string() && s["jurisdiction"].is_string());
        assert!(s["verified"]["on"].is_string() && s["verified"]["source"].is_string());
    }
}

#[test]
fn rules_show_prints_a_family_as_data() {
    let v = json(&[
        "rules",
        "show",
        "frcp",
        "judgment-entered",
        "--format",
        "json",
    ]);
    let rules = v["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in ["50-b", "52-b", "59-b", "59-e", "frap-4-a-1", "frap-4-a-4-A"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    for r in rules {
        for key in [
            "id",
            "title",
            "period",
            "counted_from",
            "citation",
            "status",
        ] {
            assert!(!r[key].is_null(), "{key} of {}", r["id"]);
        }
    }
    let d = json(&[
        "rules",
        "show",
        "d-colo",
        "motion-served",
        "--format",
        "json",
    ]);
    let reply = d["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "7-1-d-reply")
        .unwrap();
    assert_eq!(reply["counts_from"], "done");
    assert_eq!(reply["counted_from"], "7-1-d-response (when done)");
}

#[test]
fn rules_show_prints_a_family_as_a_table() {
    let o = docket(&["rules", "show", "frcp", "complaint-served"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0));
    for cell in [
        "Answer due (12-a-1-A-i) when us-party = no",
        "21 days",
        "Fed. R. Civ. P. 12(a)(2), (3)",
        "verified",
    ] {
        assert!(stdout.contains(cell), "{cell}: {stdout}");
    }
}

#[test]
fn schema_rules_validates_every_built_in_set() {
    let o = docket(&["schema", "rules"]);
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for name in ["frcp", "d-colo", "crcp"] {
        let text = std::fs::read_to_string(format!("data/rules/{name}.toml")).unwrap();
        let value: toml::Value = toml::from_str(&text).unwrap();
        let instance = to_json(value);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    // `docket schema` alone stays the timeline schema.
    let o = docket(&["schema"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("docket timeline"));
}

fn to_json(v: toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => a.into_iter().map(to_json).collect(),
        toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, to_json(v))).collect(),
    }
}
