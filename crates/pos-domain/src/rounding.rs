//! The one rounding rule.

use std::num::NonZeroU64;

/// `numerator / denominator`, rounded half-up on the magnitude (half away from zero) to an
/// integer.
///
/// Every rounding in Tally goes through here: a line's gross, a percentage discount, a
/// line's tax and a partial refund's share. Rounding the *magnitude* (so `-0.5 → -1`, not
/// `0`) makes a refund the exact mirror of the sale: `round(-x) == -round(x)`.
///
/// Callers express a product like `amount × rate` as an exact fraction and round once,
/// never rounding an intermediate result. The denominator is non-zero by type, so this
/// cannot panic; the numerator must stay within `i128`, which every caller ensures by
/// multiplying values that are each below 10^15.
pub fn round_half_up(numerator: i128, denominator: NonZeroU64) -> i128 {
    let denominator = u128::from(denominator.get());
    let magnitude = numerator.unsigned_abs();
    let quotient = magnitude / denominator;
    let remainder = magnitude % denominator;
    // `remainder * 2` cannot overflow: remainder < denominator <= u64::MAX.
    let rounded = if remainder * 2 >= denominator {
        quotient + 1
    } else {
        quotient
    };
    // `rounded <= |numerator| <= 2^127`, and only equals 2^127 for `i128::MIN / 1`, whose
    // negation is `i128::MIN` again; the cast wraps to exactly that.
    let rounded = rounded as i128;
    if numerator < 0 {
        rounded.wrapping_neg()
    } else {
        rounded
    }
}

/// A compile-time non-zero constant: a zero here fails the build, not a sale.
pub(crate) const fn nonzero(n: u64) -> NonZeroU64 {
    match NonZeroU64::new(n) {
        Some(n) => n,
        None => panic!("denominator must not be zero"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN: NonZeroU64 = nonzero(10);

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_half_up(5, TEN), 1);
        assert_eq!(round_half_up(-5, TEN), -1);
        assert_eq!(round_half_up(15, TEN), 2);
        assert_eq!(round_half_up(-15, TEN), -2);
        assert_eq!(round_half_up(25, TEN), 3);
        assert_eq!(round_half_up(-25, TEN), -3);
    }

    #[test]
    fn rounds_below_half_towards_zero_and_above_half_away() {
        assert_eq!(round_half_up(4, TEN), 0);
        assert_eq!(round_half_up(-4, TEN), 0);
        assert_eq!(round_half_up(6, TEN), 1);
        assert_eq!(round_half_up(-6, TEN), -1);
        assert_eq!(round_half_up(0, TEN), 0);
        assert_eq!(round_half_up(30, TEN), 3);
    }

    #[test]
    fn half_cent_boundaries_in_money() {
        // 8.875% of 10.00 is 88.75 cents → 89; of -10.00 → -89.
        let ppm = nonzero(1_000_000);
        assert_eq!(round_half_up(1_000 * 88_750, ppm), 89);
        assert_eq!(round_half_up(-1_000 * 88_750, ppm), -89);
        // An odd denominator: 1/3 and 2/3.
        let three = nonzero(3);
        assert_eq!(round_half_up(1, three), 0);
        assert_eq!(round_half_up(2, three), 1);
        assert_eq!(round_half_up(-2, three), -1);
    }

    #[test]
    fn mirrors_exactly_for_negation() {
        for n in -1_000..=1_000 {
            for d in [1, 2, 3, 7, 100, 1_000] {
                let d = nonzero(d);
                assert_eq!(round_half_up(-n, d), -round_half_up(n, d));
            }
        }
    }
}
