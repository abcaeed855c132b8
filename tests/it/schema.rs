//! The JSON Schema (`docket schema`, `schema/timeline.schema.json`) kept in step with the loader:
//! every bundled and fixture file that loads validates against it, and the invalid fixtures whose
//! fault is one of shape (an unknown key, a wrong type, a missing table, a bad status) do not.

use std::path::{Path, PathBuf};

use docket::calendar::Calendars;
use docket::timeline::Docket;
use serde_json::Value;

fn to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(docket::cli::schema::SCHEMA).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn instance(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    to_json(toml::from_str::<toml::Value>(&text).unwrap())
}

fn files_under(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_that_loads_validates() {
    let v = validator();
    let mut checked = 0;
    for dir in ["timelines", "tests/edit", "tests/invalid"] {
        for path in files_under(dir) {
            let docket = Docket::load(std::slice::from_ref(&path), Calendars::builtin());
            if docket.has_errors() {
                continue;
            }
            let errors: Vec<String> = v
                .iter_errors(&instance(&path))
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "{} loads but fails the schema: {errors:?}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} files checked");
}

#[test]
fn shape_errors_fail_the_schema_too() {
    let v = validator();
    for name in [
        "unknown-key",
        "wrong-type",
        "no-timeline",
        "period-and-due",
        "bad-status",
        "many-errors",
    ] {
        let path = PathBuf::from(format!("tests/invalid/{name}.toml"));
        assert!(!v.is_valid(&instance(&path)), "{name} passes the schema");
    }
}

#[test]
fn bundled_timelines_name_the_schema() {
    for path in files_under("timelines") {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("#:schema ../schema/timeline.schema.json\n"),
            "{}",
            path.display()
        );
    }
}
