//! FHIR `date` and `dateTime` values as instants.
//!
//! FHIR allows partial dates (`2024`, `2024-05`, `2024-05-01`) and full date-times with a
//! zone. A partial value is read as the start of the period it names, in UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Parses a FHIR `dateTime` (or `date`) into an instant; `None` when it is not one.
pub fn parse_fhir_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(instant.with_timezone(&Utc));
    }
    // FHIR allows a time without seconds only in zone-less forms produced by some systems;
    // accept `YYYY-MM-DDThh:mm(:ss)` without zone as UTC, as many EHR exports write it.
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Some(naive.and_utc());
        }
    }
    parse_fhir_date(text).map(|date| date.and_hms_opt(0, 0, 0).expect("midnight").and_utc())
}

/// The UTC offset (seconds east) written in a FHIR dateTime (`Z` is 0); `None` for a date or
/// a dateTime without a zone.
pub fn fhir_utc_offset(text: &str) -> Option<i32> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|instant| instant.offset().local_minus_utc())
}

/// Parses a FHIR `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) as the first day it names.
pub fn parse_fhir_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range.clone())
            .filter(|b| b.iter().all(u8::is_ascii_digit))
            .map(|_| &text[range])
    };
    let year: i32 = digits(0..4)?.parse().ok()?;
    match text.len() {
        4 => NaiveDate::from_ymd_opt(year, 1, 1),
        7 if bytes[4] == b'-' => NaiveDate::from_ymd_opt(year, digits(5..7)?.parse().ok()?, 1),
        10 if bytes[4] == b'-' && bytes[7] == b'-' => NaiveDate::from_ymd_opt(
            year,
            digits(5..7)?.parse().ok()?,
            digits(8..10)?.parse().ok()?,
        ),
        _ => None,
    }
}

/// Whole years between `birth` and the instant `at` (0 when `at` precedes the birthday).
pub fn age_in_years(birth: NaiveDate, at: DateTime<Utc>) -> u32 {
    at.date_naive().years_since(birth).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: Option<&str>) {
        let got = parse_fhir_datetime(text).map(|d| d.to_rfc3339());
        assert_eq!(got.as_deref(), expect, "{text}");
    }

    #[test]
    fn fhir_datetimes() {
        check("2024", Some("2024-01-01T00:00:00+00:00"));
        check("2024-05", Some("2024-05-01T00:00:00+00:00"));
        check("2024-05-17", Some("2024-05-17T00:00:00+00:00"));
        check("2024-05-17T10:30:00Z", Some("2024-05-17T10:30:00+00:00"));
        check(
            "2024-05-17T10:30:00+05:00",
            Some("2024-05-17T05:30:00+00:00"),
        );
        check(
            "2024-05-17T10:30:00.250Z",
            Some("2024-05-17T10:30:00.250+00:00"),
        );
        check("2024-05-17T10:30", Some("2024-05-17T10:30:00+00:00"));
        check("2024-13-01", None);
        check("2024-02-30", None);
        check("17.05.2024", None);
        check("", None);
        check("yesterday", None);
        check("2024-5-1", None);
    }

    #[test]
    fn ages() {
        let birth = NaiveDate::from_ymd_opt(1950, 6, 15).unwrap();
        let at = |s: &str| parse_fhir_datetime(s).unwrap();
        assert_eq!(age_in_years(birth, at("2025-06-14T23:00:00Z")), 74);
        assert_eq!(age_in_years(birth, at("2025-06-15T00:00:00Z")), 75);
        assert_eq!(age_in_years(birth, at("1940-01-01")), 0);
    }
}
