// The app's cold start, measured (BENCHMARKS.md): the real app launched by tauri-driver under
// Xvfb, timed from asking for a session (which starts the app) until the sign-in screen lists
// the staff, which needs the core open and its first answer painted. Twice per run: on the
// demo store (the baseline) and on the demo store plus ITEMS items, alternating, RUNS times
// each; the median of each and their ratio are printed, with the memory of the app's whole
// process tree (WebKit's processes included, shared pages split among them) once the screen
// is up.
//
//   xvfb-run -a node cold-start.mjs [ITEMS] [RUNS]     (defaults 1000000 and 5)
//
// Needs target/debug/tally, target/debug/pos and target/release/examples/big_store
// (`cargo build --release -p pos-terminal --example big_store`; BIG_STORE names another
// build of it); TALLY_APP picks another app binary (a release build, say).
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { waitForPort } from "./support.mjs";
import { Builder, By, until } from "selenium-webdriver";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const application = process.env.TALLY_APP ?? path.join(targetDir, "debug/tally");
const posBin = process.env.POS_BIN ?? path.join(targetDir, "debug/pos");
const bigStoreBin =
  process.env.BIG_STORE ?? path.join(targetDir, "release/examples/big_store");
const tauriDriverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
const items = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);

function waitForExit(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", resolve);
  });
}

/** pid → [parent pid, proportional set size KiB] for every process we can read. PSS splits
 * each shared page among the processes that map it, so WebKit's shared libraries count once
 * across the tree instead of once per process. */
function processTable() {
  const table = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const pss = readFileSync(`/proc/${entry}/smaps_rollup`, "utf8").match(/Pss:\s+(\d+) kB/);
      table.set(Number(entry), [parent, pss ? Number(pss[1]) : 0]);
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/** Memory (PSS, MiB) of the app and everything it started (WebKit's web and network processes). */
function appTreeMiB() {
  const table = processTable();
  const app = [...table.keys()].find((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] === application;
    } catch {
      return false;
    }
  });
  if (app === undefined) return NaN;
  let total = 0;
  const queue = [app];
  while (queue.length) {
    const pid = queue.pop();
    total += table.get(pid)?.[1] ?? 0;
    for (const [child, [parent]] of table) if (parent === pid) queue.push(child);
  }
  return total / 1024;
}

async function launch(dataDir) {
  const driverProcess = spawn(tauriDriverBin, [], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, POS_DATA_DIR: dataDir },
  });
  await waitForPort(4444, 20_000);
  const started = performance.now();
  const driver = await new Builder()
    .usingServer("http://127.0.0.1:4444/")
    .withCapabilities({ browserName: "wry", "tauri:options": { application } })
    .build();
  await driver.wait(until.elementLocated(By.css('[data-testid="staff-card"]')), 120_000);
  const ms = performance.now() - started;
  const mib = appTreeMiB();
  await driver.quit();
  driverProcess.kill();
  await waitForExit(driverProcess);
  return { ms, mib };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const demoDir = mkdtempSync(path.join(os.tmpdir(), "tally-cold-demo-"));
const bigDir = mkdtempSync(path.join(os.tmpdir(), "tally-cold-big-"));
try {
  execFileSync(posBin, ["init", "--demo"], { env: { ...process.env, POS_DATA_DIR: demoDir } });
  const made = performance.now();
  execFileSync(bigStoreBin, [bigDir, String(items)], { stdio: "inherit" });
  console.log(`built the ${items}-item store in ${((performance.now() - made) / 1000).toFixed(1)} s`);

  const demo = [];
  const big = [];
  for (let run = 0; run < runs; run++) {
    demo.push(await launch(demoDir));
    big.push(await launch(bigDir));
  }
  const row = (label, samples) =>
    `| ${label} | ${median(samples.map((s) => s.ms)).toFixed(0)} | ` +
    `${Math.min(...samples.map((s) => s.ms)).toFixed(0)} | ` +
    `${Math.max(...samples.map((s) => s.ms)).toFixed(0)} | ` +
    `${median(samples.map((s) => s.mib)).toFixed(0)} |`;
  console.log(`\n${runs} launches each, alternating; app: ${path.relative(root, application)}`);
  console.log("| store | launch → sign-in screen, median ms | min ms | max ms | app tree PSS MiB |");
  console.log("|---|---|---|---|---|");
  console.log(row("demo store (baseline)", demo));
  console.log(row(`demo store + ${items.toLocaleString("en-US")} items`, big));
  const ratio = median(big.map((s) => s.ms)) / median(demo.map((s) => s.ms));
  const extra = median(big.map((s) => s.mib)) - median(demo.map((s) => s.mib));
  console.log(`\nratio of medians: ${ratio.toFixed(2)}x; memory above the baseline: ${extra.toFixed(0)} MiB`);
} finally {
  rmSync(demoDir, { recursive: true, force: true });
  rmSync(bigDir, { recursive: true, force: true });
}
