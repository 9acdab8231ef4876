// A whole sale as a cashier does it: the keypad, opening the shift, two scans from a
// keyboard-wedge scanner, the totals, a quick-cash button tapped twice, and the change.
import assert from "node:assert/strict";
import { test } from "node:test";

import { byId, calls, openShiftIfAsked, scan, screenshot, settled, signInWithKeypad, useSuite, text } from "../harness.js";

const suite = useSuite();

const SPAGHETTI = "2000000000022"; // GRO-0005, 1.89 + 20% on top
const FLAT_WHITE = "2000000000060"; // CAF-0289, 3.20 with 7% included
const CASEY = "0190a000-0000-7000-8000-000000000001";

const focusedTestId = (page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? null);

test("a full sale: keypad sign-in, open the shift, scan two items, quick cash, change", async () => {
  const { page, problems } = await suite.open({ shiftOpen: false, queueLength: 0 });

  // Sign-in: one card per member of staff, picked, then the PIN on the keypad.
  await byId(page, "pin-input").waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="staff-card"]').length === 2);
  await screenshot(page, "sign-in");
  await signInWithKeypad(page, "1234", "Casey Cashier");

  const signIns = await calls(page, "sign_in");
  assert.deepEqual(
    signIns.map((c) => c.args),
    [{ pin: "1234", user_id: CASEY }],
  );

  // No shift is open: the Shift screen asks for the float first.
  await byId(page, "shift-float").waitFor();
  assert.equal(await byId(page, "shift-float").inputValue(), "100.00");
  await screenshot(page, "shift-open");
  await openShiftIfAsked(page);
  assert.deepEqual((await calls(page, "open_shift")).map((c) => c.args), [{ float: "100.00" }]);
  assert.match(await text(page, "signed-in-as"), /Casey Cashier/);

  // The scan field has the keyboard; a scanner types fast and ends with Enter.
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "scan-input");
  await scan(page, SPAGHETTI);
  await byId(page, "cart-line").first().waitFor();
  assert.equal(await focusedTestId(page), "scan-input", "focus returns to the scan field after a scan");
  await scan(page, FLAT_WHITE);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 2);
  await settled(page);
  assert.deepEqual(
    (await calls(page, "scan_item")).map((c) => c.args.code),
    [SPAGHETTI, FLAT_WHITE],
    "each scan is one scan_item with exactly the scanned code",
  );
  assert.equal(await byId(page, "scan-input").inputValue(), "", "the scan field is cleared after a scan");

  // Totals come from Rust: 1.89 + 0.38 tax on top, 3.20 with 0.21 inside = 5.47.
  assert.match(await text(page, "sale-subtotal"), /5\.09/);
  const taxes = (await byId(page, "sale-tax").allInnerTexts()).join(" | ");
  assert.match(taxes, /20%/);
  assert.match(taxes, /0\.38/);
  assert.match(taxes, /0\.21/, "the included 7% tax is shown too");
  assert.match(await text(page, "sale-total"), /5\.47/);
  assert.match(await byId(page, "cart-line").first().innerText(), /Spaghetti 500g/);
  await screenshot(page, "sale");

  // Pay: the tender screen with the due and quick-cash buttons (the first is exact).
  await byId(page, "pay-button").click();
  await byId(page, "tender-due").waitFor();
  assert.match(await text(page, "tender-due"), /5\.47/);
  const quick = await byId(page, "quick-cash").allInnerTexts();
  assert.match(quick[0], /Exact\s+5\.47/);
  assert.deepEqual(
    quick.slice(1).map((label) => label.match(/\d+\.\d\d/)?.[0]),
    ["10.00", "20.00", "50.00"],
  );
  await screenshot(page, "tender");

  // A double tap on "10.00" takes the money once.
  await byId(page, "quick-cash").filter({ hasText: "10.00" }).dblclick();
  await byId(page, "change-due").waitFor();
  await settled(page);
  const payments = await calls(page, "add_payment");
  assert.equal(payments.length, 1, "exactly one add_payment for a double-clicked quick-cash button");
  const sale = (await calls(page, "scan_item")).at(-1).result;
  assert.deepEqual(
    { ...payments[0].args, reference: payments[0].args.reference ?? null, manager_pin: payments[0].args.manager_pin ?? null },
    { key: sale.key, paid_before: "0.00", method: "cash", amount: "10.00", reference: null, manager_pin: null },
  );

  // The receipt: change shown very large, the receipt number, and New sale ready for Enter.
  assert.match(await text(page, "change-due"), /4\.53/);
  const changeSize = await byId(page, "change-due").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(changeSize >= 32, `the change is shown large (font-size ${changeSize}px)`);
  assert.match(await text(page, "receipt-no"), /T01-000043/);
  assert.match(await text(page, "receipt"), /Spaghetti 500g/);
  await screenshot(page, "receipt");
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "new-sale");
  await page.keyboard.press("Enter");
  await byId(page, "scan-input").waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "scan-input");
  assert.equal(await byId(page, "cart-line").count(), 0);

  // The badge follows the outbox: the shift and the sale now wait for HQ.
  await byId(page, "sync-badge").filter({ hasText: /Not paired\s*·\s*2 queued/ }).waitFor({ timeout: 5_000 });
  assert.deepEqual(problems, []);
});

test("a wrong PIN shows the error and clears only the PIN", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true });
  await signInWithKeypad(page, "1111", "Casey Cashier");
  await settled(page);
  const signIn = (await calls(page, "sign_in"))[0];
  assert.deepEqual(signIn.args, { pin: "1111", user_id: CASEY });
  assert.equal(signIn.error.code, "wrong_pin");
  assert.equal(await byId(page, "pin-input").inputValue(), "", "the wrong PIN is cleared");
  assert.equal(
    await byId(page, "staff-card").filter({ hasText: "Casey Cashier" }).getAttribute("aria-pressed"),
    "true",
    "the picked card stays picked",
  );
  await page.waitForTimeout(300); // anything that would clear the banner right away has run
  assert.equal(
    await byId(page, "error-banner").filter({ hasText: "that PIN is not right" }).count(),
    1,
    "the error banner says the PIN is wrong",
  );
  // Keyboard only: the PIN field still has the focus, Enter submits.
  await page.keyboard.type("1234");
  await page.keyboard.press("Enter");
  await byId(page, "scan-input").waitFor();
  assert.equal(await byId(page, "error-banner").count(), 0, "the next success clears the banner");
  assert.deepEqual(problems, []);
});

test("a second tap of Pay while the payment is in flight is ignored", async () => {
  // add_payment answers after 400 ms here, so both clicks land while the first is in flight.
  const { page, problems } = await suite.open({ shiftOpen: true, delays: { add_payment: 400 } });
  await signInWithKeypad(page, "1234");
  await openShiftIfAsked(page);
  await scan(page, FLAT_WHITE);
  await byId(page, "cart-line").first().waitFor();
  await byId(page, "pay-button").click();
  await byId(page, "quick-cash").first().waitFor();
  // Two clicks in the same task: only a synchronous busy flag can stop the second.
  await byId(page, "quick-cash").first().evaluate((button) => {
    button.click();
    button.click();
  });
  await byId(page, "change-due").waitFor();
  await settled(page);
  const payments = await calls(page, "add_payment");
  assert.equal(payments.length, 1, "one add_payment for two clicks in the same frame");
  assert.equal(payments[0].args.amount, "3.20");
  assert.match(await text(page, "change-due"), /0\.00/);
  assert.deepEqual(problems, []);
});
