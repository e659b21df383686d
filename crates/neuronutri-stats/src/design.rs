//! The model matrix of a regression written as R writes its terms: numeric predictors,
//! categorical predictors (factors) in treatment (dummy) coding against a chosen reference
//! level, and interactions `a:b` and `a*b` (= `a + b + a:b`). The columns it builds, and their
//! names (`groupB`, `age:groupB`), are those of R's `model.matrix` / `lm`, so a table printed
//! from them reads like R's `summary(lm(...))`.
//!
//! It exists so that [`crate::ols`] and [`crate::logistic`] stay plain numeric fitters: the
//! coding of factors is decided once, here.

use crate::error::{invalid, Result};

/// Largest number of columns a design may expand to (intercept not counted).
pub const MAX_COLUMNS: usize = 64;

/// A variable a term may name.
#[derive(Debug, Clone, Copy)]
pub enum Variable<'a> {
    /// A numeric column (NaN = missing).
    Numeric(&'a [f64]),
    /// A categorical column: each row's level index into `levels` (`None` = missing), and
    /// the index of the reference level (it gets no column).
    Factor {
        /// Level index of each row.
        codes: &'a [Option<usize>],
        /// The levels, in the order their dummy columns are made.
        levels: &'a [String],
        /// Index of the reference level in `levels`.
        reference: usize,
    },
}

/// A term: one variable, or an interaction of several (`a:b`).
pub type Term = Vec<String>;

/// Parses R-style terms: `"age"`, `"age:group"`, `"age*group"` (= `age`, `group`,
/// `age:group`). Terms are ordered as R orders them (all main effects first, then two-way
/// interactions, …, each in the order first written) and duplicates are dropped.
pub fn parse_terms(written: &[&str]) -> Result<Vec<Term>> {
    let mut terms: Vec<Term> = Vec::new();
    let add = |t: Term, terms: &mut Vec<Term>| {
        let mut key = t.clone();
        key.sort();
        if !terms.iter().any(|u| {
            let mut k = u.clone();
            k.sort();
            k == key
        }) {
            terms.push(t);
        }
    };
    for w in written {
        let w = w.trim();
        if w.contains('*') {
            let parts: Vec<String> = w.split('*').map(|s| s.trim().to_owned()).collect();
            if parts.iter().any(|p| p.is_empty() || p.contains(':')) {
                return Err(invalid("term", format!("`{w}` (write a*b or a*b*c)")));
            }
            // Every non-empty subset, smaller ones first.
            let k = parts.len();
            if k > 3 {
                return Err(invalid(
                    "term",
                    format!("`{w}` (at most three variables interact)"),
                ));
            }
            for size in 1..=k {
                for mask in 1usize..1 << k {
                    if mask.count_ones() as usize == size {
                        let t: Term = (0..k)
                            .filter(|i| mask >> i & 1 == 1)
                            .map(|i| parts[i].clone())
                            .collect();
                        add(t, &mut terms);
                    }
                }
            }
        } else {
            let parts: Vec<String> = w.split(':').map(|s| s.trim().to_owned()).collect();
            if parts.iter().any(String::is_empty) {
                return Err(invalid("term", format!("`{w}`")));
            }
            if parts.len() > 3 {
                return Err(invalid(
                    "term",
                    format!("`{w}` (at most three variables interact)"),
                ));
            }
            let mut seen = parts.clone();
            seen.sort();
            seen.dedup();
            if seen.len() != parts.len() {
                return Err(invalid("term", format!("`{w}` names a variable twice")));
            }
            add(parts, &mut terms);
        }
    }
    if terms.is_empty() {
        return Err(invalid("predictor list", "empty"));
    }
    // Variables of an interaction in the order they first appear (R writes `x:g` for `g:x`
    // when `x` comes first), then terms by order, each order in the order first written.
    let mut order: Vec<String> = Vec::new();
    for t in &terms {
        for v in t {
            if !order.contains(v) {
                order.push(v.clone());
            }
        }
    }
    for t in &mut terms {
        t.sort_by_key(|v| order.iter().position(|o| o == v));
    }
    terms.sort_by_key(Vec::len);
    Ok(terms)
}

/// One column of the model matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignColumn {
    /// R's name of the column (`age`, `groupB`, `age:groupB`).
    pub name: String,
    /// Index of the term it belongs to.
    pub term: usize,
    /// Whether the column is a single numeric variable (standardized β and LMG apply to
    /// those only).
    pub plain_numeric: bool,
    /// Values (NaN where any variable of the term is missing).
    pub values: Vec<f64>,
}

