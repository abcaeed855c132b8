//! The text form of a period: `N UNIT [before|after] [+ mail|+ clerk|+ consent|+ electronic]`.

use std::str::FromStr;

use crate::calendar::Counting;

use super::error::PeriodError;
use super::period::{Period, Service, Unit};

const UNITS: &[&str] = &[
    "days",
    "court days",
    "calendar days",
    "weeks",
    "months",
    "years",
    "hours",
];
/// Words for electronic service that are not the add-on's own: `+ e-mail` is electronic
/// service, and is pointed to `+ electronic`, never to `+ mail`.
const ELECTRONIC: &[&str] = &[
    "e-mail",
    "email",
    "e-service",
    "eservice",
    "ecf",
    "cm/ecf",
    "efile",
    "e-file",
    "e-filing",
    "efiling",
    "electronically",
    "electronic-service",
];

fn unit_of(word: &str) -> Option<Unit> {
    Some(match word {
        "day" | "days" => Unit::Days,
        "week" | "weeks" => Unit::Weeks,
        "month" | "months" => Unit::Months,
        "year" | "years" => Unit::Years,
        "hour" | "hours" => Unit::Hours,
        _ => return None,
    })
}

impl FromStr for Period {
    type Err = PeriodError;

    /// Parses the text form.
    ///
    /// ```
    /// use docket::rules::Period;
    /// assert!("3 court days".parse::<Period>().is_ok());
    /// let err = "-5 days".parse::<Period>().unwrap_err();
    /// assert!(err.to_string().contains("`5 days before`"));
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_lowercase();
        // Separate a `+` from the word that follows it, so `+mail` and `+ mail` read alike.
        let spaced = lower.replace('+', " + ");
        let words: Vec<&str> = spaced.split_whitespace().collect();
        let Some((&first, rest)) = words.split_first() else {
            return Err(PeriodError::Empty);
        };
        let count = parse_count(first, rest)?;
        let (unit, mut rest) = match rest {
            ["court", "day" | "days", tail @ ..] => (Unit::CourtDays, tail),
            ["calendar", "day" | "days", tail @ ..] => (Unit::CalendarDays, tail),
            [word, tail @ ..] => match unit_of(word) {
                Some(unit) => (unit, tail),
                None => {
                    return Err(PeriodError::UnknownUnit {
                        unit: (*word).to_string(),
                        suggestion: crate::suggest::nearest(word, UNITS.iter().copied())
                            .map(str::to_string),
                    });
                }
            },
            [] => return Err(PeriodError::MissingUnit),
        };
        let mut direction = Counting::Forward;
        if let [word @ ("before" | "after"), tail @ ..] = rest {
            if *word == "before" {
                direction = Counting::Backward;
            }
            rest = tail;
        }
        let mut service = None;
        if let ["+", tail @ ..] = rest {
            let [word, tail @ ..] = tail else {
                return Err(PeriodError::MissingService);
            };
            service = Some(match *word {
                "mail" => Service::Mail,
                "clerk" => Service::Clerk,
                "consent" => Service::Consent,
                "electronic" => Service::Electronic,
                other => {
                    // Never a guess at a means that adds days the text does not name: only a
                    // word that is itself electronic service is pointed to `+ electronic`.
                    let electronic = ELECTRONIC.contains(&other);
                    return Err(PeriodError::UnknownService {
                        service: other.to_string(),
                        suggestion: electronic.then(|| "electronic".to_string()),
                    });
                }
            });
            rest = tail;
            // `+ electronic service`, `+ mail service`: the word `service` adds nothing.
            if let ["service", tail @ ..] = rest {
                rest = tail;
            }
        }
        if let Some(extra) = rest.first() {
            return Err(PeriodError::Unexpected {
                word: (*extra).to_string(),
            });
        }
        if service.is_some() && direction == Counting::Backward {
            return Err(PeriodError::ServiceBefore);
        }
        Ok(Period {
            count,
            unit,
            direction,
            service,
        })
    }
}

