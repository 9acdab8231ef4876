import { describe, expect, it } from "vitest";
import { BusyGuard } from "./busy";

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("BusyGuard", () => {
  it("ignores a second call while the first is in flight", async () => {
    const guard = new BusyGuard();
    const gate = deferred();
    let calls = 0;
    const task = () => {
      calls += 1;
      return gate.promise;
    };
    const first = guard.run(task);
    const second = guard.run(task); // the double tap, in the same tick
    expect(calls).toBe(1);
    expect(guard.busy).toBe(true);
    expect(await second).toBe(false);
    gate.resolve();
    expect(await first).toBe(true);
    expect(calls).toBe(1);
  });

  it("takes the next call once the first is done", async () => {
    const guard = new BusyGuard();
    let calls = 0;
    await guard.run(async () => {
      calls += 1;
    });
    expect(guard.busy).toBe(false);
    expect(
      await guard.run(async () => {
        calls += 1;
      }),
    ).toBe(true);
    expect(calls).toBe(2);
  });

  it("frees itself when the task fails, and passes the failure on", async () => {
    const guard = new BusyGuard();
    const failure = { code: "payment", message: "card declined" };
    await expect(guard.run(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(guard.busy).toBe(false);
    expect(await guard.run(async () => {})).toBe(true);
  });

  it("reports each change of the flag, and none for an ignored call", async () => {
    const seen: boolean[] = [];
    const guard = new BusyGuard((busy) => seen.push(busy));
    const gate = deferred();
    const first = guard.run(() => gate.promise);
    void guard.run(async () => {});
    gate.resolve();
    await first;
    expect(seen).toEqual([true, false]);
  });
});
