//! The named calendars: the built-in ones, compiled in from `data/calendars/`, and the user's own
//! calendar files, which may extend them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono_tz::Tz;

use super::court::{Calendar, DATA_VERSION, Layer};
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

    /// The built-in calendars plus every `*.toml` calendar file in `dir`, in name order. Each
    /// file's `[calendar] id` names it; it may not reuse a name already taken.
    pub fn with_dir(dir: &Path) -> Result<Calendars, CalendarError> {
        let mut set = Calendars::builtin().clone();
        let io = |e: std::io::Error| CalendarError::Io {
            origin: dir.display().to_string(),
            message: e.to_string(),
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        files.sort();
        for path in files {
            let origin = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| CalendarError::Io {
                origin: origin.clone(),
                message: e.to_string(),
            })?;
            let version = format!("{DATA_VERSION}+{:016x}", fnv1a(text.as_bytes()));
            set.add_text(&text, &origin, version)?;
        }
        Ok(set)
    }

    /// Adds the calendar defined by `text`.
    fn add_text(&mut self, text: &str, origin: &str, version: String) -> Result<(), CalendarError> {
        let file = CalendarFile::parse(text, origin)?;
        let head = &file.calendar;
        if self.by_id.contains_key(&head.id) {
            return Err(CalendarError::Invalid {
                origin: origin.to_string(),
                message: format!("calendar `{}` is already defined", head.id),
            });
        }
        let mut layers: Vec<Layer> = Vec::new();
        let mut zone = None;
        let mut clerk_closes = None;
        if let Some(base) = &head.extends {
            let base = self.get(base)?;
            layers.extend(base.layers().iter().cloned());
            zone = base.zone();
            clerk_closes = base.clerk_closes();
        }
        for inc in &file.include {
            let other = self.get(&inc.calendar)?;
            for layer in other.layers() {
                let applies = match (layer.applies, inc.applies) {
                    (Applies::Both, a) | (a, Applies::Both) => a,
                    (a, b) if a == b => a,
                    _ => continue,
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
            clerk_closes = Some(parse_clerk_closes(text, origin)?);
        }
        let rules = file
            .holiday
            .iter()
            .map(|h| h.to_rule(origin))
            .collect::<Result<Vec<_>, _>>()?;
        let closures = file
            .closure
            .iter()
            .map(|c| Ok((c.day(origin)?, c.name.clone(), c.kind, c.source.clone())))
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
            head.id.clone(),
            head.title.clone(),
            head.description.clone(),
            zone,
            clerk_closes,
            version,
            origin.to_string(),
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