fn parse_count(word: &str, rest: &[&str]) -> Result<u32, PeriodError> {
    if let Some(positive) = word.strip_prefix('-') {
        let unit = rest.first().copied().unwrap_or("days");
        let unit = if unit == "court" { "court days" } else { unit };
        return Err(PeriodError::Negative {
            instead: format!("{positive} {unit} before"),
        });
    }
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PeriodError::BadCount {
            count: word.to_string(),
        });
    }
    word.parse::<u32>().map_err(|_| PeriodError::TooLarge {
        count: word.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Period, PeriodError> {
        s.parse()
    }

    /// `21 days + e-mail` was answered "did you mean `+ mail`?": a suggestion that adds 3 days
    /// for a service (e-mail) that adds none today. Only electronic service is suggested for it,
    /// and nothing is suggested for a word that is not a known means.
    #[test]
    fn an_unknown_add_on_never_suggests_one_that_adds_days() {
        for word in ["e-mail", "email", "E-Mail", "ecf", "e-service"] {
            assert_eq!(
                parse(&format!("21 days + {word}")),
                Err(PeriodError::UnknownService {
                    service: word.to_lowercase(),
                    suggestion: Some("electronic".into())
                }),
                "{word}"
            );
        }
        for word in ["mial", "mai", "cleark", "consnt", "fedex", "hand"] {
            let err = parse(&format!("21 days + {word}")).unwrap_err();
            assert_eq!(
                err,
                PeriodError::UnknownService {
                    service: word.into(),
                    suggestion: None
                },
                "{word}"
            );
            let text = err.to_string();
            assert!(!text.contains("did you mean"), "{text}");
            for means in Service::ALL {
                assert!(text.contains(&format!("`+ {}`", means.word())), "{text}");
            }
        }
    }

    #[test]
    fn the_forms_of_the_text() {
        for (text, canonical) in [
            ("14 days", "14 days"),
            ("1 day", "1 day"),
            ("3 court days", "3 court days"),
            ("72 hours", "72 hours"),
            ("10 days before", "10 days before"),
            ("21 days + mail", "21 days + mail"),
            ("21 Days +mail", "21 days + mail"),
            ("21 days after + clerk", "21 days + clerk"),
            ("1 month", "1 month"),
            ("2 weeks", "2 weeks"),
            ("7 calendar days", "7 calendar days"),
            ("1 calendar day", "1 calendar day"),
            ("14 days + electronic", "14 days + electronic"),
            ("14 days + electronic service", "14 days + electronic"),
            ("1 year", "1 year"),
            ("3 court days + consent", "3 court days + consent"),
        ] {
            assert_eq!(parse(text).unwrap().to_string(), canonical, "{text}");
        }
    }

    #[test]
    fn errors_say_what_was_expected() {
        assert_eq!(
            parse("14 dayz"),
            Err(PeriodError::UnknownUnit {
                unit: "dayz".into(),
                suggestion: Some("days".into())
            })
        );
        assert_eq!(
            parse("-5 days"),
            Err(PeriodError::Negative {
                instead: "5 days before".into()
            })
        );
        assert!(matches!(
            parse("1e30 days"),
            Err(PeriodError::BadCount { .. })
        ));
        assert!(matches!(
            parse("9223372036854775807 days"),
            Err(PeriodError::TooLarge { .. })
        ));
        assert_eq!(parse(""), Err(PeriodError::Empty));
        assert_eq!(parse("14"), Err(PeriodError::MissingUnit));
        assert_eq!(
            parse("10 days before + mail"),
            Err(PeriodError::ServiceBefore)
        );
        assert_eq!(
            parse("14 days + fax"),
            Err(PeriodError::UnknownService {
                service: "fax".into(),
                suggestion: None
            })
        );
        assert!(matches!(
            parse("14 days later"),
            Err(PeriodError::Unexpected { .. })
        ));
    }
}
