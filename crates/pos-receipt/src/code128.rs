//! The Code 128 barcode at the bottom of a receipt: a payload that can be printed, and the
//! bars themselves for renderers that draw them (HTML). A printer draws its own bars from
//! the payload (`GS k`), so the ESC/POS renderer needs only [`Code128::as_str`].

use std::fmt;

use crate::ReceiptError;

/// The longest payload: keeps the symbol within 80 mm paper at a scannable module width
/// and well within `GS k`'s one-byte length.
pub const MAX_LEN: usize = 40;

/// Text that Code 128 set B can encode: 1 to 40 printable ASCII characters.
/// Receipt numbers (`T01-000123`) always are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code128(String);

impl Code128 {
    /// Checks that `payload` can be printed as a barcode.
    pub fn new(payload: &str) -> Result<Code128, ReceiptError> {
        let refuse = |reason| ReceiptError::Barcode {
            payload: payload.to_owned(),
            reason,
        };
        if payload.is_empty() {
            return Err(refuse("it is empty"));
        }
        if payload.len() > MAX_LEN {
            return Err(refuse("it is longer than 40 characters"));
        }
        if !payload.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Err(refuse("Code 128 set B takes printable ASCII only"));
        }
        Ok(Code128(payload.to_owned()))
    }

    /// The payload.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The symbol as alternating bar and space widths in modules, starting with a bar:
    /// start B, the data, the checksum, stop. Quiet zones are the renderer's business.
    pub fn module_widths(&self) -> Vec<u8> {
        let values: Vec<usize> = self.0.bytes().map(|b| usize::from(b - 0x20)).collect();
        // Checksum: the start code plus each value weighted by its position, modulo 103.
        let weighted: usize = values.iter().zip(1..).map(|(v, i)| v * i).sum();
        let check = (START_B + weighted) % 103;
        std::iter::once(START_B)
            .chain(values)
            .chain([check, STOP])
            .flat_map(|v| PATTERNS[v].bytes().map(|d| d - b'0'))
            .collect()
    }
}

impl fmt::Display for Code128 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

const START_B: usize = 104;
const STOP: usize = 106;

/// Bar and space widths of every symbol value (ISO/IEC 15417), 0 to 106.
const PATTERNS: [&str; 107] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_set_b_cannot_encode() {
        assert_eq!(
            Code128::new("").unwrap_err().code(),
            "receipt_barcode_invalid"
        );
        assert!(Code128::new("T01-é").is_err());
        assert!(Code128::new("T01\n1").is_err());
        assert!(Code128::new(&"9".repeat(MAX_LEN + 1)).is_err());
        assert_eq!(Code128::new("T01-000123").unwrap().as_str(), "T01-000123");
    }

    #[test]
    fn every_pattern_is_eleven_modules_and_stop_thirteen() {
        for (value, pattern) in PATTERNS.iter().enumerate() {
            let modules: u32 = pattern.bytes().map(|d| u32::from(d - b'0')).sum();
            let expected = if value == STOP { 13 } else { 11 };
            assert_eq!(modules, expected, "value {value}");
        }
    }

    #[test]
    fn checksum_is_the_weighted_sum_modulo_103() {
        // Start B 104 + P 48×1 + J 42×2 + J 42×3 + 1 17×4 + 2 18×5 + 3 19×6 + C 35×7
        // = 879, and 879 mod 103 = 55.
        let widths = Code128::new("PJJ123C").unwrap().module_widths();
        let symbols: Vec<String> = widths[..widths.len() - 7]
            .chunks(6)
            .map(|c| c.iter().map(|d| char::from(b'0' + d)).collect())
            .collect();
        assert_eq!(symbols.first().map(String::as_str), Some(PATTERNS[START_B]));
        assert_eq!(symbols.last().map(String::as_str), Some(PATTERNS[55]));
        assert_eq!(symbols.len(), 1 + 7 + 1);
    }
}
