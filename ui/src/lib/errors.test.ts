import { beforeEach, describe, expect, it } from "vitest";
import { attempt, banner, clearError, showError } from "./errors.svelte";
import { retryWithManager } from "./manager";

describe("the error banner", () => {
  beforeEach(clearError);

  it("shows a failed action's message and answers undefined", async () => {
    const value = await attempt(() =>
      Promise.reject({ code: "unknown_item", message: "no item has the code 123" }),
    );
    expect(value).toBeUndefined();
    expect(banner.message).toBe("no item has the code 123");
  });

  it("is cleared by the next action that works", async () => {
    showError({ code: "wrong_pin", message: "that PIN is not right" });
    expect(await attempt(() => Promise.resolve(42))).toBe(42);
    expect(banner.message).toBeNull();
  });

  it("shows nothing when the cashier cancelled the manager PIN dialog", async () => {
    const cancelledVoid = retryWithManager(
      () => Promise.resolve(null),
      () => Promise.reject({ code: "needs_manager", message: "void needs a manager" }),
    );
    expect(await attempt(() => cancelledVoid)).toBeUndefined();
    expect(banner.message).toBeNull();
  });

  it("shows a message for errors that are not command errors", () => {
    showError(new Error("boom"));
    expect(banner.message).toBe("Error: boom");
  });
});
