// The real desktop app, started by tauri-driver (which drives WebKitWebDriver), checked like a
// person would: the window opens on the app's name and the page reaches the Rust side.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitForPort } from "./support.mjs";
import { Builder, By, Key, until } from "selenium-webdriver";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const application = process.env.TALLY_APP ?? path.join(targetDir, "debug/tally");
const tauriDriverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
const posBin = process.env.POS_BIN ?? path.join(targetDir, "debug/pos");
const screenshots = path.join(targetDir, "ui-screenshots");
const cargoVersion = readFileSync(path.join(root, "Cargo.toml"), "utf8").match(
  /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/,
)?.[1];

let tauriDriver;
let driver;

/** `pos` on the test's data folder, answering JSON. */
function pos(args) {
  return JSON.parse(
    execFileSync(posBin, [...args, "--json"], { env: { ...process.env } }).toString(),
  );
}

let demo;
/** The receipt number of the sale the app rang up, for the refund screen. */
let lastReceipt;

function by(testid) {
  return By.css(`[data-testid="${testid}"]`);
}

async function find(testid, timeout = 20_000) {
  const element = await driver.wait(until.elementLocated(by(testid)), timeout);
  await driver.wait(until.elementIsVisible(element), timeout);
  return element;
}

/** How many elements carry `testid`, waiting until it is `count`; the error banner says why not. */
async function waitForCount(testid, count, timeout = 10_000) {
  try {
    await driver.wait(async () => (await driver.findElements(by(testid))).length === count, timeout);
  } catch (error) {
    const banner = await driver.findElements(by("error-banner"));
    const why = banner.length ? await banner[0].getText() : "no error shown";
    await screenshot(`failed-${testid}`);
    throw new Error(`expected ${count} ${testid}: ${why}`, { cause: error });
  }
}

async function textOf(testid) {
  return (await find(testid)).getText();
}

/** Lets WebKit paint what the DOM holds, then saves the window as `name`.png. */
async function screenshot(name) {
  await driver.executeAsyncScript(
    "const done = arguments[arguments.length - 1];" +
      "requestAnimationFrame(() => requestAnimationFrame(() => done()));",
  );
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(path.join(screenshots, `${name}.png`), await driver.takeScreenshot(), "base64");
}

/** Cents from "12.34" or "$12.34" shown on screen (the test's own arithmetic). */
function cents(text) {
  const match = text.replace(/,/g, "").match(/-?\d+\.\d{2}/);
  assert.ok(match, `an amount in ${JSON.stringify(text)}`);
  return Math.round(Number(match[0]) * 100);
}

/** A receipt printer on loopback (raw TCP, like port 9100) that keeps every job. */
const printed = [];
let printer;

function startPrinter() {
  printer = net.createServer((socket) => {
    const chunks = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => printed.push(Buffer.concat(chunks)));
  });
  return new Promise((resolve) => printer.listen(0, "127.0.0.1", () => resolve(printer.address().port)));
}

before(async () => {
  // tauri-driver, WebKitWebDriver, the app and `pos` all use this data folder.
  process.env.POS_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "tally-ui-"));
  demo = pos(["init", "--demo"]);
  const port = await startPrinter();
  pos(["printer", "set", `tcp://127.0.0.1:${port}`, "--store-name", "Tally Demo Store"]);
  tauriDriver = spawn(tauriDriverBin, [], { stdio: ["ignore", "inherit", "inherit"] });
  await waitForPort(4444, 20_000);
  driver = await new Builder()
    .usingServer("http://127.0.0.1:4444/")
    .withCapabilities({ browserName: "wry", "tauri:options": { application } })
    .build();
});

after(async () => {
  await driver?.quit();
  tauriDriver?.kill();
  printer?.close();
});

test("the window opens on the app's name and version, read from Rust", async () => {
  assert.equal(await textOf("app-name"), "Tally");
  assert.equal(await driver.getTitle(), "Tally");
  assert.ok(cargoVersion, "the workspace version is readable from Cargo.toml");
  assert.match(await textOf("app-version"), new RegExp(`${cargoVersion.replace(/\./g, "\\.")}`));
});

test("the cashier signs in with the on-screen keypad and opens the shift", async () => {
  const cashier = demo.users.find((u) => u.role === "cashier");
  await screenshot("sign-in");
  for (const digit of cashier.pin) {
    await (await find(`keypad-${digit}`)).click();
  }
  await (await find("keypad-enter")).click();
  assert.match(await textOf("signed-in-as"), /Casey Cashier/);
  // No shift is open on a fresh demo store: the shift screen asks for the float.
  const float = await find("shift-float");
  await screenshot("shift-open");
  await float.clear();
  await float.sendKeys("100.00");
  await (await find("shift-open")).click();
  await find("scan-input");
});

