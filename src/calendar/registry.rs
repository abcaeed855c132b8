//! The named calendars: the built-in ones, compiled in from `data/calendars/`, and the user's own
//! calendar files, which may extend them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono_tz::Tz;

use super::court::{Calendar, Clerk, Closure, DATA_VERSION, Header, Layer};
use super::day_off::Applies;
use super::error::CalendarError;
use super::spec::{CalendarFile, parse_clerk_closes};

/// The built-in calendar files, in an order where every calendar comes after those it uses.
const BUILTIN: &[(&str, &str)] = &[
    (
        "us-federal",
        include_str!("../../data/calendars/us-federal.toml"),
    ),
    (
        "colorado",
        include_str!("../../data/calendars/colorado.toml"),
    ),
    ("d-colo", include_str!("../../data/calendars/d-colo.toml")),
    (
        "co-courts",
        include_str!("../../data/calendars/co-courts.toml"),
    ),
];

/// The counting method of a calendar that names none and extends none.
const DEFAULT_METHOD: &str = "frcp-6";

/// A user's calendar file, read and parsed.
struct UserFile {
    origin: String,
    text: String,
    file: CalendarFile,
}

/// Where a user's calendar file is in being added.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    Open,
    Done,
}

/// A set of named calendars.
///
/// ```
/// use docket::calendar::Calendars;
/// let all = Calendars::builtin();
/// assert_eq!(all.get("d-colo").unwrap().zone(), Some(chrono_tz::America::Denver));
/// assert!(all.get("d-colo2").unwrap_err().to_string().contains("did you mean `d-colo`"));
/// ```
#[derive(Clone, Debug)]
pub struct Calendars {
    by_id: BTreeMap<String, Arc<Calendar>>,
}

