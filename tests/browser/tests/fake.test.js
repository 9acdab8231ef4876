// The fake backend itself, run in a bare VM context (no browser): its arithmetic and its
// refusals must match what the Rust side answers, or the browser tests would test a fiction.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../fake-tauri.js", import.meta.url), "utf8");

function fake(config = {}) {
  const window = { __FAKE_TAURI_CONFIG__: { delays: { add_payment: 0, refund: 0, finish_sale: 0, close_shift: 0 }, ...config } };
  vm.runInNewContext(SOURCE, { window, setTimeout, Date, JSON, Math, Promise, crypto: globalThis.crypto });
  const invoke = (cmd, args) => window.__TAURI_INTERNALS__.invoke(cmd, args);
  return { window, invoke, fake: window.__fake };
}

const rejection = async (promise) => {
  try {
    await promise;
  } catch (error) {
    // A plain copy: the VM context's objects have another realm's prototypes.
    return typeof error === "object" ? JSON.parse(JSON.stringify(error)) : error;
  }
  assert.fail("expected a rejection");
};

test("quick cash and tax rounding follow the Rust unit tests", () => {
  const { fake: f } = fake();
  assert.deepEqual([...f.quickCash(1234)].map(f.money), ["12.34", "15.00", "20.00", "50.00"]);
  assert.deepEqual([...f.quickCash(2000)].map(f.money), ["20.00", "25.00", "30.00", "40.00", "50.00"]);
  assert.equal(f.quickCash(0).length, 0);
  const line = (cents, ppm, included, discount = null) => ({
    unit_price: cents, quantity: 1000, tax_ppm: ppm, price_includes_tax: included, discount,
  });
  // line.rs: 8.875% on 10.00 -> 0.89 added; 10.89 inclusive contains 0.89; 20% in 9.99 -> 1.67.
  assert.equal(f.priceSale([line(1000, 88_750, false)], null).lines[0].tax, 89);
  assert.equal(f.priceSale([line(1089, 88_750, true)], null).lines[0].tax, 89);
  assert.equal(f.priceSale([line(999, 200_000, true)], null).lines[0].tax, 167);
  // 1.30 x 0.5 with 10% off: gross 6.5 -> 0.65, discount 6.5 -> 0.07 (line.rs).
  const half = { ...line(130, 0, false, { bp: 1000 }), quantity: 500 };
  const t = f.priceSale([half], null);
  assert.equal(t.lines[0].gross, 65);
  assert.equal(t.lines[0].line_discount, 7);
  // allocation.rs: 1.00 off three equal lines -> 34, 33, 33.
  const three = f.priceSale([line(100, 0, false), line(100, 0, false), line(100, 0, false)], { cents: 100 });
  assert.deepEqual(three.lines.map((l) => l.cart_discount_share), [34, 33, 33]);
  assert.equal(f.money(-5), "-0.05");
  assert.equal(f.money(300), "3.00");
});

test("PINs and manager approval refuse with the Rust codes", async () => {
  const { invoke } = fake({ shiftOpen: true });
  assert.deepEqual(await rejection(invoke("sign_in", { pin: "0000", user_id: null })), {
    code: "wrong_pin",
    message: "that PIN is not right",
  });
  assert.equal((await rejection(invoke("sign_in", { pin: "12", user_id: null }))).code, "invalid_input");
  const casey = JSON.parse(JSON.stringify(await invoke("sign_in", { pin: "1234", user_id: null })));
  assert.deepEqual(casey, { id: casey.id, name: "Casey Cashier", role: "cashier" });
  const refused = await rejection(invoke("void_sale", { manager_pin: null }));
  assert.deepEqual(refused, { code: "needs_manager", message: "this needs a manager's approval: void" });
  const notManager = await rejection(invoke("void_sale", { manager_pin: "1234" }));
  assert.equal(notManager.code, "needs_manager");
  assert.match(notManager.message, /Casey Cashier is not a manager \(void\)/);
  await invoke("void_sale", { manager_pin: "9876" });
  // Five wrong PINs for a named user lock them.
  const cards = await invoke("staff_list", {});
  const morgan = cards.find((c) => c.name === "Morgan Manager");
  for (let i = 0; i < 4; i += 1) {
    assert.equal((await rejection(invoke("sign_in", { pin: "1111", user_id: morgan.id }))).code, "wrong_pin");
  }
  assert.equal((await rejection(invoke("sign_in", { pin: "1111", user_id: morgan.id }))).code, "locked");
  assert.equal((await invoke("staff_list", {})).find((c) => c.id === morgan.id).locked_until !== null, true);
});

test("arguments are checked as serde reads them; a bad one is Tauri's plain string", async () => {
  const { invoke } = fake();
  assert.match(await rejection(invoke("sign_in", {})), /missing required key pin/);
  assert.match(await rejection(invoke("set_quantity", { line_no: "1", quantity: "2" })), /expected usize/);
  assert.match(
    await rejection(invoke("count_cash", { count: { counts: [{ denomination: "5.00", count: "3" }] } })),
    /expected u32/,
  );
  assert.equal(await invoke("count_cash", { count: { counts: [{ denomination: "50.00", count: 2 }, { denomination: "0.20", count: 3 }, { denomination: "0.01", count: 7 }] } }), "100.67");
  assert.match(await rejection(invoke("no_such_command", {})), /not found/);
});

