//! The longest value each column of an import file may hold, in characters. A longer one
//! refuses its row at parse time: past these, PostgreSQL refuses the row anyway (an index
//! entry must fit in a page: a 20,000-character name failed the whole batch), and a
//! receipt line or a till button could not show it.

/// An item's name: a receipt line, a till button, a back-office table cell.
pub const NAME_MAX_CHARS: usize = 200;
/// As `inv.items` checks it (`^[^[:space:]]{1,64}$`).
pub const SKU_MAX_CHARS: usize = 64;
/// As `inv.items` checks it (`^[0-9A-Za-z-]{1,64}$`).
pub const BARCODE_MAX_CHARS: usize = 64;
/// price, tax_rate, tax_included and stock: a number or true/false, far shorter than this.
pub const VALUE_MAX_CHARS: usize = 32;

/// The limit of each column, in the file's column order (`parse::COLUMNS`).
pub(super) const COLUMN_MAX_CHARS: [usize; 7] = [
    SKU_MAX_CHARS,
    BARCODE_MAX_CHARS,
    NAME_MAX_CHARS,
    VALUE_MAX_CHARS,
    VALUE_MAX_CHARS,
    VALUE_MAX_CHARS,
    VALUE_MAX_CHARS,
];
