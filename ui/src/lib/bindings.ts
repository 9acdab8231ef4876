// Generated from the Rust types by src-tauri/src/bindings.rs: do not edit.
// After changing a type: UPDATE_BINDINGS=1 cargo test -p pos-app bindings

export type AppInfo = { name: string, version: string, data_dir: string, };
export type CommandError = { code: string, message: string, };
export type SetupState = { "state": "ready" } | { "state": "needs_setup", data_dir: string, } | { "state": "broken", message: string, };
export type RefundLineInput = { code: string, quantity: string, };
export type StockChangeKind = "receive" | "adjust";
export type Money = string;
export type Quantity = string;
export type TaxRate = string;
export type Discount = string;
export type TenderMethod = { "kind": "cash" } | { "kind": "card", 
/**
 * The payment terminal's reference; never empty in a [`Tender`].
 */
reference: string, } | { "kind": "store_credit" };
export type Tender = { method: TenderMethod, amount: Money, };
export type LineTotals = { 
/**
 * `round(unit_price × quantity)`, as priced (inclusive lines contain their tax).
 */
gross: Money, 
/**
 * This line's own discount.
 */
line_discount: Money, 
/**
 * This line's share of the cart discount.
 */
cart_discount_share: Money, 
/**
 * The line's tax, on the amount after both discounts: added on top when
 * `tax_included` is false, contained in the price when it is true.
 */
tax: Money, 
/**
 * Whether `tax` is contained in the price rather than added to it.
 */
tax_included: boolean, 
/**
 * What the customer pays for this line.
 */
total: Money, };
export type TaxByRate = { 
/**
 * The rate.
 */
rate: TaxRate, 
/**
 * What was taxed at this rate: each line's amount after discounts, less the tax an
 * inclusive price contains.
 */
taxable: Money, 
/**
 * The tax at this rate: the sum of the lines' rounded taxes.
 */
tax: Money, };
export type SaleTotals = { 
/**
 * Each line's totals, in the order the lines were given.
 */
lines: Array<LineTotals>, 
/**
 * Σ gross, as priced: inclusive lines count with the tax their price contains.
 */
subtotal: Money, 
/**
 * Σ (line discount + cart discount share): every discount on the sale.
 */
discount_total: Money, 
/**
 * Tax *added on top* of exclusive prices; part of `total`'s arithmetic.
 */
tax_total: Money, 
/**
 * Tax *contained in* inclusive prices; already inside `subtotal`, so reported
 * separately (receipts print it as "incl. tax") and never added again.
 */
tax_included: Money, 
/**
 * What the customer pays.
 */
total: Money, 
/**
 * Tax per rate, by ascending rate, for the receipt and tax returns. Both exclusive
 * and inclusive tax are counted here.
 */
taxes_by_rate: Array<TaxByRate>, };
export type SaleKind = "sale" | "refund";
export type PaymentMethod = "cash" | "card" | "store_credit";
export type Role = "cashier" | "manager";
export type Staff = { id: string, name: string, role: Role, };
export type StaffCard = { id: string, name: string, role: Role, 
/**
 * Set while they are locked out after wrong PINs.
 */
locked_until: string | null, };
export type DemoStaff = { name: string, role: Role, pin: string, };
export type ItemRow = { 
/**
 * HQ's id.
 */
id: string, 
/**
 * Unique stock-keeping unit.
 */
sku: string, 
/**
 * Unique barcode, if the item has one.
 */
barcode: string | null, 
/**
 * Display name, searched by [`Store::search_items`].
 */
name: string, 
/**
 * Shelf price of one unit, zero or more.
 */
price: Money, 
/**
 * True when `price` contains the tax.
 */
price_includes_tax: boolean, 
/**
 * The item's tax rate (must exist in the tax rates).
 */
tax_rate_id: string, 
/**
 * At or below this level the item is "low" ([`Store::low_stock`]).
 */
reorder_level: Quantity | null, 
/**
 * False: not sold any more, but still known (old receipts name it).
 */
is_active: boolean, 
/**
 * Tombstone from HQ: the item is gone from the catalog.
 */
deleted: boolean, };
export type Item = { 
/**
 * The rate behind `row.tax_rate_id`.
 */
tax_rate: TaxRate, 
/**
 * HQ's id.
 */
id: string, 
/**
 * Unique stock-keeping unit.
 */
sku: string, 
/**
 * Unique barcode, if the item has one.
 */
barcode: string | null, 
/**
 * Display name, searched by [`Store::search_items`].
 */
name: string, 
/**
 * Shelf price of one unit, zero or more.
 */
price: Money, 
/**
 * True when `price` contains the tax.
 */
price_includes_tax: boolean, 
/**
 * The item's tax rate (must exist in the tax rates).
 */
tax_rate_id: string, 
/**
 * At or below this level the item is "low" ([`Store::low_stock`]).
 */
reorder_level: Quantity | null, 
/**
 * False: not sold any more, but still known (old receipts name it).
 */
is_active: boolean, 
/**
 * Tombstone from HQ: the item is gone from the catalog.
 */
deleted: boolean, };
export type CustomerRecord = { 
/**
 * HQ's id.
 */
id: string, 
/**
 * Display name.
 */
name: string, 
/**
 * Email, if known.
 */
email: string | null, 
/**
 * Store-credit balance, zero or more: HQ's last value, changed by every sale and
 * refund completed here since ([`Store::complete_sale`]).
 */
store_credit: Money, };
export type CartLine = { item_id: string, sku: string, name: string, unit_price: Money, price_includes_tax: boolean, tax_rate: TaxRate, quantity: Quantity, discount: Discount | null, 
/**
 * The shelf price when a manager overrode it (`unit_price` then holds the new one).
 */
overridden_from: Money | null, };
export type SaleView = { 
/**
 * Names this sale; Pay sends it back.
 */
key: string, cashier: Staff | null, lines: Array<CartLine>, 
/**
 * Priced by `pos-domain`; `totals.lines[i]` belongs to `lines[i]`.
 */
totals: SaleTotals, cart_discount: Discount | null, customer: CustomerRecord | null, tenders: Array<Tender>, paid: Money, 
/**
 * What is still to pay (zero once covered).
 */
due: Money, 
/**
 * One sentence per thing a manager must approve before the sale completes.
 */
needs_manager: Array<string>, 
/**
 * Cash amounts a customer is likely to hand over for what is due: the exact sum,
 * then the next round 5, 10, 20 and 50 above it (the tender screen's quick buttons).
 */
quick_cash: Array<Money>, };
export type PaymentResult = { 
/**
 * The till after the payment: the next sale (empty) when this one completed.
 */
sale: SaleView, receipt: Receipt | null, };
export type ReceiptLine = { sku: string, name: string, quantity: Quantity, unit_price: Money, discount: Money, tax: Money, price_includes_tax: boolean, total: Money, };
export type ReceiptPayment = { method: PaymentMethod, amount: Money, reference: string | null, };
export type Receipt = { receipt_no: string, kind: SaleKind, occurred_at: string, cashier: string, lines: Array<ReceiptLine>, subtotal: Money, discount_total: Money, tax_total: Money, tax_included: Money, total: Money, paid: Money, change: Money, payments: Array<ReceiptPayment>, 
/**
 * SKUs now below zero at this location: sold anyway, flagged for the manager.
 */
negative_stock: Array<string>, };
export type ParkedSale = { 
/**
 * Made on the terminal (v7).
 */
id: string, 
/**
 * Who parked it (a known user).
 */
cashier_id: string, 
/**
 * When, RFC 3339 UTC.
 */
parked_at: string, 
/**
 * What the cashier called it ("lady in red coat"), may be empty.
 */
label: string, 
/**
 * The cart, as the till serialized it; must be valid JSON.
 */
cart_json: string, };
export type RefundTo = "original_tender" | "store_credit";
export type RefundableLine = { line_no: number, 
/**
 * What a refund request names the line's item by.
 */
sku: string, name: string, unit_price: Money, sold: Quantity, 
/**
 * Sold minus refunded so far.
 */
left: Quantity, total: Money, };
export type RefundableSale = { receipt_no: string, occurred_at: string, total: Money, customer: CustomerRecord | null, lines: Array<RefundableLine>, };
export type ShiftRecord = { 
/**
 * The shift's id.
 */
id: string, 
/**
 * Who opened it.
 */
opened_by: string, 
/**
 * When it opened.
 */
opened_at: string, 
/**
 * Cash in the drawer at opening.
 */
opening_float: Money, 
/**
 * When it closed; `None` while open.
 */
closed_at: string | null, 
/**
 * Who closed it.
 */
closed_by: string | null, 
/**
 * The cash counted at closing.
 */
counted_cash: Money | null, };
export type ShiftSummary = { 
/**
 * The shift itself.
 */
shift: ShiftRecord, 
/**
 * Cash in the drawer at opening.
 */
opening_float: Money, 
/**
 * How many sales.
 */
sales_count: number, 
/**
 * How many refunds.
 */
refunds_count: number, 
/**
 * Σ total of the sales.
 */
sales_total: Money, 
/**
 * Σ total of the refunds (negative or zero).
 */
refunds_total: Money, 
/**
 * Σ discounts, net of refunds.
 */
discount_total: Money, 
/**
 * Σ tax added to exclusive prices, net of refunds.
 */
tax_total: Money, 
/**
 * Σ tax contained in inclusive prices, net of refunds.
 */
tax_included: Money, 
/**
 * Σ line tax per rate (added and contained), net of refunds, by rate.
 */
taxes_by_rate: Array<[TaxRate, Money]>, 
/**
 * Σ payments per method, net of refunds, in [`PaymentMethod::ALL`] order; methods
 * never used are left out.
 */
tenders: Array<[PaymentMethod, Money]>, 
/**
 * Σ cash payments, net of refunds paid out in cash (before change).
 */
cash_payments: Money, 
/**
 * Σ cash paid into the drawer.
 */
cash_in: Money, 
/**
 * Σ cash taken out of the drawer.
 */
cash_out: Money, 
/**
 * Σ change handed back.
 */
change_given: Money, 
/**
 * What the drawer should hold.
 */
expected_cash: Money, 
/**
 * What was counted at closing; `None` while open.
 */
counted_cash: Money | null, 
/**
 * `counted_cash − expected_cash`; `None` while open.
 */
over_short: Money | null, };
export type DenominationCount = { denomination: Money, count: number, };
export type CashCount = { counts: Array<DenominationCount>, };
export type StockLine = { item_id: string, sku: string, name: string, level: string, reorder_level: string | null, 
/**
 * Sold into negative stock: allowed, and shown.
 */
negative: boolean, };
export type HourSales = { 
/**
 * 0 to 23, on the store's wall clock.
 */
hour: number, sales: number, 
/**
 * Net of refunds made in that hour.
 */
total: Money, };
export type DayReport = { business_date: string, sales_count: number, refunds_count: number, sales_total: Money, 
/**
 * Negative or zero.
 */
refunds_total: Money, net_total: Money, 
/**
 * All 24 hours, so the chart's axis never moves.
 */
by_hour: Array<HourSales>, 
/**
 * Payments per method, net of refunds.
 */
tenders: Array<[PaymentMethod, Money]>, };
export type DeadLetter = { seq: number, kind: string, record_id: string, code: string, reason: string, rejected_at: string, };
export type DayConfirmation = { business_date: string, 
/**
 * `waiting` (HQ has not answered yet), `matched` or `mismatched`.
 */
status: string, 
/**
 * What differs, when mismatched.
 */
detail: string | null, 
/**
 * When HQ's verdict arrived.
 */
checked_at: string | null, };
export type Status = { terminal_id: string, code: string, paired: boolean, 
/**
 * HQ's address, once paired.
 */
hq_url: string | null, 
/**
 * The last sync round reached HQ and finished (false when never paired or synced).
 */
online: boolean, queue_length: number, 
/**
 * How many of those are sales and refunds.
 */
queued_sales: number, dead_letters: number, 
/**
 * The last successful push or pull, RFC 3339 UTC; none yet when never synced.
 */
last_sync: string | null, last_error: string | null, shift_open: boolean, 
/**
 * The newest records HQ refused, with HQ's reasons (at most 20).
 */
recent_dead_letters: Array<DeadLetter>, 
/**
 * The newest business day a Z report closed, and whether HQ counted it the same.
 */
last_closed_day: DayConfirmation | null, };
export type PrinterSetup = { 
/**
 * `none`, `tcp://HOST:PORT` or `file:///dev/usb/lp0`.
 */
address: string, 
/**
 * 58 or 80.
 */
paper_mm: number, store_name: string, store_address: Array<string>, tax_id: string, footer: Array<string>, };
export type PrinterStatus = { setup: PrinterSetup, 
/**
 * Receipts not printed yet.
 */
waiting: number, 
/**
 * Why the oldest of them did not print.
 */
last_error: string | null, };
