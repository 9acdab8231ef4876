import { describe, expect, it } from "vitest";
import { CANCELLED, isCancelled, retryWithManager, type AskPin } from "./manager";

const needsManager = { code: "needs_manager", message: "a discount over 20% needs a manager" };
const wrongPin = { code: "wrong_pin", message: "wrong PIN" };

/** An asker that answers from a list and records why it was asked. */
function asker(answers: (string | null)[]): { ask: AskPin; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ask: (why) => {
      asked.push(why);
      return Promise.resolve(answers.shift() ?? null);
    },
  };
}

describe("retryWithManager", () => {
  it("runs once without a PIN when no approval is needed", async () => {
    const { ask, asked } = asker([]);
    const pins: (string | null)[] = [];
    const value = await retryWithManager(ask, (pin) => {
      pins.push(pin);
      return Promise.resolve("voided");
    });
    expect(value).toBe("voided");
    expect(pins).toEqual([null]);
    expect(asked).toEqual([]);
  });

  it("asks why on needs_manager and retries the same call with the PIN", async () => {
    const { ask, asked } = asker(["4321"]);
    const pins: (string | null)[] = [];
    const value = await retryWithManager(ask, (pin) => {
      pins.push(pin);
      return pin === "4321" ? Promise.resolve("done") : Promise.reject(needsManager);
    });
    expect(value).toBe("done");
    expect(pins).toEqual([null, "4321"]);
    expect(asked).toEqual([needsManager.message]);
  });

  it("passes other errors through without asking", async () => {
    const { ask, asked } = asker(["4321"]);
    const failure = { code: "unknown_item", message: "no item has the code 123" };
    let calls = 0;
    await expect(
      retryWithManager(ask, () => {
        calls += 1;
        return Promise.reject(failure);
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
    expect(asked).toEqual([]);
  });

  it("gives up on cancel with a 'cancelled' error and no further call", async () => {
    const { ask } = asker([null]);
    let calls = 0;
    const outcome = retryWithManager(ask, () => {
      calls += 1;
      return Promise.reject(needsManager);
    });
    await expect(outcome).rejects.toMatchObject({ code: CANCELLED });
    expect(isCancelled(await outcome.catch((e: unknown) => e))).toBe(true);
    expect(calls).toBe(1);
  });

  it("asks again after a wrong or non-manager PIN, with the new reason", async () => {
    const notManager = { code: "needs_manager", message: "Ann is not a manager (void)" };
    const { ask, asked } = asker(["1111", "2222", "9999"]);
    const pins: (string | null)[] = [];
    const value = await retryWithManager(ask, (pin) => {
      pins.push(pin);
      if (pin === null) return Promise.reject(needsManager);
      if (pin === "1111") return Promise.reject(wrongPin);
      if (pin === "2222") return Promise.reject(notManager);
      return Promise.resolve("approved");
    });
    expect(value).toBe("approved");
    expect(pins).toEqual([null, "1111", "2222", "9999"]);
    expect(asked).toEqual([needsManager.message, wrongPin.message, notManager.message]);
  });

  it("does not ask when a wrong PIN comes without one having been given", async () => {
    const { ask, asked } = asker(["1234"]);
    await expect(retryWithManager(ask, () => Promise.reject(wrongPin))).rejects.toBe(wrongPin);
    expect(asked).toEqual([]);
  });
});
