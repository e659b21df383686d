//! A p-value as papers report it: `p < 0.001`, `<0,05`, `> 0.05`, `= 0.03`, `0.03`.

use serde::Serialize;
use std::fmt;

/// A reported p-value or bound.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportedP {
    /// `p < bound`
    Below {
        /// The bound.
        bound: f64,
    },
    /// `p > bound`
    Above {
        /// The bound.
        bound: f64,
    },
    /// `p = value`, given with `decimals` decimals.
    Exact {
        /// The value.
        value: f64,
        /// Decimals as printed.
        decimals: u32,
    },
}

impl ReportedP {
    /// Parses a reported p, accepting a decimal comma and an optional leading `p`.
    pub fn parse(text: &str) -> Option<ReportedP> {
        let text = text.trim().trim_start_matches(['p', 'P']).trim();
        let (kind, rest) = match text.chars().next()? {
            '<' | '≤' => ('<', &text[text.chars().next()?.len_utf8()..]),
            '>' | '≥' => ('>', &text[text.chars().next()?.len_utf8()..]),
            '=' => ('=', &text[1..]),
            _ => ('=', text),
        };
        let number = rest.trim().replace(',', ".");
        let value: f64 = number.parse().ok()?;
        if !(0.0..=1.0).contains(&value) {
            return None;
        }
        let decimals = number.split_once('.').map_or(0, |(_, d)| d.len() as u32);
        Some(match kind {
            '<' => ReportedP::Below { bound: value },
            '>' => ReportedP::Above { bound: value },
            _ => ReportedP::Exact { value, decimals },
        })
    }

    /// Whether a recomputed p agrees with the report (an exact value must round to it).
    pub fn holds_for(self, p: f64) -> bool {
        match self {
            ReportedP::Below { bound } => p < bound,
            ReportedP::Above { bound } => p > bound,
            ReportedP::Exact { value, decimals } => {
                let half = 0.5 * 10f64.powi(-(decimals as i32));
                (p - value).abs() <= half + 1e-12
            }
        }
    }
}

impl fmt::Display for ReportedP {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportedP::Below { bound } => write!(f, "p < {bound}"),
            ReportedP::Above { bound } => write!(f, "p > {bound}"),
            ReportedP::Exact { value, decimals } => write!(f, "p = {value:.*}", *decimals as usize),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_as_papers_write_it() {
        assert_eq!(
            ReportedP::parse("<0,001"),
            Some(ReportedP::Below { bound: 0.001 })
        );
        assert_eq!(
            ReportedP::parse("p < 0.05"),
            Some(ReportedP::Below { bound: 0.05 })
        );
        assert_eq!(
            ReportedP::parse(">0,05"),
            Some(ReportedP::Above { bound: 0.05 })
        );
        assert_eq!(
            ReportedP::parse("= 0.032"),
            Some(ReportedP::Exact {
                value: 0.032,
                decimals: 3
            })
        );
        assert_eq!(
            ReportedP::parse("0.03"),
            Some(ReportedP::Exact {
                value: 0.03,
                decimals: 2
            })
        );
        assert_eq!(ReportedP::parse("n.s."), None);
        assert_eq!(ReportedP::parse("<5"), None);
    }

    #[test]
    fn bounds_and_rounding() {
        assert!(ReportedP::parse("<0.05").unwrap().holds_for(0.049));
        assert!(!ReportedP::parse("<0.05").unwrap().holds_for(0.05));
        assert!(ReportedP::parse(">0.05").unwrap().holds_for(0.2));
        assert!(ReportedP::parse("0.03").unwrap().holds_for(0.0349));
        assert!(!ReportedP::parse("0.03").unwrap().holds_for(0.0351));
    }
}
