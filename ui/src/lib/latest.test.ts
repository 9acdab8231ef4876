import { describe, expect, it } from "vitest";
import { Latest } from "./latest";

function later<T>(): { promise: Promise<T>; settle: (value: T) => void; fail: (e: unknown) => void } {
  let settle!: (value: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    settle = res;
    fail = rej;
  });
  return { promise, settle, fail };
}

describe("Latest", () => {
  it("keeps only the newest answer when answers arrive out of order", async () => {
    const latest = new Latest();
    const shown: string[] = [];
    const slow = later<string>();
    const fast = later<string>();
    const first = latest.run(() => slow.promise, (v) => shown.push(v));
    const second = latest.run(() => fast.promise, (v) => shown.push(v));
    fast.settle("milk");
    await second;
    slow.settle("m");
    await first;
    expect(shown).toEqual(["milk"]);
  });

  it("drops answers on their way after cancel", async () => {
    const latest = new Latest();
    const shown: string[] = [];
    const answer = later<string>();
    const run = latest.run(() => answer.promise, (v) => shown.push(v));
    latest.cancel();
    answer.settle("late");
    await run;
    expect(shown).toEqual([]);
  });

  it("throws the newest question's error, and swallows a stale one's", async () => {
    const latest = new Latest();
    const stale = later<string>();
    const first = latest.run(() => stale.promise, () => {});
    const current = latest.run(() => Promise.reject(new Error("store is locked")), () => {});
    await expect(current).rejects.toThrow("store is locked");
    stale.fail(new Error("old"));
    await expect(first).resolves.toBeUndefined();
  });
});
