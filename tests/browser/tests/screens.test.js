// The other screens, lightly: first run, searching by name as you type, stock, today and
// the sync panel (each with its screenshot).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  byId,
  calls,
  openShiftIfAsked,
  screenshot,
  settled,
  signInWithKeypad,
  useSuite,
  text,
  waitForFocus,
} from "../harness.js";

const suite = useSuite();

test("first run: the demo store, then sign-in", async () => {
  const { page, problems } = await suite.open({ setup: "needs_setup" });
  await byId(page, "setup-demo").waitFor();
  assert.equal(await byId(page, "pair-url").isVisible(), true);
  assert.equal(await byId(page, "pair-code").isVisible(), true);
  assert.match(await text(page, "data-dir"), /tally/);
  await screenshot(page, "first-run");
  await byId(page, "setup-demo").click();
  await byId(page, "pin-input").waitFor();
  assert.equal((await calls(page, "create_demo_store")).length, 1);
  assert.deepEqual(problems, []);
});

test("typing a name slowly searches; picking a row rings up its SKU", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true });
  await signInWithKeypad(page, "1234");
  await openShiftIfAsked(page);
  await waitForFocus(page, "scan-input");
  await page.keyboard.type("spag", { delay: 120 }); // a person, not a scanner
  await byId(page, "search-result").first().waitFor();
  await settled(page);
  assert.deepEqual((await calls(page, "search_items")).map((c) => c.args.text).at(-1), "spag");
  assert.equal((await calls(page, "scan_item")).length, 0, "typing by hand rings nothing up");
  const rows = await byId(page, "search-result").allInnerTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /Spaghetti 500g/);
  assert.match(rows[0], /GRO-0005/);
  assert.match(rows[0], /1\.89/);
  await screenshot(page, "search");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await byId(page, "cart-line").first().waitFor();
  await settled(page);
  assert.deepEqual(
    (await calls(page, "scan_item")).map((c) => c.args),
    [{ code: "GRO-0005", quantity: null }],
  );
  assert.equal(await byId(page, "search-results").count(), 0, "the results close after a pick");
  assert.deepEqual(problems, []);
});

test("stock, today and the sync panel", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true, saleInShift: true, queueLength: 2 });
  await signInWithKeypad(page, "9876", "Morgan Manager");
  await openShiftIfAsked(page);

  await byId(page, "nav-stock").click();
  await byId(page, "stock-row").first().waitFor();
  assert.equal(await byId(page, "stock-row").count(), 7);
  await screenshot(page, "stock");

  await byId(page, "nav-today").click();
  await byId(page, "today-chart").waitFor();
  assert.equal(await byId(page, "today-bar").count(), 24, "one bar per hour");
  assert.match(await text(page, "today-total"), /7\.74/);
  await screenshot(page, "today");

  await byId(page, "nav-sync").click();
  await byId(page, "sync-online").waitFor();
  assert.match(await text(page, "sync-online"), /Not paired/);
  assert.match(await text(page, "sync-queue"), /\b2\b/);
  assert.match(await text(page, "sync-last"), /never/);
  assert.match(await text(page, "sync-closed-day"), /no day closed yet/);
  await screenshot(page, "sync");
  await settled(page);
  assert.deepEqual(problems, []);
});

test("the printer settings: a cashier needs the manager's PIN, a bad address is refused", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true });
  await signInWithKeypad(page, "1234", "Casey Cashier");
  await openShiftIfAsked(page);

  await byId(page, "nav-printer").click();
  await byId(page, "printer-address").fill("lpt1");
  await byId(page, "printer-save").click();
  await byId(page, "manager-pin-dialog").waitFor();
  await byId(page, "manager-pin-input").fill("9876");
  await byId(page, "manager-pin-submit").click();
  await byId(page, "error-banner").waitFor();
  assert.match(await text(page, "error-banner"), /not a printer address/);
  assert.equal(await byId(page, "printer-address").inputValue(), "lpt1", "what was typed stays");

  await byId(page, "printer-address").fill("tcp://192.0.2.10:9100");
  await byId(page, "printer-paper-58").check();
  await byId(page, "printer-store-name").fill("Corner Shop");
  await byId(page, "printer-save").click();
  await byId(page, "manager-pin-input").fill("9876");
  await byId(page, "manager-pin-submit").click();
  await byId(page, "printer-saved").waitFor();
  const sent = (await calls(page, "set_printer")).at(-1).args;
  assert.equal(sent.manager_pin, "9876");
  assert.equal(sent.setup.address, "tcp://192.0.2.10:9100");
  assert.equal(sent.setup.paper_mm, 58);
  assert.equal(sent.setup.store_name, "Corner Shop");
  await screenshot(page, "printer");
  await settled(page);
  assert.deepEqual(problems, []);
});
