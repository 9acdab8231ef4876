//! Splitting an amount across lines so the parts add up exactly.

use std::cmp::Reverse;
use std::num::NonZeroU64;

/// Splits `amount` across `weights` in proportion, by the largest-remainder method.
///
/// Each part starts as `floor(amount × weight / Σ weights)`; the minor units left over go,
/// one each, to the parts with the largest remainders. The parts therefore add up to
/// `amount` *exactly*, and each part is within one minor unit of its exact share.
///
/// Ties between equal remainders are broken by `keys` (ascending), then by position. The
/// pricing code passes keys describing everything about a line that affects its tax, so
/// two lines that tie *and* differ are always ordered the same way whatever order they were
/// scanned in: the sale's totals do not depend on line order, and the result is still fully
/// deterministic.
///
/// Requires `0 <= amount <= Σ weights` and non-negative weights, which guarantees no part
/// exceeds its weight (a line is never discounted below zero). With all weights zero,
/// every part is zero.
pub(crate) fn allocate<K: Ord>(amount: i128, weights: &[i128], keys: &[K]) -> Vec<i128> {
    debug_assert_eq!(weights.len(), keys.len());
    let total: i128 = weights.iter().sum();
    let Some(denominator) = u64::try_from(total).ok().and_then(NonZeroU64::new) else {
        return vec![0; weights.len()];
    };
    let denominator = i128::from(denominator.get());
    let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let exact = amount * weight;
        parts.push(exact / denominator);
        remainders.push((exact % denominator, index));
    }
    let handed_out: i128 = parts.iter().sum();
    let left_over = usize::try_from(amount - handed_out).unwrap_or(0);
    remainders.sort_by_key(|&(remainder, index)| (Reverse(remainder), &keys[index], index));
    for &(_, index) in remainders.iter().take(left_over) {
        parts[index] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(amount: i128, weights: &[i128]) -> Vec<i128> {
        allocate(amount, weights, &vec![(); weights.len()])
    }

    #[test]
    fn parts_add_up_exactly() {
        assert_eq!(plain(100, &[1, 1, 1]), vec![34, 33, 33]);
        assert_eq!(plain(200, &[1, 1, 1]), vec![67, 67, 66]);
        assert_eq!(plain(10, &[500, 300, 200]), vec![5, 3, 2]);
        assert_eq!(plain(0, &[5, 7]), vec![0, 0]);
        assert_eq!(plain(12, &[5, 7]), vec![5, 7]);
    }

    #[test]
    fn largest_remainder_wins_the_left_over_unit() {
        // Exact shares 1.4, 1.6 → 1 + 2.
        assert_eq!(plain(3, &[7, 8]), vec![1, 2]);
    }

    #[test]
    fn ties_go_by_key_then_position() {
        assert_eq!(allocate(1, &[1, 1], &[2, 1]), vec![0, 1]);
        assert_eq!(allocate(1, &[1, 1], &[1, 1]), vec![1, 0]);
    }

    #[test]
    fn zero_weights_get_nothing() {
        assert_eq!(plain(0, &[0, 0]), vec![0, 0]);
        assert_eq!(plain(5, &[0, 10, 0]), vec![0, 5, 0]);
        assert_eq!(plain(0, &[]), Vec::<i128>::new());
    }
}