/// Builds the columns of the model matrix (without the intercept) for `terms` over
/// `variables` (looked up by name). Every factor in an interaction must also appear as a main
/// effect (as R's coding then is plain treatment coding).
pub fn model_matrix(
    terms: &[Term],
    variables: &[(&str, Variable<'_>)],
) -> Result<Vec<DesignColumn>> {
    let find = |name: &str| {
        variables
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| invalid("term", format!("`{name}` is not a variable of the model")))
    };
    let rows = variables.first().map_or(0, |(_, v)| match v {
        Variable::Numeric(x) => x.len(),
        Variable::Factor { codes, .. } => codes.len(),
    });
    for (name, v) in variables {
        let len = match v {
            Variable::Numeric(x) => x.len(),
            Variable::Factor {
                codes,
                levels,
                reference,
            } => {
                if levels.len() < 2 {
                    return Err(invalid(
                        "factor",
                        format!("`{name}` has {} level(s); a factor needs two", levels.len()),
                    ));
                }
                if *reference >= levels.len() {
                    return Err(invalid("reference level", format!("of `{name}`")));
                }
                codes.len()
            }
        };
        if len != rows {
            return Err(crate::StatsError::LengthMismatch {
                left: rows,
                right: len,
            });
        }
    }
    let mut out = Vec::new();
    for (ti, term) in terms.iter().enumerate() {
        for name in term {
            let v = find(name)?;
            if term.len() > 1
                && matches!(v, Variable::Factor { .. })
                && !terms.iter().any(|t| t.len() == 1 && &t[0] == name)
            {
                return Err(invalid(
                    "term",
                    format!(
                        "`{}`: the factor `{name}` interacts without its main effect (write {})",
                        term.join(":"),
                        term.join("*")
                    ),
                ));
            }
        }
        // Columns of each variable of the term: (name suffix, values); the first
        // variable varies fastest, as in R.
        let mut cols: Vec<(String, Vec<f64>)> = vec![(String::new(), vec![1.0; rows])];
        let mut plain = true;
        for (vi, name) in term.iter().enumerate() {
            let own: Vec<(String, Vec<f64>)> = match find(name)? {
                Variable::Numeric(x) => vec![(name.clone(), x.to_vec())],
                Variable::Factor {
                    codes,
                    levels,
                    reference,
                } => {
                    plain = false;
                    levels
                        .iter()
                        .enumerate()
                        .filter(|(l, _)| *l != reference)
                        .map(|(l, level)| {
                            (
                                format!("{name}{level}"),
                                codes
                                    .iter()
                                    .map(|c| match c {
                                        None => f64::NAN,
                                        Some(c) if *c == l => 1.0,
                                        Some(_) => 0.0,
                                    })
                                    .collect(),
                            )
                        })
                        .collect()
                }
            };
            let mut next = Vec::with_capacity(cols.len() * own.len());
            for (oname, ovals) in &own {
                for (cname, cvals) in &cols {
                    let name = if vi == 0 {
                        oname.clone()
                    } else {
                        format!("{cname}:{oname}")
                    };
                    let vals = cvals.iter().zip(ovals).map(|(a, b)| a * b).collect();
                    next.push((name, vals));
                }
            }
            cols = next;
            if cols.len() + out.len() > MAX_COLUMNS {
                return Err(invalid(
                    "model",
                    format!("more than {MAX_COLUMNS} columns after dummy coding"),
                ));
            }
        }
        let plain_numeric = plain && term.len() == 1;
        for (name, values) in cols {
            out.push(DesignColumn {
                name,
                term: ti,
                plain_numeric,
                values,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_ordered_as_r_orders_them() {
        let t = parse_terms(&["a*b", "c", "a"]).unwrap();
        assert_eq!(
            t,
            vec![
                vec!["a".to_string()],
                vec!["b".into()],
                vec!["c".into()],
                vec!["a".into(), "b".into()]
            ]
        );
        assert!(parse_terms(&["a:a"]).is_err());
        assert!(parse_terms(&["a:"]).is_err());
    }

    #[test]
    fn dummy_and_interaction_columns_are_named_as_r_names_them() {
        let levels = vec!["A".to_string(), "B".into(), "C".into()];
        let codes = [Some(0), Some(1), Some(2), None];
        let x = [1.0, 2.0, 3.0, 4.0];
        let vars = [
            ("x", Variable::Numeric(&x)),
            (
                "g",
                Variable::Factor {
                    codes: &codes,
                    levels: &levels,
                    reference: 1,
                },
            ),
        ];
        let cols = model_matrix(&parse_terms(&["x*g"]).unwrap(), &vars).unwrap();
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["x", "gA", "gC", "x:gA", "x:gC"]);
        assert_eq!(cols[2].values[..3], [0.0, 0.0, 1.0]);
        assert!(cols[2].values[3].is_nan());
        assert_eq!(cols[4].values[..3], [0.0, 0.0, 3.0]);
        assert!(model_matrix(&parse_terms(&["x", "x:g"]).unwrap(), &vars).is_err());
    }
}
