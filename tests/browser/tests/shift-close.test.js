// Closing the shift: the X report, a drawer count per denomination, the warning that sales
// still wait for HQ, the manager PIN, and the Z report with over/short.
import assert from "node:assert/strict";
import { test } from "node:test";

import { byId, calls, openShiftIfAsked, screenshot, settled, signInWithKeypad, useSuite, text } from "../harness.js";

const suite = useSuite();

test("closing the shift with a cash count and the Z report", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true, saleInShift: true, queueLength: 3, queuedSales: 2 });
  await signInWithKeypad(page, "1234", "Casey Cashier");
  await openShiftIfAsked(page);

  await byId(page, "nav-shift").click();
  await byId(page, "x-report-button").click();
  await byId(page, "x-report").waitFor();
  // One sale in the shift: 7.74, paid 10.00 cash, 2.26 change; 100.00 float.
  const x = await text(page, "x-report");
  assert.match(x, /7\.74/, "the X report shows the sales total");
  assert.match(x, /10\.00/, "the cash tendered");
  assert.match(x, /0\.76/, "the 20% tax");
  assert.match(x, /0\.21/, "the 7% tax");
  assert.match(x, /107\.74/, "the expected cash");
  await screenshot(page, "x-report");

  // One count field per denomination, as backend.denominations() lists them.
  const inputs = byId(page, "count-input");
  await inputs.first().waitFor();
  const denominations = await inputs.evaluateAll((els) => els.map((el) => el.getAttribute("data-denomination")));
  assert.deepEqual(denominations, (await calls(page, "denominations"))[0].result);

  await page.locator('[data-testid="count-input"][data-denomination="50.00"]').fill("2");
  await page.locator('[data-testid="count-input"][data-denomination="2.00"]').fill("3");
  await byId(page, "count-total").filter({ hasText: "106.00" }).waitFor();
  await settled(page);
  const counted = (await calls(page, "count_cash")).filter((c) => c.ok).at(-1);
  assert.deepEqual(
    counted.args.count.counts.filter((c) => c.count !== 0),
    [
      { denomination: "50.00", count: 2 },
      { denomination: "2.00", count: 3 },
    ],
    "counts are sent as whole numbers (u32) per denomination",
  );
  assert.equal((await calls(page, "count_cash")).filter((c) => !c.ok).length, 0, "no count_cash was refused");

  // Three records still wait for HQ, two of them sales: a warning, but closing is allowed.
  const warning = byId(page, "close-warning");
  await warning.waitFor();
  assert.match(await warning.innerText(), /\b2 sales and refunds are still waiting to\s+reach HQ/);
  assert.equal(await byId(page, "close-shift").isDisabled(), false);
  await screenshot(page, "shift-close");

  // A cashier closing the shift: the manager PIN dialog, then the Z report.
  await byId(page, "close-shift").click();
  await byId(page, "manager-pin-dialog").waitFor();
  await byId(page, "manager-pin-input").fill("9876");
  await page.keyboard.press("Enter");
  const z = byId(page, "z-report");
  await z.waitFor();
  await settled(page);
  const zText = await text(page, "z-report");
  assert.match(zText, /106\.00/, "the Z report shows the counted cash");
  assert.match(zText, /107\.74/, "and the expected cash");
  assert.match(zText, /-1\.74/, "and the 1.74 short");
  // Over/short is highlighted when not zero: styled unlike the expected cash figure.
  const look = (figure) =>
    z.evaluate((root, wanted) => {
      const el = [...root.querySelectorAll("*")].find((e) => e.children.length === 0 && e.textContent.trim() === wanted);
      if (!el) return null;
      const style = getComputedStyle(el);
      return `${style.color} / ${style.backgroundColor} / ${style.fontWeight}`;
    }, figure);
  const shortLook = await look("-1.74");
  assert.notEqual(shortLook, null, "the over/short figure is in the Z report on its own");
  assert.notEqual(shortLook, await look("107.74"), "the over/short figure is highlighted");
  assert.equal(await byId(page, "print-z").isVisible(), true);
  await screenshot(page, "z-report");

  const closes = await calls(page, "close_shift");
  assert.equal(closes.length, 2);
  assert.equal(closes[0].error.code, "needs_manager");
  assert.equal(closes[1].args.manager_pin, "9876");
  assert.deepEqual(closes[1].args.count, closes[0].args.count, "the retry sends the same count");
  assert.equal(closes[1].result.over_short, "-1.74");
  assert.deepEqual(problems, []);
});