impl Calendars {
    /// The built-in calendars (parsed once per process).
    pub fn builtin() -> &'static Calendars {
        static BUILT: OnceLock<Calendars> = OnceLock::new();
        BUILT.get_or_init(|| {
            let mut set = Calendars {
                by_id: BTreeMap::new(),
            };
            for (name, text) in BUILTIN {
                let origin = format!("built-in `{name}`");
                set.add_text(text, &origin, DATA_VERSION.to_string())
                    .expect("built-in calendar data is valid (tested)");
            }
            set
        })
    }

    /// The built-in calendars plus every `*.toml` calendar file in `dir`. Each file's
    /// `[calendar] id` names it; it may not reuse a name already taken. A file may extend or
    /// include another of the folder's calendars, whatever their order; calendars that extend or
    /// include each other in a cycle are refused.
    pub fn with_dir(dir: &Path) -> Result<Calendars, CalendarError> {
        let mut set = Calendars::builtin().clone();
        let io = |e: std::io::Error| CalendarError::Io {
            origin: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let origin = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| CalendarError::Io {
                origin: origin.clone(),
                message: e.to_string(),
            })?;
            let file = CalendarFile::parse(&text, &origin)?;
            files.push(UserFile { origin, text, file });
        }
        set.add_in_order(&files)?;
        Ok(set)
    }

    /// Adds the user's calendar files, each after the calendars it extends or includes.
    fn add_in_order(&mut self, files: &[UserFile]) -> Result<(), CalendarError> {
        let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            let id = f.file.calendar.id.as_str();
            if let Some(&j) = by_id.get(id) {
                return Err(CalendarError::Invalid {
                    origin: f.origin.clone(),
                    message: format!("calendar `{id}` is already defined in {}", files[j].origin),
                });
            }
            by_id.insert(id, i);
        }
        let mut state = vec![Visit::New; files.len()];
        let mut path = Vec::new();
        for i in 0..files.len() {
            self.visit(i, files, &by_id, &mut state, &mut path)?;
        }
        Ok(())
    }

    /// Adds file `i` after the files it uses (depth first; `path` is the chain being added).
    fn visit(
        &mut self,
        i: usize,
        files: &[UserFile],
        by_id: &BTreeMap<&str, usize>,
        state: &mut [Visit],
        path: &mut Vec<usize>,
    ) -> Result<(), CalendarError> {
        match state[i] {
            Visit::Done => return Ok(()),
            Visit::Open => {
                let from = path.iter().position(|&k| k == i).unwrap_or(0);
                let chain: Vec<String> = path[from..]
                    .iter()
                    .chain(std::iter::once(&i))
                    .map(|&k| format!("`{}`", files[k].file.calendar.id))
                    .collect();
                return Err(CalendarError::Invalid {
                    origin: files[i].origin.clone(),
                    message: format!(
                        "calendars extend or include each other in a cycle: {}",
                        chain.join(" → ")
                    ),
                });
            }
            Visit::New => {}
        }
        state[i] = Visit::Open;
        path.push(i);
        let f = &files[i].file;
        let uses = f
            .calendar
            .extends
            .iter()
            .chain(f.include.iter().map(|inc| &inc.calendar));
        for name in uses {
            match by_id.get(name.as_str()) {
                Some(&j) => self.visit(j, files, by_id, state, path)?,
                None if self.by_id.contains_key(name) => {}
                None => {
                    let names: Vec<&str> = self
                        .by_id
                        .keys()
                        .map(String::as_str)
                        .chain(by_id.keys().copied())
                        .collect();
                    let mut known = names.clone();
                    known.sort_unstable();
                    return Err(CalendarError::Unknown {
                        name: name.clone(),
                        suggestion: crate::suggest::nearest(name, names.iter().copied())
                            .map(str::to_string),
                        known: known.join(", "),
                    });
                }
            }
        }
        let user = &files[i];
        let version = format!("{DATA_VERSION}+{:016x}", fnv1a(user.text.as_bytes()));
        self.add_file(&user.file, &user.text, &user.origin, version)?;
        path.pop();
        state[i] = Visit::Done;
        Ok(())
    }

    /// Adds the calendar defined by `text`.
    fn add_text(&mut self, text: &str, origin: &str, version: String) -> Result<(), CalendarError> {
        let file = CalendarFile::parse(text, origin)?;
        self.add_file(&file, text, origin, version)
    }

    /// Adds a parsed calendar file; `text` is its text, for the position of an error.
    fn add_file(
        &mut self,
        file: &CalendarFile,
        text: &str,
        origin: &str,
        version: String,
    ) -> Result<(), CalendarError> {
        let head = &file.calendar;
        if self.by_id.contains_key(&head.id) {
            return Err(CalendarError::Invalid {
                origin: origin.to_string(),
                message: format!("calendar `{}` is already defined", head.id),
            });
        }
        let mut layers: Vec<Layer> = Vec::new();
        let mut zone = None;
        let mut clerk = Clerk::default();
        let mut method = None;
        if let Some(base) = &head.extends {
            let base = self.get(base)?;
            layers.extend(base.layers().iter().cloned());
            zone = base.zone();
            clerk = Clerk {
                closes: base.clerk_closes(),
                note: base.clerk_note().map(str::to_string),
            };
            method = Some(base.method().to_string());
        }
        for inc in &file.include {
            let other = self.get(&inc.calendar)?;
            for layer in other.layers() {
                let Some(applies) = layer.applies.and(inc.applies) else {
                    continue;
                };
                let mut layer = layer.clone();
                layer.applies = applies;
                layer.via = Some(inc.source.clone());
                layers.push(layer);
            }
        }
        if let Some(name) = &head.zone {
            zone = Some(name.parse::<Tz>().map_err(|_| CalendarError::Invalid {
                origin: origin.to_string(),
                message: format!(
                    "unknown time zone `{name}` (an IANA name such as `America/Denver`)"
                ),
            })?);
        }
        if let Some(text) = &head.clerk_closes {
            clerk = Clerk {
                closes: Some(parse_clerk_closes(text, origin)?),
                note: None,
            };
        } else if let Some(note) = &head.clerk_note {
            clerk = Clerk {
                closes: None,
                note: Some(note.clone()),
            };
        }
        if let Some(name) = &head.method {
            let methods = crate::rules::Methods::builtin();
            if methods.get(name).is_err() {
                return Err(CalendarError::Invalid {
                    origin: origin.to_string(),
                    message: format!(
                        "unknown counting method `{name}`{}; known methods: {}",
                        crate::suggest::nearest(name, methods.iter().map(|m| m.id()))
                            .map(|s| format!(" (did you mean `{s}`?)"))
                            .unwrap_or_default(),
                        methods
                            .iter()
                            .map(|m| m.id())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
            method = Some(name.clone());
        }
        let rules = file
            .holiday
            .iter()
            .map(|h| h.to_rule(origin))
            .collect::<Result<Vec<_>, _>>()?;
        let closures = file
            .closure
            .iter()
            .map(|c| {
                Ok(Closure {
                    date: c.day(origin, text)?,
                    name: c.name.clone(),
                    kind: c.kind,
                    applies: c.applies,
                    source: c.source.clone(),
                })
            })
            .collect::<Result<Vec<_>, CalendarError>>()?;
        if !rules.is_empty() || !closures.is_empty() {
            layers.push(Layer {
                calendar: head.id.clone(),
                applies: Applies::Both,
                via: None,
                rules,
                closures,
            });
        }
        let calendar = Calendar::new(
            Header {
                id: head.id.clone(),
                title: head.title.clone(),
                description: head.description.clone(),
                zone,
                clerk,
                method: method.unwrap_or_else(|| DEFAULT_METHOD.to_string()),
                version,
                origin: origin.to_string(),
            },
            layers,
        );
        self.by_id.insert(head.id.clone(), Arc::new(calendar));
        Ok(())
    }

    /// The calendar named `name`, or an error naming the nearest match.
    pub fn get(&self, name: &str) -> Result<&Calendar, CalendarError> {
        self.by_id
            .get(name)
            .map(Arc::as_ref)
            .ok_or_else(|| CalendarError::Unknown {
                name: name.to_string(),
                suggestion: crate::suggest::nearest(name, self.by_id.keys().map(String::as_str))
                    .map(str::to_string),
                known: self.by_id.keys().cloned().collect::<Vec<_>>().join(", "),
            })
    }

    /// Every calendar, in name order.
    pub fn iter(&self) -> impl Iterator<Item = &Calendar> {
        self.by_id.values().map(Arc::as_ref)
    }
}

/// FNV-1a, a stable content hash for user calendar versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
