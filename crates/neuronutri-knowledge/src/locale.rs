//! How a person reads times and numbers: the language and the time zone of the assessment.
//!
//! Times shown to a person are in the patient's local time (KNOWLEDGE.md, "Time, numbers and
//! language"): the zone of the site (an IANA name such as `Asia/Tashkent`, from `--tz` or the
//! site configuration) or the offset of the assessment instant (`--at …+05:00`). A date-only
//! value is a date: it is shown as the day it names, never shifted by a zone. JSON keeps
//! RFC 3339 instants with their offset; this module only formats what a person reads.

use crate::texts::Lang;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Offset, Timelike, Utc};
use std::fmt;

/// The time zone in which times are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Zone {
    /// Coordinated Universal Time.
    #[default]
    Utc,
    /// A fixed offset from UTC (the offset of `--at`).
    Fixed(FixedOffset),
    /// An IANA time zone, whose offset follows its daylight-saving rules.
    Named(chrono_tz::Tz),
}

impl Zone {
    /// An IANA time zone by name (`Asia/Tashkent`, `Europe/Rome`; `UTC`).
    pub fn named(name: &str) -> Result<Zone, String> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("UTC") || name == "Etc/UTC" {
            return Ok(Zone::Utc);
        }
        name.parse::<chrono_tz::Tz>().map(Zone::Named).map_err(|_| {
            format!("'{name}' is not an IANA time zone name such as Asia/Tashkent or Europe/Rome")
        })
    }

    /// The zone of an offset: UTC for +00:00, else the fixed offset.
    pub fn from_offset(offset: FixedOffset) -> Zone {
        if offset.local_minus_utc() == 0 {
            Zone::Utc
        } else {
            Zone::Fixed(offset)
        }
    }

    /// The offset from UTC in force at `instant`.
    pub fn offset_at(self, instant: DateTime<Utc>) -> FixedOffset {
        match self {
            Zone::Utc => FixedOffset::east_opt(0).expect("zero offset"),
            Zone::Fixed(offset) => offset,
            Zone::Named(tz) => instant.with_timezone(&tz).offset().fix(),
        }
    }

    /// The instant with the offset in force there (for RFC 3339 output).
    pub fn at(self, instant: DateTime<Utc>) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.offset_at(instant))
    }

    /// The wall-clock time at `instant`.
    pub fn local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        self.at(instant).naive_local()
    }

    /// `UTC`, or `UTC+05:00` at `instant`.
    pub fn offset_label(self, instant: DateTime<Utc>) -> String {
        let seconds = self.offset_at(instant).local_minus_utc();
        if seconds == 0 {
            return "UTC".into();
        }
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

impl fmt::Display for Zone {
    /// `UTC`, `UTC+05:00` or the IANA name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Utc => f.write_str("UTC"),
            Zone::Fixed(_) => f.write_str(&self.offset_label(DateTime::<Utc>::UNIX_EPOCH)),
            Zone::Named(tz) => f.write_str(tz.name()),
        }
    }
}

/// The language and time zone a person reads an assessment in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    /// The language of the texts, numbers and dates.
    pub lang: Lang,
    /// The zone in which times are shown.
    pub zone: Zone,
}

impl From<Lang> for Locale {
    /// The language, with times in UTC.
    fn from(lang: Lang) -> Locale {
        Locale {
            lang,
            zone: Zone::Utc,
        }
    }
}

impl Locale {
    /// A number in the language's format (see [`Lang::number`]).
    pub fn number(&self, value: f64) -> String {
        self.lang.number(value)
    }

    /// A date as clinicians writing the language write it: ISO in English, DD.MM.YYYY in
    /// Russian and Uzbek, DD/MM/YYYY in Italian.
    pub fn date(&self, date: NaiveDate) -> String {
        let (d, m, y) = (date.day(), date.month(), date.year());
        match self.lang {
            Lang::En => format!("{y:04}-{m:02}-{d:02}"),
            Lang::Ru | Lang::Uz | Lang::UzCyrl => format!("{d:02}.{m:02}.{y:04}"),
            Lang::It => format!("{d:02}/{m:02}/{y:04}"),
        }
    }

