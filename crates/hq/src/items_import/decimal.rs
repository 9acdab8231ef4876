//! Exact decimals as scaled integers: `3.50` at scale 2 is 350. No floating point.

/// The largest scaled value a `NUMERIC(14, s)` column takes at its own scale s.
pub const MAX_SCALED: i64 = 99_999_999_999_999;

/// Parses an unsigned decimal (`12`, `3.5`, `0.125`) with at most `scale` fraction digits
/// into an integer of units of 10^-scale. `None` for anything else (signs, exponents,
/// thousands separators, too many fraction digits, a value above [`MAX_SCALED`]).
pub fn parse_scaled(raw: &str, scale: u32) -> Option<i64> {
    let (whole, fraction) = match raw.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (raw, ""),
    };
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits_only(whole)
        || !digits_only(fraction)
        || fraction.len() > scale as usize
        || (raw.contains('.') && fraction.is_empty())
    {
        return None;
    }
    let mut value: i64 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let missing = scale - fraction.len() as u32;
    let value = value.checked_mul(10_i64.checked_pow(missing)?)?;
    (value <= MAX_SCALED).then_some(value)
}

/// `88750` parts per million of a fraction is `8.875` percent: the shortest exact form.
pub fn percent_from_ppm(ppm: i64) -> String {
    let whole = ppm / 10_000;
    let fraction = ppm % 10_000;
    if fraction == 0 {
        return whole.to_string();
    }
    let digits = format!("{fraction:04}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly() {
        assert_eq!(parse_scaled("3.50", 2), Some(350));
        assert_eq!(parse_scaled("3.5", 2), Some(350));
        assert_eq!(parse_scaled("12", 2), Some(1200));
        assert_eq!(parse_scaled("0.01", 2), Some(1));
        assert_eq!(parse_scaled("8.875", 4), Some(88_750));
        assert_eq!(parse_scaled("0.0001", 4), Some(1));
        assert_eq!(parse_scaled("999999999999.99", 2), Some(MAX_SCALED));
        for bad in [
            "", ".", ".5", "5.", "3.501", "-1", "+1", "1e3", "1,000", "$3", "0x10", " 1",
        ] {
            assert_eq!(parse_scaled(bad, 2), None, "{bad:?}");
        }
        assert_eq!(parse_scaled("1000000000000", 2), None);
        assert_eq!(parse_scaled("99999999999999999999999", 0), None);
    }

    #[test]
    fn percents_print_without_trailing_zeros() {
        assert_eq!(percent_from_ppm(88_750), "8.875");
        assert_eq!(percent_from_ppm(50_000), "5");
        assert_eq!(percent_from_ppm(72_500), "7.25");
        assert_eq!(percent_from_ppm(1), "0.0001");
        assert_eq!(percent_from_ppm(0), "0");
    }
}