test("a sale: totals in cents, one payment per shown state, change from cash", async () => {
  const { invoke, window } = fake({ queueLength: 2 });
  await invoke("sign_in", { pin: "1234", user_id: null });
  assert.equal(await invoke("current_shift", {}), null);
  assert.equal((await rejection(invoke("x_report", {}))).code, "no_open_shift");
  await invoke("open_shift", { float: "100.00" });
  const spaghetti = window.__fake.ITEMS.find((i) => i.sku === "GRO-0005");
  await invoke("scan_item", { code: spaghetti.barcode, quantity: null });
  const sale = await invoke("scan_item", { code: "CAF-0289", quantity: null });
  // 1.89 + 20% (0.38) and 3.20 with 7% inside (0.21).
  assert.equal(sale.totals.subtotal, "5.09");
  assert.equal(sale.totals.tax_total, "0.38");
  assert.equal(sale.totals.tax_included, "0.21");
  assert.equal(sale.totals.total, "5.47");
  assert.deepEqual(sale.totals.taxes_by_rate.map((r) => [r.rate, r.tax]), [["7%", "0.21"], ["20%", "0.38"]]);
  assert.deepEqual(sale.quick_cash, ["5.47", "10.00", "20.00", "50.00"]);
  const payment = { key: sale.key, paid_before: sale.paid, method: "cash", amount: "10.00", reference: null, manager_pin: null };
  const [first, second] = await Promise.allSettled([invoke("add_payment", payment), invoke("add_payment", payment)]);
  assert.equal(first.value.receipt.change, "4.53");
  // The repeat of a finished sale's payment answers with its receipt, never a second sale.
  assert.equal(second.value.receipt.receipt_no, first.value.receipt.receipt_no);
  assert.equal(first.value.sale.lines.length, 0);
  const status = await invoke("terminal_status", {});
  assert.equal(status.queue_length, 4, "2 waiting + the shift + the sale");
  // A stale paid_before is refused.
  await invoke("scan_item", { code: "GRO-0001", quantity: "2" });
  const next = await invoke("current_sale", {});
  await invoke("add_payment", { ...payment, key: next.key, amount: "1.00" });
  assert.equal((await rejection(invoke("add_payment", { ...payment, key: next.key, amount: "1.00" }))).code, "stale_sale");
});

test("refund by receipt number needs a manager and goes back in cash", async () => {
  const { invoke } = fake({ shiftOpen: true });
  await invoke("sign_in", { pin: "1234", user_id: null });
  const found = await invoke("find_sale", { receipt_no: " T01-000041 " });
  assert.equal(found.total, "7.74");
  assert.deepEqual(found.lines.map((l) => [l.sku, l.sold, l.left]), [["GRO-0005", "2", "2"], ["CAF-0289", "1", "1"]]);
  const request = { key: crypto.randomUUID(), receipt_no: "T01-000041", lines: [{ code: "GRO-0005", quantity: "1" }], to: "original_tender", manager_pin: null };
  assert.equal((await rejection(invoke("refund", request))).code, "needs_manager");
  const receipt = await invoke("refund", { ...request, manager_pin: "9876" });
  assert.equal(receipt.kind, "refund");
  assert.equal(receipt.total, "-2.27");
  assert.deepEqual(JSON.parse(JSON.stringify(receipt.payments)), [{ method: "cash", amount: "-2.27", reference: null }]);
  const again = await invoke("refund", { ...request, manager_pin: "9876" });
  assert.equal(again.receipt_no, receipt.receipt_no);
  assert.equal((await invoke("find_sale", { receipt_no: "T01-000041" })).lines[0].left, "1");
  assert.equal((await rejection(invoke("find_sale", { receipt_no: "T01-999999" }))).code, "unknown_receipt");
});

test("a sale already in the shift shows in the X report", async () => {
  const { invoke } = fake({ shiftOpen: true, saleInShift: true });
  const x = JSON.parse(JSON.stringify(await invoke("x_report", {})));
  assert.equal(x.sales_count, 1);
  assert.equal(x.sales_total, "7.74");
  assert.deepEqual(x.taxes_by_rate, [["7%", "0.21"], ["20%", "0.76"]]);
  assert.deepEqual(x.tenders, [["cash", "10.00"]]);
  assert.equal(x.change_given, "2.26");
  assert.equal(x.expected_cash, "107.74");
});

test("closing the shift: a manager, the count, and the Z report's over/short", async () => {
  const { invoke } = fake({ shiftOpen: true });
  await invoke("sign_in", { pin: "1234", user_id: null });
  await invoke("cash_movement", { into_drawer: true, amount: "5.00", reason: "change from the bank", manager_pin: null });
  assert.equal((await rejection(invoke("cash_movement", { into_drawer: false, amount: "1.00", reason: "x", manager_pin: null }))).code, "needs_manager");
  const count = { counts: [{ denomination: "50.00", count: 2 }, { denomination: "2.00", count: 2 }] };
  assert.equal((await rejection(invoke("close_shift", { count, manager_pin: null }))).code, "needs_manager");
  const z = await invoke("close_shift", { count, manager_pin: "9876" });
  assert.equal(z.expected_cash, "105.00");
  assert.equal(z.counted_cash, "104.00");
  assert.equal(z.over_short, "-1.00");
  assert.equal(await invoke("current_shift", {}), null);
});
