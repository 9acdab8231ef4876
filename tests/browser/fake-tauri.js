// A fake Tauri backend for the browser tests: injected with `page.addInitScript` before the
// UI loads, it defines `window.__TAURI_INTERNALS__` (what `invoke` from @tauri-apps/api/core
// calls) and answers the app's commands against a small in-memory demo terminal.
//
// It is the mock at the boundary, not a second implementation: the real rules live in the
// Rust core and are tested there. It follows them where the screens can see the difference
// (money in integer cents, the same rounding, the same error codes and sentences, the same
// argument names and types, the double-tap guards of add_payment and refund), and stays
// small everywhere else.
//
// Configure it with `window.__FAKE_TAURI_CONFIG__` set by an init script added BEFORE this
// one (see DEFAULTS). Every call is recorded in `window.__calls` as
// `{ cmd, args, at, done, ok, result | error }`; `window.__fake` exposes the state.
(function installFakeTauri(global) {
  "use strict";

  const DEFAULTS = {
    setup: "ready", // "ready" | "needs_setup" | "broken"
    shiftOpen: false, // an open shift (float 100.00) at start
    saleInShift: false, // with shiftOpen: T01-000043 already sold in it (7.74, 10.00 cash)
    queueLength: 0, // records already waiting in the outbox for HQ
    queuedSales: 0, // how many of them are sales and refunds
    paired: false,
    online: false,
    lastError: null,
    // Milliseconds each command takes before it answers (others answer on the next tick).
    delays: { add_payment: 150, finish_sale: 100, refund: 150, close_shift: 100 },
  };
  const config = Object.assign({}, DEFAULTS, global.__FAKE_TAURI_CONFIG__ || {});
  config.delays = Object.assign({}, DEFAULTS.delays, (global.__FAKE_TAURI_CONFIG__ || {}).delays);

  // ---------------------------------------------------------------- decimals, in integers

  class Refusal {
    constructor(code, message) {
      this.code = code;
      this.message = message;
    }
  }
  const refuse = (code, message) => {
    throw new Refusal(code, message);
  };
  /** What Tauri itself rejects with when the arguments do not deserialize: a plain string. */
  class BadArgs {
    constructor(message) {
      this.message = message;
    }
  }

  /** Rust's round_half_up: half away from zero, on integers. */
  function roundHalfUp(numerator, denominator) {
    const magnitude = Math.abs(numerator);
    let quotient = Math.floor(magnitude / denominator);
    if ((magnitude % denominator) * 2 >= denominator) quotient += 1;
    return numerator < 0 ? -quotient : quotient;
  }

  /** pos-domain's decimal::parse: a plain decimal with at most `scale` decimals, as an integer. */
  function parseDecimal(input, what, scale, maxExclusive, rangeRule) {
    if (input === "") throw new Refusal("invalid_input", `${what} is empty`);
    let body = input;
    let negative = false;
    if (body.startsWith("-")) {
      negative = true;
      body = body.slice(1);
    } else if (body.startsWith("+")) {
      body = body.slice(1);
    }
    const dot = body.indexOf(".");
    const int = dot < 0 ? body : body.slice(0, dot);
    const frac = dot < 0 ? "" : body.slice(dot + 1);
    const digits = (s) => /^[0-9]*$/.test(s);
    if (int === "" || !digits(int) || !digits(frac) || body.endsWith(".")) {
      throw new Refusal("invalid_input", `${what} ${JSON.stringify(input)} is not a decimal number`);
    }
    const kept = frac.slice(0, scale);
    if (/[1-9]/.test(frac.slice(scale))) {
      throw new Refusal(
        "invalid_input",
        `${what} ${JSON.stringify(input)} has more than ${scale} decimal places`,
      );
    }
    const trimmed = int.replace(/^0+/, "");
    const magnitude = Number((trimmed || "0") + kept.padEnd(scale, "0"));
    if (trimmed.length > 15 || magnitude >= maxExclusive) {
      throw new Refusal("invalid_input", `${what} ${JSON.stringify(input)} is out of range: ${rangeRule}`);
    }
    return negative ? -magnitude : magnitude;
  }

  function formatDecimal(value, scale, trim) {
    const sign = value < 0 ? "-" : "";
    const magnitude = Math.abs(value);
    const pow = 10 ** scale;
    let frac = String(magnitude % pow).padStart(scale, "0");
    if (trim) frac = frac.replace(/0+$/, "");
    const int = Math.floor(magnitude / pow);
    return frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
  }

  const MAX_MINOR = 99_999_999_999_999;
  const parseMoney = (s) =>
    parseDecimal(s, "amount", 2, MAX_MINOR + 1, "must be less than 1000000000000 in magnitude");
  /** Money as Rust serializes it: always two decimals ("12.34", "-0.05", "3.00"). */
  const money = (cents) => formatDecimal(cents, 2, false);
  function parseQuantity(s) {
    const milli = parseDecimal(s, "quantity", 3, MAX_MINOR + 1, "must be less than 100000000000");
    if (milli < 0) {
      refuse("invalid_input", `quantity ${JSON.stringify(s)} is out of range: must not be negative`);
    }
    return milli;
  }
  /** Quantity as Rust serializes it: no trailing zeros ("2", "0.5", "1.25"). */
  const quantity = (milli) => formatDecimal(milli, 3, true);
  const rate = (ppm) => `${formatDecimal(ppm, 4, true)}%`;

  /** Discount::parse: "10%" (basis points) or "1.50" (cents off). */
  function parseDiscount(s) {
    if (s.endsWith("%")) {
      let bp;
      try {
        bp = parseDecimal(s.slice(0, -1), "discount", 2, 10_001, "must be at most 100%");
      } catch (e) {
        if (/decimal places|out of range/.test(e.message)) {
          throw new Refusal("invalid_input", e.message.replace(/"[^"]*"/, JSON.stringify(s)));
        }
        throw new Refusal("invalid_input", `discount ${JSON.stringify(s)} is not a decimal number`);
      }
      if (bp < 0) refuse("invalid_input", `discount ${JSON.stringify(s)} is out of range: must not be negative`);
      return { bp };
    }
    const cents = parseMoney(s);
    if (cents < 0) refuse("invalid_input", `discount ${money(cents)} is out of range: must not be negative`);
    return { cents };
  }
  const discountText = (d) => (d === null ? null : "bp" in d ? `${formatDecimal(d.bp, 2, true)}%` : money(d.cents));
  const discountOff = (d, base) => ("bp" in d ? roundHalfUp(base * d.bp, 10_000) : d.cents);

  // src-tauri/src/input.rs: what the cashier typed, with the field named.
  function typed(field, text, parse) {
    try {
      return parse(text.trim());
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      throw new Refusal("invalid_input", `${field}: "${text.trim()}" is not valid (${e.message})`);
    }
  }
  const UUID = /^(urn:uuid:)?\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;
  function typedId(field, text) {
    if (!UUID.test(text.trim())) {
      refuse("invalid_input", `${field}: "${text.trim()}" is not valid (invalid character or length)`);
    }
    return text.trim().toLowerCase();
  }
  const optionalPin = (pin) => (pin && pin.trim() !== "" ? pin : null);

  let uuidCounter = 0;
  function uuid() {
    if (global.crypto && typeof global.crypto.randomUUID === "function") return global.crypto.randomUUID();
    uuidCounter += 1;
    return `00000000-0000-4000-8000-${String(uuidCounter).padStart(12, "0")}`;
  }

  // ---------------------------------------------------------------- the demo terminal

  const TAX = { standard: 200_000, cafe: 70_000 }; // 20% on top, 7% included (ppm)
  function ean13(digits12) {
    let sum = 0;
    for (let i = 0; i < 12; i += 1) sum += Number(digits12[i]) * (i % 2 === 0 ? 1 : 3);
    return digits12 + String((10 - (sum % 10)) % 10);
  }
  const item = (n, sku, name, cents, cafe, level) => ({
    id: `0190a000-0000-7000-8000-0000000010${String(n).padStart(2, "0")}`,
    sku,
    barcode: ean13(`200${String(n).padStart(9, "0")}`),
    name,
    price: cents,
    price_includes_tax: cafe,
    tax_ppm: cafe ? TAX.cafe : TAX.standard,
    reorder_milli: 5_000,
    level_milli: level * 1_000,
  });
  const ITEMS = [
    item(1, "GRO-0001", "Basmati Rice 1kg", 349, false, 21),
    item(2, "GRO-0005", "Spaghetti 500g", 189, false, 35),
    item(3, "GRO-0013", "Extra Virgin Olive Oil 750ml", 1099, false, 4),
    item(4, "DRK-0101", "Orange Juice 1L", 299, false, 12),
    item(5, "DAI-0155", "Free Range Eggs x12", 429, false, 0),
    item(6, "CAF-0289", "Flat White", 320, true, 30),
    item(7, "CAF-0293", "Croissant", 195, true, 2),
  ];
  const CUSTOMERS = [
    {
      id: "0190a000-0000-7000-8000-000000000101",
      name: "Alex Regular",
      email: "alex@example.com",
      store_credit: 2_500,
    },
    {
      id: "0190a000-0000-7000-8000-000000000102",
      name: "Sam Sample",
      email: null,
      store_credit: 0,
    },
  ];
  const USERS = [
    {
      id: "0190a000-0000-7000-8000-000000000001",
      name: "Casey Cashier",
      role: "cashier",
      pin: "1234",
      failures: 0,
      locked_until: null,
    },
    {
      id: "0190a000-0000-7000-8000-000000000002",
      name: "Morgan Manager",
      role: "manager",
      pin: "9876",
      failures: 0,
      locked_until: null,
    },
  ];
  const TERMINAL_ID = "0190a000-0000-7000-8000-00000000beef";
  const DENOMINATIONS = [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
  const LOCK_AFTER = 5;
  const LOCK_MINUTES = 15;
  const TILL_LOCK_AFTER = 10;
  const CASHIER_DISCOUNT_LIMIT_BP = 2_000;

  const nowUtc = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const inMinutes = (m) => new Date(Date.now() + m * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

  const state = {
    setup: config.setup,
    paired: Boolean(config.paired),
    cashier: null, // the signed-in user (a USERS entry)
    cart: { lines: [], cart_discount: null, customer_id: null },
    key: uuid(),
    tenders: [], // { method: { kind, reference? }, amount (cents) }
    finished: [], // [key, receipt] of the last sales and refunds finished here
    pinOnlyFailures: [], // times of wrong PINs that matched nobody
    shifts: [],
    movements: [], // { shift_id, into_drawer, amount, reason, user_id, at }
    sales: [], // completed sales and refunds
    parked: [],
    receiptSeq: 40,
    queue: Number(config.queueLength) || 0,
    queuedSales: Number(config.queuedSales) || 0,
    lastSync: config.online ? nowUtc() : null,
  };

  const currentShift = () => state.shifts.find((s) => s.closed_at === null) || null;
  function openShiftRecord(by, float) {
    const shift = {
      id: uuid(),
      opened_by: by.id,
      opened_at: nowUtc(),
      opening_float: float,
      closed_at: null,
      closed_by: null,
      counted_cash: null,
    };
    state.shifts.push(shift);
    state.queue += 1; // the shift goes to HQ before any sale rung in it
    return shift;
  }
  const shiftJson = (s) => ({
    id: s.id,
    opened_by: s.opened_by,
    opened_at: s.opened_at,
    opening_float: money(s.opening_float),
    closed_at: s.closed_at,
    closed_by: s.closed_by,
    counted_cash: s.counted_cash === null ? null : money(s.counted_cash),
  });

  // ---------------------------------------------------------------- pricing (pos-domain)

  /** price_sale: line discounts, the cart discount spread by largest remainder, tax per line. */
  function priceSale(lines, cartDiscount) {
    const discounted = lines.map((line, index) => {
      const gross = roundHalfUp(line.unit_price * line.quantity, 1_000);
      const lineDiscount = line.discount ? discountOff(line.discount, gross) : 0;
      if (lineDiscount > gross) {
        refuse(
          "pricing",
          `line ${index + 1}: discount ${money(lineDiscount)} is larger than the line amount ${money(gross)}`,
        );
      }
      return { gross, lineDiscount };
    });
    const bases = discounted.map((d) => d.gross - d.lineDiscount);
    const cart = bases.reduce((a, b) => a + b, 0);
    const cartOff = cartDiscount ? discountOff(cartDiscount, cart) : 0;
    if (cartOff > cart) {
      refuse("pricing", `cart discount ${money(cartOff)} is larger than the cart amount ${money(cart)}`);
    }
    // allocation.rs: floor shares, left-over cents to the largest remainders, ties by
    // (bigger base, lower rate, exclusive first), then position.
    const shares = bases.map(() => 0);
    if (cart > 0) {
      const remainders = [];
      bases.forEach((base, index) => {
        shares[index] = Math.trunc((cartOff * base) / cart);
        remainders.push([(cartOff * base) % cart, index]);
      });
      let leftOver = cartOff - shares.reduce((a, b) => a + b, 0);
      remainders.sort((a, b) => {
        const [ra, ia] = a;
        const [rb, ib] = b;
        const la = lines[ia];
        const lb = lines[ib];
        return (
          rb - ra ||
          bases[ib] - bases[ia] ||
          la.tax_ppm - lb.tax_ppm ||
          Number(la.price_includes_tax) - Number(lb.price_includes_tax) ||
          ia - ib
        );
      });
      for (const [, index] of remainders) {
        if (leftOver <= 0) break;
        shares[index] += 1;
        leftOver -= 1;
      }
    }
    const byRate = new Map();
    const totals = lines.map((line, index) => {
      const net = bases[index] - shares[index];
      const tax = line.price_includes_tax
        ? roundHalfUp(net * line.tax_ppm, 1_000_000 + line.tax_ppm)
        : roundHalfUp(net * line.tax_ppm, 1_000_000);
      const taxable = line.price_includes_tax ? net - tax : net;
      const entry = byRate.get(line.tax_ppm) || { taxable: 0, tax: 0 };
      entry.taxable += taxable;
      entry.tax += tax;
      byRate.set(line.tax_ppm, entry);
      return {
        gross: discounted[index].gross,
        line_discount: discounted[index].lineDiscount,
        cart_discount_share: shares[index],
        tax,
        tax_included: line.price_includes_tax,
        total: line.price_includes_tax ? net : net + tax,
      };
    });
    const sum = (pick) => totals.reduce((a, l) => a + pick(l), 0);
    const subtotal = sum((l) => l.gross);
    const discountTotal = sum((l) => l.line_discount) + cartOff;
    const taxTotal = sum((l) => (l.tax_included ? 0 : l.tax));
    const taxIncluded = sum((l) => (l.tax_included ? l.tax : 0));
    return {
      lines: totals,
      subtotal,
      discount_total: discountTotal,
      tax_total: taxTotal,
      tax_included: taxIncluded,
      total: subtotal - discountTotal + taxTotal,
      taxes_by_rate: [...byRate.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([ppm, e]) => ({ ppm, taxable: e.taxable, tax: e.tax })),
    };
  }

  const totalsJson = (t) => ({
    lines: t.lines.map((l) => ({
      gross: money(l.gross),
      line_discount: money(l.line_discount),
      cart_discount_share: money(l.cart_discount_share),
      tax: money(l.tax),
      tax_included: l.tax_included,
      total: money(l.total),
    })),
    subtotal: money(t.subtotal),
    discount_total: money(t.discount_total),
    tax_total: money(t.tax_total),
    tax_included: money(t.tax_included),
    total: money(t.total),
    taxes_by_rate: t.taxes_by_rate.map((r) => ({ rate: rate(r.ppm), taxable: money(r.taxable), tax: money(r.tax) })),
  });

  /** approval.rs: what a manager must approve (line discounts and cart discounts above 20%). */
  function needsManager(cart, totals) {
    const reasons = [];
    const overLimit = (discount, base) => discount > 0 && discount * 10_000 > base * CASHIER_DISCOUNT_LIMIT_BP;
    cart.lines.forEach((line, index) => {
      const priced = totals.lines[index];
      if (overLimit(priced.line_discount, priced.gross)) {
        reasons.push(
          `line ${index + 1}: discount ${money(priced.line_discount)} on ${money(priced.gross)} is above ${
            CASHIER_DISCOUNT_LIMIT_BP / 100
          }%`,
        );
      }
    });
    const share = totals.lines.reduce((a, l) => a + l.cart_discount_share, 0);
    const afterLines = totals.lines.reduce((a, l) => a + l.gross - l.line_discount, 0);
    if (share > 0 && share * 10_000 > afterLines * CASHIER_DISCOUNT_LIMIT_BP) {
      reasons.push(`a cart discount of ${money(share)} is above ${CASHIER_DISCOUNT_LIMIT_BP / 100}%`);
    }
    return reasons;
  }

  /** sale_view.rs: the exact sum, then the next round 5, 10, 20 and 50 above it. */
  function quickCash(due) {
    if (due <= 0) return [];
    const amounts = [due];
    for (const step of [500, 1_000, 2_000, 5_000]) {
      const rounded = (Math.floor(due / step) + 1) * step;
      if (!amounts.includes(rounded)) amounts.push(rounded);
    }
    return amounts.sort((a, b) => a - b);
  }

  /** tender.rs settle_with_credit_balance: change only from cash, store credit within balance. */
  function settle(total, tenders, availableCredit) {
    const sumOf = (kind) => tenders.filter((t) => t.method.kind === kind).reduce((a, t) => a + t.amount, 0);
    const cash = sumOf("cash");
    const card = sumOf("card");
    const credit = sumOf("store_credit");
    if (credit > availableCredit) {
      return {
        refused: `store credit ${money(credit)} exceeds the available balance ${money(availableCredit)}`,
      };
    }
    const nonCash = card + credit;
    const paid = cash + nonCash;
    if (paid < total) return { short: total - paid };
    if (nonCash > total) {
      const method = card > 0 && credit > 0 ? "card and store credit" : card > 0 ? "card" : "store credit";
      return { refused: `${method} amount ${money(nonCash)} exceeds the amount due ${money(total)}` };
    }
    return { paid, change: paid - total };
  }

  const customerById = (id) => CUSTOMERS.find((c) => c.id === id) || null;
  const customerJson = (c) =>
    c && { id: c.id, name: c.name, email: c.email, store_credit: money(c.store_credit) };
  const staffJson = (u) => u && { id: u.id, name: u.name, role: u.role };
  const itemJson = (i) => ({
    id: i.id,
    sku: i.sku,
    barcode: i.barcode,
    name: i.name,
    price: money(i.price),
    price_includes_tax: i.price_includes_tax,
    tax_rate_id: i.price_includes_tax ? "0190a000-0000-7000-8000-0000000000c7" : "0190a000-0000-7000-8000-0000000000c2",
    reorder_level: quantity(i.reorder_milli),
    is_active: true,
    deleted: false,
    tax_rate: rate(i.tax_ppm),
  });
  const tenderJson = (t) => ({ method: t.method, amount: money(t.amount) });
  const itemByCode = (code) => {
    const c = code.trim();
    const found = ITEMS.find((i) => i.barcode === c || i.sku === c);
    if (!found) refuse("unknown_item", `no item has the barcode or SKU "${c}"`);
    return found;
  };

  function view() {
    const totals = priceSale(state.cart.lines, state.cart.cart_discount);
    const paid = state.tenders.reduce((a, t) => a + t.amount, 0);
    const due = totals.total - paid;
    return {
      key: state.key,
      cashier: staffJson(state.cashier),
      lines: state.cart.lines.map((l) => ({
        item_id: l.item_id,
        sku: l.sku,
        name: l.name,
        unit_price: money(l.unit_price),
        price_includes_tax: l.price_includes_tax,
        tax_rate: rate(l.tax_ppm),
        quantity: quantity(l.quantity),
        discount: l.discount ? discountText(l.discount) : null,
        overridden_from: null,
      })),
      totals: totalsJson(totals),
      cart_discount: state.cart.cart_discount ? discountText(state.cart.cart_discount) : null,
      customer: customerJson(customerById(state.cart.customer_id)),
      tenders: state.tenders.map(tenderJson),
      paid: money(paid),
      due: money(due < 0 ? 0 : due),
      needs_manager: needsManager(state.cart, totals),
      quick_cash: quickCash(due).map(money),
    };
  }

  // ---------------------------------------------------------------- who is at the till

  function signedIn() {
    if (!state.cashier) refuse("not_signed_in", "nobody is signed in at this till: sign in with your PIN");
    return state.cashier;
  }
  function checkPin(pin) {
    const p = pin.trim();
    if (!/^[0-9]{4,8}$/.test(p)) refuse("invalid_input", "a PIN is 4 to 8 digits");
    return p;
  }
  function lockedError(user) {
    if (user.locked_until && user.locked_until > nowUtc()) {
      refuse("locked", `${user.name} is locked after too many wrong PINs until ${user.locked_until}`);
    }
  }
  /** Terminal::sign_in: whoever owns the PIN. */
  function signInByPin(pin) {
    const p = checkPin(pin);
    const since = Date.now() - LOCK_MINUTES * 60_000;
    const recent = state.pinOnlyFailures.filter((t) => t >= since).length;
    if (recent >= TILL_LOCK_AFTER) {
      refuse(
        "locked",
        `this till takes no PIN for ${LOCK_MINUTES} minutes after ${recent} wrong PINs in a row; ask a manager`,
      );
    }
    const user = USERS.find((u) => u.pin === p);
    if (!user) {
      state.pinOnlyFailures.push(Date.now());
      refuse("wrong_pin", "that PIN is not right");
    }
    lockedError(user);
    user.failures = 0;
    return user;
  }
  /** Terminal::sign_in_as: the picked user, locked after 5 wrong PINs in a row. */
  function signInAs(userId, pin) {
    const p = checkPin(pin);
    const user = USERS.find((u) => u.id === userId);
    if (!user) refuse("invalid_input", "no such user");
    lockedError(user);
    if (user.pin === p) {
      user.failures = 0;
      return user;
    }
    user.failures += 1;
    if (user.failures >= LOCK_AFTER) {
      user.locked_until = inMinutes(LOCK_MINUTES);
      lockedError(user);
    }
    refuse("wrong_pin", "that PIN is not right");
  }
  /** Till::approver: the signed-in manager, or the manager behind `pin`. */
  function approver(pin, what) {
    const cashier = signedIn();
    if (cashier.role === "manager") return cashier;
    const p = optionalPin(pin);
    if (p === null) refuse("needs_manager", `this needs a manager's approval: ${what}`);
    const staff = signInByPin(p);
    if (staff.role !== "manager") {
      refuse("needs_manager", `this needs a manager's approval: ${staff.name} is not a manager (${what})`);
    }
    return staff;
  }

  function newSale() {
    state.cart = { lines: [], cart_discount: null, customer_id: null };
    state.tenders = [];
    state.key = uuid();
  }
  function park(cashier, label) {
    state.parked.push({
      id: uuid(),
      cashier_id: cashier.id,
      parked_at: nowUtc(),
      label,
      cart_json: JSON.stringify(state.cart),
    });
  }
  function editable() {
    signedIn();
    if (state.tenders.length > 0) {
      refuse("invalid_input", "payments are already taken on this sale: remove them to change it");
    }
  }
  function pricedOrUndo(before) {
    try {
      priceSale(state.cart.lines, state.cart.cart_discount);
    } catch (e) {
      state.cart = before;
      throw e;
    }
    return view();
  }
  const cloneCart = () => JSON.parse(JSON.stringify(state.cart));
  const remember = (key, receipt) => {
    state.finished.push([key, receipt]);
    if (state.finished.length > 16) state.finished.shift();
  };
  const alreadyFinished = (key) => {
    const hit = state.finished.find(([k]) => k === key);
    return hit ? hit[1] : null;
  };

  // ---------------------------------------------------------------- completed sales

  function nextReceiptNo() {
    state.receiptSeq += 1;
    return `T01-${String(state.receiptSeq).padStart(6, "0")}`;
  }

  function receiptJson(sale) {
    return {
      receipt_no: sale.receipt_no,
      kind: sale.kind,
      occurred_at: sale.occurred_at,
      cashier: sale.cashier_name,
      lines: sale.lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        quantity: quantity(l.quantity),
        unit_price: money(l.unit_price),
        discount: money(l.line_discount + l.cart_discount_share),
        tax: money(l.tax),
        price_includes_tax: l.price_includes_tax,
        total: money(l.total),
      })),
      subtotal: money(sale.subtotal),
      discount_total: money(sale.discount_total),
      tax_total: money(sale.tax_total),
      tax_included: money(sale.tax_included),
      total: money(sale.total),
      paid: money(sale.paid),
      change: money(sale.change),
      payments: sale.payments.map((p) => ({ method: p.method, amount: money(p.amount), reference: p.reference })),
      negative_stock: sale.negative_stock,
    };
  }

  /** Terminal::complete_sale, for the cart on the till (or a seeded one). */
  function completeSale(cashier, cart, tenders, manager, shift, occurredAt) {
    if (cart.lines.length === 0) refuse("empty_sale", "the sale has no lines");
    if (!shift) refuse("no_open_shift", "no shift is open: open one with a float first");
    const totals = priceSale(cart.lines, cart.cart_discount);
    const approvals = needsManager(cart, totals);
    if (approvals.length > 0 && !(manager && manager.role === "manager")) {
      refuse("needs_manager", `this needs a manager's approval: ${approvals.join("; ")}`);
    }
    const customer = customerById(cart.customer_id);
    const settlement = settle(totals.total, tenders, customer ? customer.store_credit : 0);
    if (settlement.refused) refuse("payment", settlement.refused);
    if (settlement.short !== undefined) refuse("payment", `payment is short: ${money(settlement.short)} still due`);
    const negative = [];
    cart.lines.forEach((line) => {
      const it = ITEMS.find((i) => i.id === line.item_id);
      it.level_milli -= line.quantity;
      if (it.level_milli < 0 && !negative.includes(it.sku)) negative.push(it.sku);
    });
    const credit = tenders.filter((t) => t.method.kind === "store_credit").reduce((a, t) => a + t.amount, 0);
    if (customer) customer.store_credit -= credit;
    const sale = {
      id: uuid(),
      receipt_no: nextReceiptNo(),
      kind: "sale",
      occurred_at: occurredAt || nowUtc(),
      cashier_name: cashier.name,
      customer_id: cart.customer_id,
      shift_id: shift.id,
      lines: cart.lines.map((line, index) => ({
        id: uuid(),
        item_id: line.item_id,
        sku: line.sku,
        name: line.name,
        unit_price: line.unit_price,
        quantity: line.quantity,
        tax_ppm: line.tax_ppm,
        price_includes_tax: line.price_includes_tax,
        gross: totals.lines[index].gross,
        line_discount: totals.lines[index].line_discount,
        cart_discount_share: totals.lines[index].cart_discount_share,
        tax: totals.lines[index].tax,
        total: totals.lines[index].total,
        refund_of_line: null,
      })),
      payments: tenders.map((t) => ({
        method: t.method.kind,
        amount: t.amount,
        reference: t.method.kind === "card" ? t.method.reference : null,
      })),
      subtotal: totals.subtotal,
      discount_total: totals.discount_total,
      tax_total: totals.tax_total,
      tax_included: totals.tax_included,
      total: totals.total,
      paid: settlement.paid,
      change: settlement.change,
      negative_stock: negative,
      refund_of: null,
    };
    state.sales.push(sale);
    state.queue += 1;
    state.queuedSales += 1;
    return receiptJson(sale);
  }

  /** Till::finish: completes the till's sale named `key`; a repeat returns the first receipt. */
  function finish(key, managerPin) {
    const done = alreadyFinished(key);
    if (done) return done;
    const cashier = signedIn();
    if (key !== state.key) staleSale();
    const manager = view().needs_manager.length === 0 ? null : approver(managerPin, "discount or price override");
    const receipt = completeSale(cashier, state.cart, state.tenders, manager, currentShift());
    remember(key, receipt);
    newSale();
    return receipt;
  }
  const staleSale = () =>
    refuse("stale_sale", "this sale changed or was already finished; check the screen and try again");

  // ---------------------------------------------------------------- refunds

  const saleByReceipt = (no) => state.sales.find((s) => s.receipt_no === no.trim()) || null;
  function refundedSoFar(line) {
    const so = { quantity: 0, gross: 0, line_discount: 0, cart_discount_share: 0, tax: 0 };
    for (const sale of state.sales) {
      for (const l of sale.lines) {
        if (l.refund_of_line === line.id) {
          so.quantity += l.quantity;
          so.gross -= l.gross;
          so.line_discount -= l.line_discount;
          so.cart_discount_share -= l.cart_discount_share;
          so.tax -= l.tax;
        }
      }
    }
    return so;
  }

  /** refund.rs refund_share: the cumulative share prorated, minus what went back before. */
  function refundShare(line, refundQty, already) {
    const cumulative = already.quantity + refundQty;
    const part = (original, prior) => {
      const target = roundHalfUp(original * cumulative, line.quantity);
      return Math.min(Math.max(target - prior, 0), Math.max(original - prior, 0));
    };
    const net = part(
      line.gross - line.line_discount - line.cart_discount_share,
      already.gross - already.line_discount - already.cart_discount_share,
    );
    const lineDiscount = part(line.line_discount, already.line_discount);
    const share = part(line.cart_discount_share, already.cart_discount_share);
    const tax = part(line.tax, already.tax);
    return {
      gross: net + lineDiscount + share,
      line_discount: lineDiscount,
      cart_discount_share: share,
      tax,
      total: line.price_includes_tax ? net : net + tax,
    };
  }

  function refundableJson(sale) {
    return {
      receipt_no: sale.receipt_no,
      occurred_at: sale.occurred_at,
      total: money(sale.total),
      customer: customerJson(customerById(sale.customer_id)),
      lines: sale.lines.map((l, index) => ({
        line_no: index + 1,
        sku: l.sku,
        name: l.name,
        unit_price: money(l.unit_price),
        sold: quantity(l.quantity),
        left: quantity(l.quantity - refundedSoFar(l).quantity),
        total: money(l.total),
      })),
    };
  }

  function refundSale(cashier, manager, receiptNo, lines, to) {
    if (manager.role !== "manager") {
      refuse("needs_manager", `this needs a manager's approval: ${manager.name} is not a manager (refund)`);
    }
    const shift = currentShift();
    if (!shift) refuse("no_open_shift", "no shift is open: open one with a float first");
    const original = saleByReceipt(receiptNo);
    if (!original) refuse("unknown_receipt", `no sale has the receipt number ${receiptNo}`);
    if (original.kind !== "sale") refuse("invalid_input", `${original.receipt_no} is itself a refund`);
    const left = (index) => original.lines[index].quantity - refundedSoFar(original.lines[index]).quantity;
    const wanted = new Map(); // line index -> quantity
    for (const [code, qty] of lines) {
      const it = itemByCode(code);
      let asked = qty;
      let soldHere = false;
      original.lines.forEach((line, index) => {
        if (line.item_id !== it.id || asked === 0) return;
        soldHere = true;
        const room = Math.max(left(index) - (wanted.get(index) || 0), 0);
        const take = Math.min(asked, room);
        if (take === 0) return;
        wanted.set(index, (wanted.get(index) || 0) + take);
        asked -= take;
      });
      if (!soldHere) refuse("invalid_input", `${it.name} was not sold on ${original.receipt_no}`);
      if (asked !== 0) {
        refuse(
          "invalid_input",
          `only ${quantity(qty - asked)} of ${it.name} can still be refunded on ${original.receipt_no}`,
        );
      }
    }
    if (wanted.size === 0) {
      refuse("invalid_input", `everything on ${original.receipt_no} has already been refunded`);
    }
    const refundLines = [...wanted.entries()].map(([index, qty]) => {
      const sold = original.lines[index];
      const share = refundShare(sold, qty, refundedSoFar(sold));
      return {
        id: uuid(),
        item_id: sold.item_id,
        sku: sold.sku,
        name: sold.name,
        unit_price: sold.unit_price,
        quantity: qty,
        tax_ppm: sold.tax_ppm,
        price_includes_tax: sold.price_includes_tax,
        gross: -share.gross,
        line_discount: -share.line_discount,
        cart_discount_share: -share.cart_discount_share,
        tax: -share.tax,
        total: -share.total,
        refund_of_line: sold.id,
      };
    });
    const sum = (pick) => refundLines.reduce((a, l) => a + pick(l), 0);
    const total = sum((l) => l.total);
    if (to === "store_credit" && !original.customer_id) {
      refuse("invalid_input", "a refund to store credit needs the sale to have a customer");
    }
    // refund_tenders.rs: store credit when asked; else back to card / credit first, rest in cash.
    const payments = [];
    if (total !== 0) {
      if (to === "store_credit") {
        payments.push({ method: "store_credit", amount: total, reference: null });
      } else {
        let open = -total;
        for (const method of ["card", "store_credit"]) {
          for (const paid of original.payments.filter((p) => p.method === method)) {
            const returned = state.sales
              .filter((s) => s.refund_of === original.id)
              .flatMap((s) => s.payments)
              .filter((p) => p.method === method && p.reference === paid.reference)
              .reduce((a, p) => a - p.amount, 0);
            const amount = Math.min(open, Math.max(paid.amount - returned, 0));
            if (amount > 0) {
              payments.push({ method, amount: -amount, reference: paid.reference });
              open -= amount;
            }
          }
        }
        if (open > 0) payments.push({ method: "cash", amount: -open, reference: null });
      }
    }
    const customer = customerById(original.customer_id);
    if (customer) {
      customer.store_credit -= payments.filter((p) => p.method === "store_credit").reduce((a, p) => a + p.amount, 0);
    }
    refundLines.forEach((l) => {
      ITEMS.find((i) => i.id === l.item_id).level_milli += l.quantity;
    });
    const refund = {
      id: uuid(),
      receipt_no: nextReceiptNo(),
      kind: "refund",
      occurred_at: nowUtc(),
      cashier_name: cashier.name,
      customer_id: original.customer_id,
      shift_id: shift.id,
      lines: refundLines,
      payments,
      subtotal: sum((l) => l.gross),
      discount_total: sum((l) => l.line_discount + l.cart_discount_share),
      tax_total: sum((l) => (l.price_includes_tax ? 0 : l.tax)),
      tax_included: sum((l) => (l.price_includes_tax ? l.tax : 0)),
      total,
      paid: total,
      change: 0,
      negative_stock: [],
      refund_of: original.id,
    };
    state.sales.push(refund);
    state.queue += 1;
    state.queuedSales += 1;
    return receiptJson(refund);
  }

  // ---------------------------------------------------------------- the shift's reports

  function summary(shift) {
    const sales = state.sales.filter((s) => s.shift_id === shift.id);
    const sum = (list, pick) => list.reduce((a, s) => a + pick(s), 0);
    const onlySales = sales.filter((s) => s.kind === "sale");
    const onlyRefunds = sales.filter((s) => s.kind === "refund");
    const byRate = new Map();
    const byMethod = new Map();
    for (const s of sales) {
      for (const l of s.lines) byRate.set(l.tax_ppm, (byRate.get(l.tax_ppm) || 0) + l.tax);
      for (const p of s.payments) byMethod.set(p.method, (byMethod.get(p.method) || 0) + p.amount);
    }
    const tenders = ["cash", "card", "store_credit"]
      .filter((m) => byMethod.has(m))
      .map((m) => [m, money(byMethod.get(m))]);
    const cashPayments = byMethod.get("cash") || 0;
    const moves = state.movements.filter((m) => m.shift_id === shift.id);
    const cashIn = sum(moves.filter((m) => m.into_drawer), (m) => m.amount);
    const cashOut = sum(moves.filter((m) => !m.into_drawer), (m) => m.amount);
    const change = sum(sales, (s) => s.change);
    const expected = shift.opening_float + cashPayments - change + cashIn - cashOut;
    return {
      shift: shiftJson(shift),
      opening_float: money(shift.opening_float),
      sales_count: onlySales.length,
      refunds_count: onlyRefunds.length,
      sales_total: money(sum(onlySales, (s) => s.total)),
      refunds_total: money(sum(onlyRefunds, (s) => s.total)),
      discount_total: money(sum(sales, (s) => s.discount_total)),
      tax_total: money(sum(sales, (s) => s.tax_total)),
      tax_included: money(sum(sales, (s) => s.tax_included)),
      taxes_by_rate: [...byRate.entries()].sort((a, b) => a[0] - b[0]).map(([ppm, tax]) => [rate(ppm), money(tax)]),
      tenders,
      cash_payments: money(cashPayments),
      cash_in: money(cashIn),
      cash_out: money(cashOut),
      change_given: money(change),
      expected_cash: money(expected),
      counted_cash: shift.counted_cash === null ? null : money(shift.counted_cash),
      over_short: shift.counted_cash === null ? null : money(shift.counted_cash - expected),
    };
  }

  function countTotal(count) {
    let total = 0;
    for (const entry of count.counts) {
      const d = entry.denomination;
      if (d <= 0) refuse("invalid_input", `${money(d)} is not a note or coin`);
      total += d * entry.count;
    }
    if (total > MAX_MINOR) refuse("invalid_input", "that count is too large");
    return total;
  }

  function stockJson(i) {
    return {
      item_id: i.id,
      sku: i.sku,
      name: i.name,
      level: formatDecimal(i.level_milli, 3, true),
      reorder_level: quantity(i.reorder_milli),
      negative: i.level_milli < 0,
    };
  }

  function dayReport() {
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const sales = state.sales.filter((s) => {
      const at = new Date(s.occurred_at);
      return at.toDateString() === d.toDateString();
    });
    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, sales: 0, total: 0 }));
    const byMethod = new Map();
    let salesCount = 0;
    let refundsCount = 0;
    let salesTotal = 0;
    let refundsTotal = 0;
    for (const s of sales) {
      const slot = byHour[new Date(s.occurred_at).getHours()];
      slot.total += s.total;
      if (s.kind === "sale") {
        slot.sales += 1;
        salesCount += 1;
        salesTotal += s.total;
      } else {
        refundsCount += 1;
        refundsTotal += s.total;
      }
      for (const p of s.payments) byMethod.set(p.method, (byMethod.get(p.method) || 0) + p.amount);
    }
    return {
      business_date: today,
      sales_count: salesCount,
      refunds_count: refundsCount,
      sales_total: money(salesTotal),
      refunds_total: money(refundsTotal),
      net_total: money(salesTotal + refundsTotal),
      by_hour: byHour.map((h) => ({ hour: h.hour, sales: h.sales, total: money(h.total) })),
      tenders: ["cash", "card", "store_credit"].filter((m) => byMethod.has(m)).map((m) => [m, money(byMethod.get(m))]),
    };
  }

  function status() {
    return {
      terminal_id: TERMINAL_ID,
      code: "T01",
      paired: state.paired,
      hq_url: state.paired ? "https://hq.example.test" : null,
      online: state.paired && Boolean(config.online) && !config.lastError,
      queue_length: state.queue,
      queued_sales: state.queuedSales,
      dead_letters: 0,
      last_sync: state.lastSync,
      last_error: config.lastError,
      shift_open: currentShift() !== null,
      recent_dead_letters: [],
      last_closed_day: config.lastClosedDay ?? null,
    };
  }

  // ---------------------------------------------------------------- arguments, as serde reads them

  function args(cmd, raw, spec) {
    const out = {};
    for (const [name, type] of Object.entries(spec)) {
      const value = raw ? raw[name] : undefined;
      const bad = (detail) => {
        throw new BadArgs(`invalid args \`${name}\` for command \`${cmd}\`: ${detail}`);
      };
      const optional = type.startsWith("?");
      const base = optional ? type.slice(1) : type;
      if (value === undefined || value === null) {
        if (optional) {
          out[name] = null;
          continue;
        }
        bad(value === null ? `invalid type: null, expected ${base}` : `command ${cmd} missing required key ${name}`);
      }
      const got = () => (typeof value === "string" ? `string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`);
      switch (base) {
        case "string":
          if (typeof value !== "string") bad(`invalid type: ${got()}, expected a string`);
          break;
        case "usize":
          if (typeof value !== "number" || !Number.isInteger(value) || value < 0) bad(`invalid type: ${got()}, expected usize`);
          break;
        case "bool":
          if (typeof value !== "boolean") bad(`invalid type: ${got()}, expected a boolean`);
          break;
        case "object":
          if (typeof value !== "object" || Array.isArray(value)) bad(`invalid type: ${got()}, expected a struct`);
          break;
        case "method":
          if (!["cash", "card", "store_credit"].includes(value)) {
            bad(`unknown variant \`${value}\`, expected one of \`cash\`, \`card\`, \`store_credit\``);
          }
          break;
        case "refund_to":
          if (!["original_tender", "store_credit"].includes(value)) {
            bad(`unknown variant \`${value}\`, expected \`original_tender\` or \`store_credit\``);
          }
          break;
        case "stock_kind":
          if (!["receive", "adjust"].includes(value)) bad(`unknown variant \`${value}\`, expected \`receive\` or \`adjust\``);
          break;
        case "refund_lines":
          if (!Array.isArray(value)) bad(`invalid type: ${got()}, expected a sequence`);
          for (const line of value) {
            if (typeof line !== "object" || line === null || typeof line.code !== "string" || typeof line.quantity !== "string") {
              bad(`invalid type: ${JSON.stringify(line)}, expected struct RefundLineInput { code: string, quantity: string }`);
            }
          }
          break;
        case "cash_count": {
          if (typeof value !== "object" || !Array.isArray(value.counts)) bad(`missing field \`counts\``);
          const counts = [];
          for (const entry of value.counts) {
            if (typeof entry !== "object" || entry === null) bad(`invalid type: ${JSON.stringify(entry)}, expected struct DenominationCount`);
            if (typeof entry.denomination !== "string") bad(`invalid type: ${JSON.stringify(entry.denomination)}, expected a string`);
            let denomination;
            try {
              denomination = parseMoney(entry.denomination);
            } catch (e) {
              bad(e.message);
            }
            if (typeof entry.count !== "number" || !Number.isInteger(entry.count) || entry.count < 0 || entry.count > 4_294_967_295) {
              bad(`invalid type: ${JSON.stringify(entry.count)}, expected u32`);
            }
            counts.push({ denomination, count: entry.count });
          }
          out[name] = { counts };
          continue;
        }
        default:
          throw new Error(`fake-tauri: unknown argument type ${type}`);
      }
      out[name] = value;
    }
    return out;
  }

  function terminalReady() {
    if (state.setup === "needs_setup") {
      refuse("not_initialized", "this terminal is not set up yet: run `pos init` (or `pos init --demo`)");
    }
    if (state.setup === "broken") refuse("store", "the store cannot be opened: database disk image is malformed");
  }

  // ---------------------------------------------------------------- the commands

  const commands = {
    app_info: () => ({ name: "Tally", version: "0.1.0", data_dir: "/home/demo/.local/share/tally" }),
    setup_state: () =>
      state.setup === "ready"
        ? { state: "ready" }
        : state.setup === "needs_setup"
          ? { state: "needs_setup", data_dir: "/home/demo/.local/share/tally" }
          : { state: "broken", message: "the store cannot be opened: database disk image is malformed" },
    create_demo_store: () => {
      if (state.setup !== "needs_setup") {
        refuse("already_initialized", "this data folder already holds a terminal; it is never overwritten");
      }
      state.setup = "ready";
      return null;
    },
    pair_with_hq: (a) => {
      const { hq_url, code } = args("pair_with_hq", a, { hq_url: "string", code: "string" });
      if (state.setup !== "needs_setup") {
        refuse("already_initialized", "this data folder already holds a terminal; it is never overwritten");
      }
      if (!/^https?:\/\//.test(hq_url.trim())) refuse("sync", `HQ address ${hq_url.trim()} is not an http(s) URL`);
      if (code.trim() !== "PAIR-1234") refuse("sync", "HQ refused the pairing code: unknown or expired code");
      state.setup = "ready";
      state.paired = true;
      return null;
    },
    terminal_status: () => (terminalReady(), status()),
    sync_now: () => {
      if (state.paired && config.online) {
        state.queue = 0;
        state.lastSync = nowUtc();
      }
      return state.paired;
    },

    staff_list: () => {
      terminalReady();
      const now = nowUtc();
      return USERS.map((u) => ({
        id: u.id,
        name: u.name,
        role: u.role,
        locked_until: u.locked_until && u.locked_until > now ? u.locked_until : null,
      })).sort((a, b) => a.name.localeCompare(b.name));
    },
    sign_in: (a) => {
      const { pin, user_id } = args("sign_in", a, { pin: "string", user_id: "?string" });
      const id = user_id === null ? null : typedId("user", user_id);
      terminalReady();
      const user = id === null ? signInByPin(pin) : signInAs(id, pin);
      if (state.cashier && state.cashier.id !== user.id) commands.sign_out();
      state.cashier = user;
      return staffJson(user);
    },
    sign_out: () => {
      terminalReady();
      const cashier = state.cashier;
      if (!cashier) return null;
      if (state.tenders.length > 0) {
        refuse(
          "invalid_input",
          "this sale has payments taken: finish it, or remove the payments, before signing out",
        );
      }
      if (state.cart.lines.length > 0) {
        park(cashier, `${cashier.name}'s sale (signed out)`);
        newSale();
      }
      state.cashier = null;
      return null;
    },

    current_sale: () => (terminalReady(), view()),
    scan_item: (a) => {
      const { code, quantity: q } = args("scan_item", a, { code: "string", quantity: "?string" });
      const qty = q !== null && q.trim() !== "" ? typed("quantity", q, parseQuantity) : 1_000;
      terminalReady();
      editable();
      const it = itemByCode(code);
      if (qty === 0) refuse("invalid_input", "the quantity must be more than zero");
      const existing = state.cart.lines.find((l) => l.item_id === it.id && !l.discount);
      if (existing) {
        existing.quantity += qty;
      } else {
        state.cart.lines.push({
          item_id: it.id,
          sku: it.sku,
          name: it.name,
          unit_price: it.price,
          price_includes_tax: it.price_includes_tax,
          tax_ppm: it.tax_ppm,
          quantity: qty,
          discount: null,
        });
      }
      return view();
    },
    search_items: (a) => {
      const { text } = args("search_items", a, { text: "string" });
      terminalReady();
      const words = text.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      return ITEMS.filter((i) => {
        const name = i.name.toLowerCase();
        const nameWords = name.split(/[^a-z0-9]+/).filter(Boolean);
        return name.startsWith(text.trim().toLowerCase()) || words.every((w) => nameWords.some((n) => n.startsWith(w)));
      })
        .sort((x, y) => x.name.localeCompare(y.name))
        .slice(0, 50)
        .map(itemJson);
    },
    set_quantity: (a) => {
      const { line_no, quantity: q } = args("set_quantity", a, { line_no: "usize", quantity: "string" });
      const qty = typed("quantity", q, parseQuantity);
      terminalReady();
      editable();
      if (qty === 0) refuse("invalid_input", "the quantity must be more than zero (remove the line instead)");
      const line = state.cart.lines[line_no - 1];
      if (!line || line_no < 1) refuse("no_such_line", `there is no line ${line_no} in the sale`);
      line.quantity = qty;
      return view();
    },
    remove_line: (a) => {
      const { line_no } = args("remove_line", a, { line_no: "usize" });
      terminalReady();
      editable();
      if (line_no < 1 || !state.cart.lines[line_no - 1]) refuse("no_such_line", `there is no line ${line_no} in the sale`);
      state.cart.lines.splice(line_no - 1, 1);
      return view();
    },
    set_line_discount: (a) => {
      const { line_no, discount } = args("set_line_discount", a, { line_no: "usize", discount: "string" });
      const d = discount.trim() === "" ? null : typed("discount", discount, parseDiscount);
      terminalReady();
      editable();
      if (line_no < 1 || !state.cart.lines[line_no - 1]) refuse("no_such_line", `there is no line ${line_no} in the sale`);
      const before = cloneCart();
      state.cart.lines[line_no - 1].discount = d;
      return pricedOrUndo(before);
    },
    set_cart_discount: (a) => {
      const { discount } = args("set_cart_discount", a, { discount: "string" });
      const d = discount.trim() === "" ? null : typed("discount", discount, parseDiscount);
      terminalReady();
      editable();
      const before = cloneCart();
      state.cart.cart_discount = d;
      return pricedOrUndo(before);
    },
    search_customers: (a) => {
      const { text } = args("search_customers", a, { text: "string" });
      terminalReady();
      const needle = text.trim().toLowerCase();
      if (!needle) return [];
      return CUSTOMERS.filter(
        (c) => c.name.toLowerCase().includes(needle) || (c.email || "").toLowerCase().includes(needle),
      ).map(customerJson);
    },
    attach_customer: (a) => {
      const { customer_id } = args("attach_customer", a, { customer_id: "?string" });
      const id = customer_id === null ? null : typedId("customer", customer_id);
      terminalReady();
      editable();
      if (id !== null && !customerById(id)) refuse("invalid_input", "that customer is not on this terminal");
      state.cart.customer_id = id;
      return view();
    },
    park_sale: (a) => {
      const { label } = args("park_sale", a, { label: "string" });
      terminalReady();
      editable();
      const cashier = signedIn();
      if (state.cart.lines.length === 0) refuse("empty_sale", "the sale has no lines");
      park(cashier, label.trim() === "" ? `${cashier.name}'s sale` : label.trim());
      newSale();
      return view();
    },
    parked_sales: () => (terminalReady(), state.parked.map((p) => Object.assign({}, p))),
    resume_sale: (a) => {
      const { id } = args("resume_sale", a, { id: "string" });
      const parkedId = typedId("parked sale", id);
      terminalReady();
      signedIn();
      if (state.cart.lines.length > 0) {
        refuse("invalid_input", "finish or park the sale on screen before resuming another");
      }
      const index = state.parked.findIndex((p) => p.id === parkedId);
      if (index < 0) refuse("store", `unknown parked sale ${parkedId}`);
      const [parked] = state.parked.splice(index, 1);
      newSale();
      state.cart = JSON.parse(parked.cart_json);
      return view();
    },
    void_sale: (a) => {
      const { manager_pin } = args("void_sale", a, { manager_pin: "?string" });
      terminalReady();
      signedIn();
      if (state.tenders.length > 0) refuse("invalid_input", "remove the payments taken before voiding the sale");
      approver(manager_pin, "void");
      newSale();
      return view();
    },
    add_payment: (a) => {
      const p = args("add_payment", a, {
        key: "string",
        paid_before: "string",
        method: "method",
        amount: "string",
        reference: "?string",
        manager_pin: "?string",
      });
      const key = typedId("sale", p.key);
      const paidBefore = typed("paid so far", p.paid_before, parseMoney);
      const amount = typed("amount", p.amount, parseMoney);
      const method =
        p.method === "card" ? { kind: "card", reference: (p.reference || "").trim() } : { kind: p.method };
      if (amount <= 0) refuse("payment", `tender amount ${money(amount)} must be greater than zero`);
      if (method.kind === "card" && method.reference === "") refuse("payment", "card reference must not be empty");
      terminalReady();
      const done = alreadyFinished(key);
      if (done) return { sale: view(), receipt: done };
      signedIn();
      const paid = state.tenders.reduce((s, t) => s + t.amount, 0);
      if (key !== state.key || paidBefore !== paid) staleSale();
      if (state.cart.lines.length === 0) refuse("empty_sale", "the sale has no lines");
      state.tenders.push({ method, amount });
      const total = priceSale(state.cart.lines, state.cart.cart_discount).total;
      const customer = customerById(state.cart.customer_id);
      const settlement = settle(total, state.tenders, customer ? customer.store_credit : 0);
      if (settlement.short !== undefined) return { sale: view(), receipt: null };
      if (settlement.refused) {
        state.tenders.pop();
        refuse("payment", settlement.refused);
      }
      // As in Rust, a payment that covers the sale stays taken when completing it fails
      // (a manager's approval missing): the screen then calls finish_sale with the PIN.
      const receipt = finish(key, optionalPin(p.manager_pin));
      return { sale: view(), receipt };
    },
    remove_payment: (a) => {
      const { key, index } = args("remove_payment", a, { key: "string", index: "usize" });
      const k = typedId("sale", key);
      terminalReady();
      signedIn();
      if (k !== state.key) staleSale();
      if (index >= state.tenders.length) refuse("invalid_input", `there is no payment ${index + 1} on this sale`);
      state.tenders.splice(index, 1);
      return view();
    },
    finish_sale: (a) => {
      const { key, manager_pin } = args("finish_sale", a, { key: "string", manager_pin: "?string" });
      const k = typedId("sale", key);
      terminalReady();
      return finish(k, optionalPin(manager_pin));
    },

    find_sale: (a) => {
      const { receipt_no } = args("find_sale", a, { receipt_no: "string" });
      terminalReady();
      const no = receipt_no.trim();
      const sale = saleByReceipt(no);
      if (!sale) refuse("unknown_receipt", `no sale has the receipt number ${no}`);
      if (sale.kind !== "sale") refuse("invalid_input", `${no} is a refund; look up the sale it refunded`);
      return refundableJson(sale);
    },
    refund: (a) => {
      const p = args("refund", a, {
        key: "string",
        receipt_no: "string",
        lines: "refund_lines",
        to: "refund_to",
        manager_pin: "?string",
      });
      const key = typedId("refund", p.key);
      const lines = p.lines.map((l) => [l.code, typed("quantity", l.quantity, parseQuantity)]);
      if (lines.length === 0) refuse("invalid_input", "pick at least one line to refund");
      terminalReady();
      const done = alreadyFinished(key);
      if (done) return done;
      const cashier = signedIn();
      const manager = approver(optionalPin(p.manager_pin), "refund");
      for (const [, q] of lines) if (q === 0) refuse("refund", "refund quantity must not be zero");
      const receipt = refundSale(cashier, manager, p.receipt_no, lines, p.to);
      remember(key, receipt);
      return receipt;
    },

    current_shift: () => {
      terminalReady();
      const shift = currentShift();
      return shift ? shiftJson(shift) : null;
    },
    open_shift: (a) => {
      const { float } = args("open_shift", a, { float: "string" });
      const cents = typed("opening float", float, parseMoney);
      terminalReady();
      const by = signedIn();
      if (cents < 0) refuse("invalid_input", "the opening float cannot be negative");
      const open = currentShift();
      if (open) refuse("store", `shift ${open.id} is still open: close it before opening another`);
      return shiftJson(openShiftRecord(by, cents));
    },
    cash_movement: (a) => {
      const p = args("cash_movement", a, {
        into_drawer: "bool",
        amount: "string",
        reason: "string",
        manager_pin: "?string",
      });
      const amount = typed("amount", p.amount, parseMoney);
      terminalReady();
      const by = p.into_drawer ? signedIn() : approver(optionalPin(p.manager_pin), "cash out of the drawer");
      if (amount <= 0) refuse("invalid_input", "the amount must be more than zero");
      if (p.reason.trim() === "") refuse("invalid_input", "say why cash goes in or out");
      const shift = currentShift();
      if (!shift) refuse("no_open_shift", "no shift is open: open one with a float first");
      state.movements.push({
        shift_id: shift.id,
        into_drawer: p.into_drawer,
        amount,
        reason: p.reason,
        user_id: by.id,
        at: nowUtc(),
      });
      state.queue += 1;
      return summary(shift);
    },
    x_report: () => {
      terminalReady();
      const shift = currentShift();
      if (!shift) refuse("no_open_shift", "no shift is open: open one with a float first");
      return summary(shift);
    },
    denominations: () => DENOMINATIONS.map(money),
    count_cash: (a) => {
      const { count } = args("count_cash", a, { count: "cash_count" });
      return money(countTotal(count));
    },
    close_shift: (a) => {
      const { count, manager_pin } = args("close_shift", a, { count: "cash_count", manager_pin: "?string" });
      terminalReady();
      if (state.cart.lines.length > 0) {
        refuse("invalid_input", "finish, park or void the sale on screen before closing the shift");
      }
      const manager = approver(optionalPin(manager_pin), "closing the shift");
      const counted = countTotal(count);
      const shift = currentShift();
      if (!shift) refuse("no_open_shift", "no shift is open: open one with a float first");
      shift.closed_at = nowUtc();
      shift.closed_by = manager.id;
      shift.counted_cash = counted;
      state.queue += 1;
      return summary(shift);
    },

    stock_list: (a) => {
      const { filter, low_only } = args("stock_list", a, { filter: "string", low_only: "bool" });
      terminalReady();
      const f = filter.trim().toLowerCase();
      let rows = ITEMS.filter(
        (i) =>
          !f ||
          i.sku.toLowerCase().startsWith(f) ||
          i.barcode === f ||
          f.split(/\s+/).every((w) => i.name.toLowerCase().split(/[^a-z0-9]+/).some((n) => n.startsWith(w))),
      );
      if (low_only) {
        rows = rows
          .filter((i) => i.level_milli <= i.reorder_milli)
          .sort((x, y) => x.level_milli - x.reorder_milli - (y.level_milli - y.reorder_milli) || x.name.localeCompare(y.name));
      } else {
        rows = rows.sort((x, y) => x.sku.localeCompare(y.sku));
      }
      return rows.map(stockJson);
    },
    change_stock: (a) => {
      const p = args("change_stock", a, {
        code: "string",
        kind: "stock_kind",
        quantity: "string",
        reason: "string",
        manager_pin: "?string",
      });
      let milli;
      if (p.kind === "receive") {
        milli = typed("quantity", p.quantity, parseQuantity);
      } else {
        const t = p.quantity.trim();
        const negative = t.startsWith("-");
        const magnitude = negative ? t.slice(1) : t.replace(/^\+/, "");
        milli = parseQuantity(magnitude.trim()) * (negative ? -1 : 1);
        if (milli === 0) refuse("invalid_input", "the quantity cannot be zero");
      }
      terminalReady();
      approver(optionalPin(p.manager_pin), "stock change");
      if (p.reason.trim() === "") refuse("invalid_input", "a stock change needs a reason");
      const it = itemByCode(p.code);
      if (milli === 0) refuse("invalid_input", "the quantity cannot be zero");
      it.level_milli += milli;
      state.queue += 1;
      return stockJson(it);
    },
    day_report: () => (terminalReady(), dayReport()),

    // The receipt printer: settings a manager changes, and a queue the fake never sends
    // (there is no printer in a browser); the real transports are tested in Rust.
    printer_status: () => (terminalReady(), printerStatus()),
    set_printer: (a) => {
      const p = args("set_printer", a, { setup: "object", manager_pin: "?string" });
      terminalReady();
      approver(optionalPin(p.manager_pin), "printer settings");
      const address = String(p.setup.address ?? "").trim();
      if (!/^(none|tcp:\/\/[^\s/:]+(:\d+)?|file:\/\/\/\S+)$/.test(address)) {
        refuse("invalid_input", `"${address}" is not a printer address: use tcp://HOST:PORT, file:///dev/usb/lp0 or none`);
      }
      if (![58, 80].includes(p.setup.paper_mm)) refuse("invalid_input", `paper is 58 or 80 mm, not ${p.setup.paper_mm}`);
      const tidy = (lines) => (lines ?? []).map((l) => String(l).trim()).filter((l) => l !== "");
      state.printer = {
        address,
        paper_mm: p.setup.paper_mm,
        store_name: String(p.setup.store_name ?? "").trim(),
        store_address: tidy(p.setup.store_address),
        tax_id: String(p.setup.tax_id ?? "").trim(),
        footer: tidy(p.setup.footer),
      };
      return printerStatus();
    },
    reprint_receipt: (a) => {
      args("reprint_receipt", a, { receipt_no: "string" });
      terminalReady();
      if (printerSetup().address === "none") return false;
      state.printWaiting += 1;
      return true;
    },
    retry_printing: () => null,
    open_drawer: (a) => {
      const p = args("open_drawer", a, { reason: "string", manager_pin: "?string" });
      terminalReady();
      approver(optionalPin(p.manager_pin), "opening the drawer without a sale");
      if (printerSetup().address === "none") refuse("printer", "the printer: no printer is set, and the drawer opens through it");
      return null;
    },
  };

  function printerSetup() {
    return (
      state.printer ?? {
        address: "none",
        paper_mm: 80,
        store_name: "",
        store_address: [],
        tax_id: "",
        footer: ["Thank you!"],
      }
    );
  }

  function printerStatus() {
    return { setup: printerSetup(), waiting: state.printWaiting ?? 0, last_error: null };
  }

  // ---------------------------------------------------------------- seed: yesterday's shift

  (function seed() {
    const casey = USERS[0];
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const old = {
      id: uuid(),
      opened_by: casey.id,
      opened_at: yesterday,
      opening_float: 10_000,
      closed_at: yesterday,
      closed_by: USERS[1].id,
      counted_cash: 10_000,
    };
    state.shifts.push(old);
    const lineOf = (sku, qty) => {
      const it = ITEMS.find((i) => i.sku === sku);
      return {
        item_id: it.id,
        sku: it.sku,
        name: it.name,
        unit_price: it.price,
        price_includes_tax: it.price_includes_tax,
        tax_ppm: it.tax_ppm,
        quantity: qty * 1_000,
        discount: null,
      };
    };
    // T01-000041: 2 x Spaghetti 500g + 1 Flat White, paid 10.00 cash (no customer).
    completeSale(
      casey,
      { lines: [lineOf("GRO-0005", 2), lineOf("CAF-0289", 1)], cart_discount: null, customer_id: null },
      [{ method: { kind: "cash" }, amount: 1_000 }],
      null,
      old,
      yesterday,
    );
    // T01-000042: Olive Oil for Alex Regular, paid by card.
    completeSale(
      casey,
      { lines: [lineOf("GRO-0013", 1)], cart_discount: null, customer_id: CUSTOMERS[0].id },
      [{ method: { kind: "card", reference: "AUTH-4242" }, amount: 1_319 }],
      null,
      old,
      yesterday,
    );
    if (config.shiftOpen) {
      const shift = openShiftRecord(USERS[0], 10_000);
      if (config.saleInShift) {
        completeSale(
          casey,
          { lines: [lineOf("GRO-0005", 2), lineOf("CAF-0289", 1)], cart_discount: null, customer_id: null },
          [{ method: { kind: "cash" }, amount: 1_000 }],
          null,
          shift,
        );
      }
    }
    state.queue = Number(config.queueLength) || 0; // what HQ still has to receive is configured
    state.queuedSales = Number(config.queuedSales) || 0;
  })();

  // ---------------------------------------------------------------- the IPC surface

  const calls = [];
  const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function invoke(cmd, rawArgs, _options) {
    const call = { cmd, args: clone(rawArgs || {}), at: Date.now(), done: false };
    calls.push(call);
    await delay(config.delays[cmd] || 0);
    try {
      const handler = Object.prototype.hasOwnProperty.call(commands, cmd) ? commands[cmd] : null;
      if (!handler) throw new BadArgs(`command ${cmd} not found`);
      // Like IPC, the answer is a copy: the UI cannot reach into the fake's state.
      const result = clone(handler(call.args));
      call.ok = true;
      call.result = result;
      return result === undefined ? null : result;
    } catch (e) {
      call.ok = false;
      if (e instanceof Refusal) {
        call.error = { code: e.code, message: e.message };
        throw { code: e.code, message: e.message }; // eslint-disable-line no-throw-literal
      }
      if (e instanceof BadArgs) {
        call.error = e.message;
        throw e.message; // eslint-disable-line no-throw-literal
      }
      call.error = { code: "internal", message: String(e && e.stack ? e.stack : e) };
      throw { code: "internal", message: `fake-tauri bug: ${e && e.message ? e.message : e}` }; // eslint-disable-line no-throw-literal
    } finally {
      call.done = true;
    }
  }

  const callbacks = new Map();
  let nextCallback = 1;
  global.__TAURI_INTERNALS__ = {
    invoke,
    transformCallback(callback, once = false) {
      const id = nextCallback++;
      callbacks.set(id, (data) => {
        if (once) callbacks.delete(id);
        return callback && callback(data);
      });
      return id;
    },
    unregisterCallback(id) {
      callbacks.delete(id);
    },
    runCallback(id, data) {
      const callback = callbacks.get(id);
      if (callback) callback(data);
    },
    callbacks,
    convertFileSrc(path, protocol = "asset") {
      return `${protocol}://localhost/${encodeURIComponent(path)}`;
    },
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
  };
  global.__calls = calls;
  global.__fake = { state, config, commands, priceSale, quickCash, money, parseMoney, ITEMS, USERS, CUSTOMERS };
})(typeof window !== "undefined" ? window : globalThis);
