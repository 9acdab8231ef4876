import { describe, expect, it } from "vitest";
import type { PaymentInput, PaymentResult, Receipt, SaleView } from "./backend";
import { takePayment } from "./payment";

// Only the fields the helper passes along matter here; the rest of a real view is Rust's.
const nextSale = { key: "next-sale" } as SaleView;
const receipt = { receipt_no: "T01-000007", change: "0.00" } as Receipt;
const payment: PaymentInput = {
  key: "sale-1",
  paid_before: "0.00",
  method: "cash",
  amount: "12.34",
  reference: null,
};

function fakeApi(addPayment: () => Promise<PaymentResult>) {
  const calls: string[] = [];
  return {
    calls,
    api: {
      addPayment: (input: PaymentInput) => {
        calls.push(`add ${input.key} ${input.amount}`);
        return addPayment();
      },
      finishSale: (key: string, pin: string | null = null) => {
        calls.push(`finish ${key} ${pin}`);
        return Promise.resolve(receipt);
      },
      currentSale: () => {
        calls.push("current");
        return Promise.resolve(nextSale);
      },
    },
  };
}

describe("takePayment", () => {
  it("hands back what the payment call answered", async () => {
    const { api, calls } = fakeApi(() => Promise.resolve({ sale: nextSale, receipt }));
    const outcome = await takePayment(api, () => Promise.resolve(null), payment);
    expect(outcome).toEqual({ sale: nextSale, receipt });
    expect(calls).toEqual(["add sale-1 12.34"]);
  });

  it("finishes the sale with the manager's PIN when completing needed one, paying once", async () => {
    const { api, calls } = fakeApi(() =>
      Promise.reject({ code: "needs_manager", message: "a discount needs a manager" }),
    );
    const asked: string[] = [];
    const outcome = await takePayment(
      api,
      (why) => {
        asked.push(why);
        return Promise.resolve("9999");
      },
      payment,
    );
    expect(asked).toEqual(["a discount needs a manager"]);
    expect(calls).toEqual(["add sale-1 12.34", "finish sale-1 9999", "current"]);
    expect(outcome).toEqual({ sale: nextSale, receipt });
  });
});
