// Taking one payment. When it covers the sale, Rust completes the sale in the same call;
// if completing needs a manager (a discount over the limit, a price override), the payment
// is already on the sale, so the retry is `finishSale` with the manager's PIN.
import type { Backend, PaymentInput, Receipt, SaleView } from "./backend";
import { retryWithManager, type AskPin } from "./manager";

export interface PaymentOutcome {
  /** The till afterwards (the next sale when this one completed); null when not known. */
  sale: SaleView | null;
  /** Set when the sale completed. */
  receipt: Receipt | null;
}

export function takePayment(
  api: Pick<Backend, "addPayment" | "finishSale" | "currentSale">,
  ask: AskPin,
  payment: PaymentInput,
): Promise<PaymentOutcome> {
  return retryWithManager(ask, async (pin) => {
    if (pin === null) {
      return api.addPayment(payment);
    }
    const receipt = await api.finishSale(payment.key, pin);
    return { sale: await api.currentSale(), receipt };
  });
}
