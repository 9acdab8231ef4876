// A refund by receipt number: find the sale, pick what comes back, a manager's PIN in the
// dialog, and the refund receipt.
import assert from "node:assert/strict";
import { test } from "node:test";

import { byId, calls, openShiftIfAsked, screenshot, settled, signInWithKeypad, useSuite, text } from "../harness.js";

const suite = useSuite();

test("a refund by receipt number, approved with the manager PIN dialog", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true });
  await signInWithKeypad(page, "1234", "Casey Cashier");
  await openShiftIfAsked(page);

  await byId(page, "nav-refund").click();
  const receiptInput = byId(page, "refund-receipt-input");
  await receiptInput.waitFor();
  // An unknown receipt: the error in one sentence, and what was typed stays.
  await receiptInput.fill("T01-999999");
  await receiptInput.press("Enter");
  await byId(page, "error-banner").filter({ hasText: "no sale has the receipt number T01-999999" }).waitFor();
  assert.equal(await receiptInput.inputValue(), "T01-999999", "the typed receipt number is kept on an error");

  // T01-000041 (seeded yesterday): 2 x Spaghetti 500g and a Flat White.
  await receiptInput.fill("T01-000041");
  await byId(page, "refund-find").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="refund-line"]').length === 2);
  const lines = byId(page, "refund-line");
  assert.match(await lines.nth(0).innerText(), /Spaghetti 500g/);
  const qty = lines.nth(0).getByTestId("refund-qty");
  assert.equal(await qty.inputValue(), "0", "refund quantities start at 0");
  assert.equal(await byId(page, "refund-to-credit").count(), 0, "no store-credit option without a customer");
  await qty.fill("1");
  await screenshot(page, "refund");

  // A cashier's refund needs a manager: the dialog says why; Escape cancels it.
  await byId(page, "refund-submit").click();
  const dialog = byId(page, "manager-pin-dialog");
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute("role"), "dialog");
  assert.match(await dialog.innerText(), /manager's approval/);
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-testid") === "manager-pin-input");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await settled(page);
  assert.equal((await calls(page, "refund")).length, 1, "cancelling the dialog sends nothing");
  assert.equal(await qty.inputValue(), "1", "the quantity typed stays after a cancelled approval");

  await byId(page, "refund-submit").click();
  await dialog.waitFor();
  await screenshot(page, "manager-pin");
  await byId(page, "manager-pin-input").fill("9876");
  await byId(page, "manager-pin-submit").click();

  const result = byId(page, "refund-result");
  await result.waitFor();
  await settled(page);
  assert.match(await text(page, "refund-result"), /T01-000043/);
  assert.match(await text(page, "refund-result"), /2\.27/);
  await screenshot(page, "refund-result");

  const refunds = await calls(page, "refund");
  assert.equal(refunds.length, 3);
  const [first, second, third] = refunds.map((c) => c.args);
  assert.match(first.key, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  assert.equal(second.key, first.key, "a retry carries the same key (a double tap is harmless)");
  assert.equal(third.key, first.key);
  assert.deepEqual(
    { receipt_no: third.receipt_no, lines: third.lines, to: third.to, manager_pin: third.manager_pin },
    {
      receipt_no: "T01-000041",
      lines: [{ code: "GRO-0005", quantity: "1" }],
      to: "original_tender",
      manager_pin: "9876",
    },
  );
  assert.equal(first.manager_pin ?? null, null);
  assert.equal(refunds[0].error.code, "needs_manager");
  assert.equal(refunds[2].ok, true);
  assert.deepEqual(problems, []);
});
