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
import { Builder, By, until } from "selenium-webdriver";

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

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/** A demo terminal with one sale rung through `pos`, which the app must then show as queued. */
function demoTerminal() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tally-ui-"));
  const env = { ...process.env, POS_DATA_DIR: dir };
  const init = JSON.parse(execFileSync(posBin, ["init", "--demo", "--json"], { env }).toString());
  const cashier = init.users.find((u) => u.role === "cashier").pin;
  execFileSync(posBin, ["sale", "--cashier", cashier, "--line", "GRO-0001", "--pay", "cash:20", "--auto-shift"], { env });
  return dir;
}

before(async () => {
  // tauri-driver, WebKitWebDriver and the app inherit this environment.
  process.env.POS_DATA_DIR = demoTerminal();
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
});

test("the window opens on the app's name", async () => {
  const heading = await driver.wait(
    until.elementLocated(By.css('[data-testid="app-name"]')),
    20_000,
  );
  assert.equal(await heading.getText(), "Tally");
  assert.equal(await driver.getTitle(), "Tally");
});

test("the page reaches Rust: the version shown comes from the app_info command", async () => {
  assert.ok(cargoVersion, "the workspace version is readable from Cargo.toml");
  const version = await driver.wait(
    until.elementLocated(By.css('[data-testid="app-version"]')),
    20_000,
  );
  assert.equal(await version.getText(), `version ${cargoVersion}`);
  // Let WebKit paint what the DOM already holds before taking the picture.
  await driver.executeAsyncScript(
    "const done = arguments[arguments.length - 1];" +
      "requestAnimationFrame(() => requestAnimationFrame(() => done()));",
  );
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(path.join(screenshots, "start.png"), await driver.takeScreenshot(), "base64");
});

test("the app opens the terminal core: the shift and the sale rung through pos wait for HQ", async () => {
  const status = await driver.wait(
    until.elementLocated(By.css('[data-testid="terminal-status"]')),
    20_000,
  );
  const text = await status.getText();
  assert.match(text, /Terminal T01/);
  // The shift's opening and the sale.
  assert.match(text, /2 waiting for HQ/);
  assert.match(text, /last sync never/);
  const badge = await driver.findElement(By.css('[data-testid="sync-badge"]'));
  assert.match(await badge.getText(), /Not paired · 2\s+queued/);
});