    /// A date and time of day in the local zone, with its offset: `10.03.2025 15:30 UTC+05:00`.
    pub fn date_time(&self, instant: DateTime<Utc>) -> String {
        let local = self.zone.local(instant);
        format!(
            "{} {:02}:{:02} {}",
            self.date(local.date()),
            local.hour(),
            local.minute(),
            self.zone.offset_label(instant)
        )
    }

    /// An instant from the patient record: the date alone when the record gave only a date
    /// (the model reads a FHIR date as midnight UTC of that day), else the local date and
    /// time.
    pub fn instant(&self, instant: DateTime<Utc>, date_only: bool) -> String {
        if date_only {
            self.date(instant.date_naive())
        } else {
            self.date_time(instant)
        }
    }

    /// The assessment instant for a heading: local date and time, and the zone's name when
    /// it is an IANA zone (`10.03.2025 16:00 UTC+05:00, Asia/Tashkent`).
    pub fn heading_time(&self, instant: DateTime<Utc>) -> String {
        match self.zone {
            Zone::Named(tz) => format!("{}, {}", self.date_time(instant), tz.name()),
            _ => self.date_time(instant),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn local_times_follow_the_zone() {
        let at = instant("2025-03-10T11:00:00Z");
        let tashkent = Locale {
            lang: Lang::Ru,
            zone: Zone::named("Asia/Tashkent").unwrap(),
        };
        assert_eq!(tashkent.date_time(at), "10.03.2025 16:00 UTC+05:00");
        assert_eq!(
            tashkent.heading_time(at),
            "10.03.2025 16:00 UTC+05:00, Asia/Tashkent"
        );
        // Late evening UTC is the next day in Tashkent.
        assert_eq!(
            tashkent.date_time(instant("2025-03-10T21:30:00Z")),
            "11.03.2025 02:30 UTC+05:00"
        );
        // A date-only value is the day it names, whatever the zone.
        assert_eq!(
            tashkent.instant(instant("2025-03-10T00:00:00Z"), true),
            "10.03.2025"
        );
        let new_york = Locale {
            lang: Lang::En,
            zone: Zone::named("America/New_York").unwrap(),
        };
        assert_eq!(
            new_york.instant(instant("2025-03-10T00:00:00Z"), true),
            "2025-03-10"
        );
        assert_eq!(
            new_york.date_time(instant("2025-03-10T00:00:00Z")),
            "2025-03-09 20:00 UTC-04:00"
        );
        // Daylight saving time: Rome is +01:00 in winter, +02:00 in summer.
        let rome = Locale {
            lang: Lang::It,
            zone: Zone::named("Europe/Rome").unwrap(),
        };
        assert_eq!(
            rome.date_time(instant("2025-01-15T08:00:00Z")),
            "15/01/2025 09:00 UTC+01:00"
        );
        assert_eq!(
            rome.date_time(instant("2025-07-15T08:00:00Z")),
            "15/07/2025 10:00 UTC+02:00"
        );
    }

    #[test]
    fn fixed_offsets_and_utc() {
        let at = instant("2025-03-10T11:00:00Z");
        let plus_five = Zone::from_offset(FixedOffset::east_opt(5 * 3600).unwrap());
        assert_eq!(plus_five.to_string(), "UTC+05:00");
        assert_eq!(plus_five.at(at).to_rfc3339(), "2025-03-10T16:00:00+05:00");
        let minus = Zone::from_offset(FixedOffset::west_opt(3 * 3600 + 1800).unwrap());
        assert_eq!(minus.offset_label(at), "UTC-03:30");
        assert_eq!(
            Zone::from_offset(FixedOffset::east_opt(0).unwrap()),
            Zone::Utc
        );
        assert_eq!(Locale::from(Lang::En).date_time(at), "2025-03-10 11:00 UTC");
        assert_eq!(Zone::named("utc"), Ok(Zone::Utc));
        let err = Zone::named("Asia/Tashkient").unwrap_err();
        assert!(err.contains("Asia/Tashkient"), "{err}");
        assert!(Zone::named("+05:00").is_err());
    }
}
