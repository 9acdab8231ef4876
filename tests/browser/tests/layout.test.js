// The sale screen at 1024x768: nothing spills out sideways, and the Pay button stays put
// while lines are added (the cart scrolls in a fixed-height region).
import assert from "node:assert/strict";
import { test } from "node:test";

import { byId, openShiftIfAsked, scan, screenshot, signInWithKeypad, useSuite } from "../harness.js";

const suite = useSuite();

const BARCODES = [
  "2000000000022", // Spaghetti 500g
  "2000000000060", // Flat White
  "2000000000039", // Extra Virgin Olive Oil 750ml
  "2000000000015", // Basmati Rice 1kg
  "2000000000046", // Orange Juice 1L
  "2000000000053", // Free Range Eggs x12
  "2000000000077", // Croissant
];

/** Elements that stick out past the window's right edge, or whose content spills sideways. */
function horizontalOverflow() {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  const describe = (el) =>
    `${el.tagName.toLowerCase()}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ""}${
      el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""
    } "${(el.innerText || "").trim().slice(0, 30)}"`;
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right > width + 1 || rect.left < -1) {
      found.push(`${describe(el)} spans ${Math.round(rect.left)}..${Math.round(rect.right)} of ${width}`);
    } else if (
      el.clientWidth > 0 &&
      el.scrollWidth > el.clientWidth + 1 &&
      style.overflowX === "visible" &&
      style.display !== "inline"
    ) {
      found.push(`${describe(el)} content is ${el.scrollWidth}px wide in ${el.clientWidth}px`);
    }
  }
  return found;
}

test("the sale screen at 1024x768: no horizontal overflow, Pay does not move", async () => {
  const { page, problems } = await suite.open({ shiftOpen: true }, { width: 1024, height: 768 });
  await signInWithKeypad(page, "1234");
  await openShiftIfAsked(page);

  await scan(page, BARCODES[0]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 1);
  await scan(page, BARCODES[1]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 2);
  const pay = byId(page, "pay-button");
  const before2 = await pay.boundingBox();
  assert.ok(before2, "the Pay button is on screen");
  assert.ok(before2.height >= 44, `Pay is at least 44 px high (${before2.height})`);
  assert.deepEqual(await page.evaluate(horizontalOverflow), [], "nothing overflows with two lines");

  await scan(page, BARCODES[2]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 3);
  assert.deepEqual(await pay.boundingBox(), before2, "Pay does not move when a third line is added");

  // Enough lines to fill the cart region: it scrolls, Pay stays put and on screen.
  for (const code of BARCODES.slice(3)) {
    await scan(page, code);
  }
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cart-line"]').length === 7);
  const afterAll = await pay.boundingBox();
  assert.deepEqual(afterAll, before2, "Pay does not move with seven lines either");
  assert.ok(afterAll.y + afterAll.height <= 768, "Pay is inside the 768 px window");
  assert.deepEqual(await page.evaluate(horizontalOverflow), [], "nothing overflows with seven lines");
  assert.equal(
    await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1),
    true,
    "the page itself does not scroll: the cart does",
  );
  await screenshot(page, "sale-1024x768");

  await page.setViewportSize({ width: 1920, height: 1080 });
  assert.deepEqual(await page.evaluate(horizontalOverflow), [], "nothing overflows at 1920x1080");
  await screenshot(page, "sale-1920x1080");
  assert.deepEqual(problems, []);
});
