//! The method file format (`data/methods/*.toml`): a `[method]` header and its `[[version]]`s,
//! oldest first, each complete in itself.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use super::method::{Method, Version};
use crate::calendar::MIN_DATE;

/// A method file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MethodFile {
    method: Header,
    version: Vec<Version>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    id: String,
    title: String,
    description: String,
}

/// Reads a TOML date (`2009-12-01`, no time) as a civil date.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let value = toml::value::Datetime::deserialize(d)?;
    match (value.date, value.time) {
        (Some(day), None) => {
            NaiveDate::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
                .ok_or_else(|| serde::de::Error::custom(format!("no such date {value}")))
        }
        _ => Err(serde::de::Error::custom(format!(
            "expected a plain date such as 2009-12-01, not {value}"
        ))),
    }
}

impl MethodFile {
    /// Parses a method file.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Checks the versions (in order, the first from the first day docket computes with) and
    /// gives each the day before the next as its last.
    pub(crate) fn into_method(self) -> Result<Method, String> {
        let mut versions = self.version;
        let Some(first) = versions.first() else {
            return Err(format!("method `{}` has no version", self.method.id));
        };
        if first.from != MIN_DATE {
            return Err(format!(
                "the first version of `{}` must start on {MIN_DATE}, the first day docket computes with",
                self.method.id
            ));
        }
        for i in 1..versions.len() {
            if versions[i].from <= versions[i - 1].from {
                return Err(format!(
                    "the versions of `{}` must be in date order ({} comes after {})",
                    self.method.id,
                    versions[i].from,
                    versions[i - 1].from
                ));
            }
            versions[i - 1].until = versions[i].from.pred_opt();
        }
        Ok(Method::new(
            self.method.id,
            self.method.title,
            self.method.description,
            versions,
        ))
    }
}
