//! Letters tie each line to its rate in the tax table (`A` = the lowest rate), the usual
//! way a receipt with more than one rate shows which tax a line paid.

use pos_domain::TaxRate;

/// The letter of the `index`-th rate in ascending order: `A`..`Z`, then `*` (no store
/// has 27 rates, but a receipt must still print if one does).
pub(crate) fn letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('*', |i| char::from(b'A' + i))
}

/// The letter `rate` has among `rates` (sorted ascending, no duplicates).
pub(crate) fn letter_of(rates: &[TaxRate], rate: TaxRate) -> Option<char> {
    rates.binary_search(&rate).ok().map(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_the_rates_in_order() {
        assert_eq!(letter(0), 'A');
        assert_eq!(letter(25), 'Z');
        assert_eq!(letter(26), '*');
        let rates = [
            TaxRate::from_ppm(55_000).unwrap(),
            TaxRate::from_ppm(200_000).unwrap(),
        ];
        assert_eq!(letter_of(&rates, rates[1]), Some('B'));
        assert_eq!(letter_of(&rates, TaxRate::ZERO), None);
    }
}
