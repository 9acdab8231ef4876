// What every browser test needs: Debian's Chromium through playwright-core, the built UI on
// a loopback port, the fake Tauri backend injected before the app's scripts, and a few
// helpers (signing in with the keypad, reading the calls the UI sent, screenshots).
import { mkdir } from "node:fs/promises";
import { after, afterEach, before } from "node:test";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { startServer } from "./server.js";

export const FAKE_TAURI = fileURLToPath(new URL("./fake-tauri.js", import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL("../../target/ui-screenshots/", import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Starts the server and the browser once per test file; `close()` stops both. */
/**
 * One browser and server for the test file (started before its tests, closed after), its
 * pages closed after each test: `const suite = useSuite();` then `suite.open(options)`.
 */
export function useSuite() {
  let started;
  before(async () => {
    started = await startSuite();
  });
  afterEach(async () => {
    await started?.closePages();
  });
  after(async () => {
    await started?.close();
  });
  return { open: (options) => started.open(options) };
}

export async function startSuite() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM=/path/to/chrome)`);
  }
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  await mkdir(SCREENSHOTS, { recursive: true });
  const contexts = new Set();
  return {
    server,
    browser,
    /** Closes the pages opened so far (call after each test: a page left open keeps polling). */
    async closePages() {
      for (const context of contexts) await context.close().catch(() => {});
      contexts.clear();
    },
    /** A fresh page (own context: own storage) on the app, with the fake configured. */
    async open(config = {}, viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, reducedMotion: "reduce" });
      contexts.add(context);
      const page = await context.newPage();
      const problems = [];
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        // A failed load is reported by the response listener below, with its address.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      page.on("response", (response) => {
        // The browser asks for /favicon.ico by itself; the app in Tauri never does.
        if (response.status() >= 400 && new URL(response.url()).pathname !== "/favicon.ico") {
          problems.push(`HTTP ${response.status()} for ${response.url()}`);
        }
      });
      page.on("request", (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith("data:")) {
          problems.push(`network request outside the app: ${request.url()}`);
        }
      });
      await page.addInitScript((cfg) => {
        window.__FAKE_TAURI_CONFIG__ = cfg;
      }, config);
      await page.addInitScript({ path: FAKE_TAURI });
      await page.goto(server.url);
      return { page, context, problems };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Every call the UI sent, as the fake recorded it (`{ cmd, args, ok, result | error }`). */
export const calls = (page, cmd) =>
  page.evaluate((name) => window.__calls.filter((c) => name === undefined || c.cmd === name), cmd);

/** Waits until no backend call is in flight (so a test reads settled state). */
export const settled = (page) =>
  page.waitForFunction(() => window.__calls.every((c) => c.done), null, { timeout: 5_000 });

export const byId = (page, id) => page.getByTestId(id);

/** The visible text of a test id, whitespace collapsed. */
export async function text(page, id) {
  return (await page.getByTestId(id).first().innerText()).replace(/\s+/g, " ").trim();
}

export async function screenshot(page, name) {
  await page.screenshot({ path: `${SCREENSHOTS}browser-${name}.png`, fullPage: false });
}

/** Signs in on the sign-in screen: picks `who` (a name) when given, then the keypad. */
export async function signInWithKeypad(page, pin, who = null) {
  await byId(page, "pin-input").waitFor();
  if (who !== null) {
    await byId(page, "staff-card").filter({ hasText: who }).click();
  }
  for (const digit of pin) {
    await byId(page, `keypad-${digit}`).click();
  }
  await byId(page, "keypad-enter").click();
}

/** After signing in: opens the shift with the default float when the Shift screen asks. */
export async function openShiftIfAsked(page) {
  const float = byId(page, "shift-float");
  const scan = byId(page, "scan-input");
  await float.or(scan).first().waitFor();
  if (await float.isVisible()) {
    await byId(page, "shift-open").click();
    await float.waitFor({ state: "detached" }).catch(() => {});
    if (!(await scan.isVisible())) await byId(page, "nav-sale").click();
  }
  await scan.waitFor();
}

/** Waits (2 s at most) until the element with this test id has the keyboard focus. */
export async function waitForFocus(page, id) {
  try {
    await page.waitForFunction((want) => document.activeElement?.getAttribute("data-testid") === want, id, {
      timeout: 2_000,
    });
  } catch {
    const has = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}[data-testid=${el.getAttribute("data-testid")}]` : "nothing";
    });
    throw new Error(`${id} should have the keyboard focus, but ${has} has it`);
  }
}

function keyFields(ch) {
  if (ch === "\r") return { key: "Enter", code: "Enter", windowsVirtualKeyCode: 13, text: "\r" };
  const upper = ch.toUpperCase();
  const code = /[0-9]/.test(ch) ? `Digit${ch}` : /[A-Z]/.test(upper) ? `Key${upper}` : ch === "-" ? "Minus" : "";
  const vk = /[0-9A-Z]/.test(upper) ? upper.charCodeAt(0) : ch === "-" ? 189 : 0;
  return { key: ch, code, windowsVirtualKeyCode: vk, text: ch, unmodifiedText: ch };
}

/**
 * A keyboard-wedge scanner: into the focused scan field, every character and the Enter as
 * real key events sent back to back (no round trip between them), as a scanner does; the
 * key events are queued at once, so the gaps the page sees stay well under its 30 ms even
 * when the machine is busy.
 */
export async function scan(page, code) {
  await waitForFocus(page, "scan-input");
  const cdp = await page.context().newCDPSession(page);
  try {
    const sent = [];
    for (const ch of `${code}\r`) {
      const fields = keyFields(ch);
      sent.push(cdp.send("Input.dispatchKeyEvent", { type: "keyDown", ...fields }));
      sent.push(cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...fields, text: undefined }));
    }
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}
