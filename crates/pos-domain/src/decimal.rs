//! Exact decimal text ⇄ scaled integer, shared by every parsing newtype.
//!
//! The accepted syntax is deliberately narrow: an optional sign, digits, and optionally a
//! point followed by digits (`12`, `-1.5`, `+0.25`). No exponents, no thousands
//! separators, no surrounding whitespace: the caller decides how to clean up user input,
//! and this module never guesses. Zeros past the allowed precision are accepted because
//! they do not change the value (HQ's `NUMERIC` columns print them, e.g. `1.500`).

use crate::ValueError;

/// What is being parsed and the limits it must respect.
pub(crate) struct Spec {
    /// Name used in error messages, e.g. "amount".
    pub what: &'static str,
    /// Decimal places kept: the result is `value × 10^scale`.
    pub scale: u32,
    /// The scaled magnitude must be strictly below this.
    pub max_exclusive: i128,
    /// Message for values at or beyond `max_exclusive`.
    pub range_rule: &'static str,
}

/// Parses `input` into `value × 10^scale`, exactly.
pub(crate) fn parse(input: &str, spec: &Spec) -> Result<i128, ValueError> {
    let what = spec.what;
    if input.is_empty() {
        return Err(ValueError::Empty { what });
    }
    let malformed = || ValueError::Malformed {
        what,
        input: input.to_owned(),
    };
    let (negative, body) = match input.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, input.strip_prefix('+').unwrap_or(input)),
    };
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) || body.ends_with('.') {
        return Err(malformed());
    }
    let (kept, dropped) = frac.split_at(frac.len().min(spec.scale as usize));
    if dropped.bytes().any(|b| b != b'0') {
        return Err(ValueError::TooPrecise {
            what,
            input: input.to_owned(),
            max_decimals: spec.scale,
        });
    }
    let out_of_range = || ValueError::OutOfRange {
        what,
        input: input.to_owned(),
        rule: spec.range_rule,
    };
    // 24 integer digits keep `int × 10^scale` far inside i128 for every scale we use, and
    // are already far beyond any limit we enforce.
    let int = int.trim_start_matches('0');
    if int.len() > 24 {
        return Err(out_of_range());
    }
    let mut magnitude: i128 = 0;
    for b in int.bytes().chain(kept.bytes()) {
        magnitude = magnitude * 10 + i128::from(b - b'0');
    }
    for _ in kept.len()..spec.scale as usize {
        magnitude *= 10;
    }
    if magnitude >= spec.max_exclusive {
        return Err(out_of_range());
    }
    Ok(if negative { -magnitude } else { magnitude })
}

/// Formats `value / 10^scale` exactly. With `trim`, trailing fractional zeros (and a
/// bare point) are dropped: `1.250` → `1.25`, `2.000` → `2`.
pub(crate) fn format(value: i128, scale: u32, trim: bool) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let magnitude = value.unsigned_abs();
    let pow = 10u128.pow(scale);
    let int = magnitude / pow;
    let mut frac = format!("{:0width$}", magnitude % pow, width = scale as usize);
    if trim {
        while frac.ends_with('0') {
            frac.pop();
        }
    }
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        what: "amount",
        scale: 2,
        max_exclusive: 100_000,
        range_rule: "too big",
    };

    #[test]
    fn parses_exact_values() {
        assert_eq!(parse("12.34", &SPEC), Ok(1234));
        assert_eq!(parse("-1.5", &SPEC), Ok(-150));
        assert_eq!(parse("+3", &SPEC), Ok(300));
        assert_eq!(parse("007.10", &SPEC), Ok(710));
        assert_eq!(parse("1.500", &SPEC), Ok(150));
        assert_eq!(parse("-0", &SPEC), Ok(0));
    }

    #[test]
    fn refuses_odd_syntax() {
        for bad in [
            "", "-", ".5", "5.", "1.2.3", " 1", "1 ", "1e3", "1,5", "--1", "abc",
        ] {
            assert!(parse(bad, &SPEC).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(parse("", &SPEC), Err(ValueError::Empty { what: "amount" }));
    }

    #[test]
    fn refuses_hidden_precision_and_huge_values() {
        assert!(matches!(
            parse("1.001", &SPEC),
            Err(ValueError::TooPrecise {
                max_decimals: 2,
                ..
            })
        ));
        assert!(matches!(
            parse("1000", &SPEC),
            Err(ValueError::OutOfRange { .. })
        ));
        let huge = "9".repeat(60);
        assert!(matches!(
            parse(&huge, &SPEC),
            Err(ValueError::OutOfRange { .. })
        ));
    }

    #[test]
    fn formats_with_and_without_trimming() {
        assert_eq!(format(1234, 2, false), "12.34");
        assert_eq!(format(-5, 2, false), "-0.05");
        assert_eq!(format(0, 2, false), "0.00");
        assert_eq!(format(1250, 3, true), "1.25");
        assert_eq!(format(2000, 3, true), "2");
        assert_eq!(format(7, 0, true), "7");
    }
}