test("two scanned items paid in cash: the change is shown and the sale is in the local store", async () => {
  const items = pos(["items", "search", "spaghetti"]);
  const [first, second] = items;
  const scan = await find("scan-input");
  // A keyboard-wedge scanner types the barcode and Enter in one burst.
  await scan.sendKeys(first.barcode, Key.ENTER);
  await waitForCount("cart-line", 1);
  await (await find("scan-input")).sendKeys(second.barcode, Key.ENTER);
  await waitForCount("cart-line", 2);
  const total = cents(await textOf("sale-total"));
  assert.ok(total > cents(first.price) + cents(second.price), "tax is added on top");
  await screenshot("sale");

  await (await find("pay-button")).click();
  assert.equal(cents(await textOf("tender-due")), total);
  await screenshot("tender");
  const cashAmount = await find("cash-amount");
  await cashAmount.clear();
  await cashAmount.sendKeys("20.00");
  await (await find("add-cash")).click();
  const change = cents(await textOf("change-due"));
  assert.equal(change, 2000 - total);
  const receiptNo = await textOf("receipt-no");
  assert.match(receiptNo, /T01-\d+/);
  await screenshot("receipt");

  // The app prints the receipt in the background: ESC/POS with the number and the cut.
  await driver.wait(async () => printed.length >= 1, 10_000, "the printer got the receipt");
  const job = printed[0];
  assert.deepEqual([...job.subarray(0, 2)], [0x1b, 0x40], "ESC @ first");
  assert.ok(job.includes(receiptNo.match(/T01-\d+/)[0]), "the receipt number is printed");
  assert.ok(job.includes("Tally Demo Store"), "the header from the printer settings");
  assert.ok(job.includes(Buffer.from([0x1d, 0x56])), "the paper is cut");
  const status = pos(["status"]);
  assert.equal(status.queue_length, 2, "the shift's opening and the sale wait for HQ");
  const verified = pos(["verify"]);
  assert.equal(verified.ok, true, JSON.stringify(verified.violations));
  await (await find("new-sale")).click();
  await find("scan-input");
  assert.equal((await driver.findElements(by("cart-line"))).length, 0, "a new sale starts");
  lastReceipt = receiptNo.match(/T01-\d+/)[0];
});

async function approveAsManager() {
  const manager = demo.users.find((u) => u.role === "manager");
  const pin = await find("manager-pin-input");
  await pin.sendKeys(manager.pin);
  await (await find("manager-pin-submit")).click();
}

test("a refund of one line with the manager's PIN, then the shift closed with a drawer count", async () => {
  await (await find("nav-refund")).click();
  const receiptInput = await find("refund-receipt-input");
  await receiptInput.sendKeys(lastReceipt, Key.ENTER);
  await waitForCount("refund-line", 2);
  await screenshot("refund");
  await (await driver.findElements(by("refund-all")))[0].click();
  await (await find("refund-submit")).click();
  await find("manager-pin-dialog");
  await approveAsManager();
  assert.match(await textOf("refund-result-no"), /T01-\d+/);
  assert.ok(cents(await textOf("refund-result-total")) < 0, "a refund pays money back");

  await (await find("nav-shift")).click();
  await (await find("x-report-button")).click();
  await find("x-report");
  await screenshot("shift");
  const twenty = await driver.findElement(By.css('[data-testid="count-input"][data-denomination="20.00"]'));
  await twenty.clear();
  await twenty.sendKeys("5");
  await driver.wait(async () => cents(await textOf("count-total")) === 10000, 10_000);
  // The sale, the refund and the shift's opening have not reached HQ: the screen says so.
  assert.match(await textOf("close-warning"), /^2 sales and refunds are still waiting/);
  await (await find("close-shift")).click();
  await approveAsManager();
  await find("z-report");
  await screenshot("z-report");
  const status = pos(["status"]);
  assert.equal(status.shift_open, false);
  assert.equal(
    status.queue_length,
    6,
    "shift open, sale, refund and its approval's audit entry, Z report, the day's digest",
  );
  assert.equal(status.last_closed_day.status, "waiting", "HQ has not seen the day yet");
  const verified = pos(["verify"]);
  assert.equal(verified.ok, true, JSON.stringify(verified.violations));
});

test("the manager screens open from the header (screenshots for the README)", async () => {
  await (await find("nav-stock")).click();
  await driver.wait(async () => (await driver.findElements(by("stock-row"))).length > 0, 10_000);
  await screenshot("stock");
  await (await find("nav-today")).click();
  await find("today-chart");
  assert.ok(cents(await textOf("today-total")) > 0);
  await screenshot("today");
  await (await find("nav-sync")).click();
  assert.match(await textOf("sync-queue"), /6/);
  assert.match(await textOf("sync-badge"), /Not paired · 6\s+queued/);
  assert.match(await textOf("sync-closed-day"), /waiting for HQ to confirm it/);
  await screenshot("sync");
  await (await find("nav-printer")).click();
  assert.match(await textOf("printer-waiting"), /^0 receipts waiting/);
  await screenshot("printer");
  // The sale's receipt, the refund's and the Z report all reached the printer.
  assert.equal(printed.length, 3);
});
