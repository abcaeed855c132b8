//! The rule sets: the built-in ones, compiled in from `data/rules/`, and the user's own rule-set
//! files (`rules/` in the current folder, `--rules DIR` or `$DOCKET_RULES`), found the way user
//! calendars are.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::error::RulesError;
use super::load::load;
use super::set::RuleSet;
use crate::calendar::Calendars;
use crate::diagnostic::{Diagnostic, SourceFile};

/// The built-in rule-set files.
const BUILTIN: &[(&str, &str)] = &[
    ("frcp", include_str!("../../data/rules/frcp.toml")),
    ("d-colo", include_str!("../../data/rules/d-colo.toml")),
    ("crcp", include_str!("../../data/rules/crcp.toml")),
];

/// A collection of rule sets by id.
///
/// ```
/// use docket::court_rules::RuleSets;
/// let sets = RuleSets::builtin();
/// assert!(sets.get("frcp").is_ok());
/// assert!(sets.get("frpc").unwrap_err().to_string().contains("did you mean `frcp`"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct RuleSets {
    sets: Vec<Arc<RuleSet>>,
}

impl RuleSets {
    /// The built-in sets (read once per process).
    pub fn builtin() -> &'static RuleSets {
        static BUILT: OnceLock<RuleSets> = OnceLock::new();
        BUILT.get_or_init(|| {
            let mut sets = RuleSets::default();
            for (name, text) in BUILTIN {
                let file = Arc::new(SourceFile::new(format!("data/rules/{name}.toml"), *text));
                let set = load(file, Calendars::builtin())
                    .expect("built-in rule sets are valid (tested)");
                sets.sets.push(Arc::new(set));
            }
            sets
        })
    }

    /// The built-in sets plus every `*.toml` file in `dir`, read on `calendars`. Every problem
    /// in every file is returned, each with its file, line and column; the sets that loaded are
    /// kept. A user set may not reuse the id of another.
    pub fn with_dir(dir: &Path, calendars: &Calendars) -> (RuleSets, Vec<Diagnostic>) {
        let mut sets = RuleSets::builtin().clone();
        let mut problems = Vec::new();
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::io_error(
                    dir,
                    format!("cannot read rule folder `{}`: {e}", dir.display()),
                ));
                return (sets, problems);
            }
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        for path in paths {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    problems.push(Diagnostic::io_error(
                        &path,
                        format!("cannot read `{}`: {e}", path.display()),
                    ));
                    continue;
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            match load(Arc::new(SourceFile::new(&path, text)), calendars) {
                Ok(set) => {
                    if let Some(other) = sets.sets.iter().find(|s| s.id == set.id) {
                        problems.push(Diagnostic::path_error(
                            &path,
                            format!(
                                "rule set `{}` is already defined in {}",
                                set.id,
                                other.file.path.display()
                            ),
                        ));
                    } else {
                        sets.sets.push(Arc::new(set));
                    }
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        (sets, problems)
    }

    /// The set `id`, or an error naming the nearest.
    pub fn get(&self, id: &str) -> Result<&RuleSet, RulesError> {
        self.sets
            .iter()
            .find(|s| s.id == id)
            .map(Arc::as_ref)
            .ok_or_else(|| RulesError::Unknown {
                what: "rule set",
                name: id.to_string(),
                within: String::new(),
                suggestion: crate::suggest::nearest(id, self.sets.iter().map(|s| s.id.as_str()))
                    .map(str::to_string),
                known: self
                    .sets
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// Every set, built-in first, then the user's in file-name order.
    pub fn iter(&self) -> impl Iterator<Item = &RuleSet> {
        self.sets.iter().map(Arc::as_ref)
    }
}
