// Manager approval: an action the signed-in cashier may not do alone fails with code
// `needs_manager`; the screen then asks for a manager's PIN and makes the same call again
// with it. A wrong or non-manager PIN asks again; Cancel gives up.
import { asCommandError, type CommandError } from "./backend";

/** Asks for a manager's PIN, saying why; null when the cashier cancelled. */
export type AskPin = (why: string) => Promise<string | null>;

/** The code of the error a cancelled PIN dialog ends the action with (not shown as an error). */
export const CANCELLED = "cancelled";

export function isCancelled(error: unknown): boolean {
  return asCommandError(error).code === CANCELLED;
}

function cancelled(): CommandError {
  return { code: CANCELLED, message: "cancelled: no manager approved it" };
}

/**
 * Runs `run(null)`; on `needs_manager` asks for a PIN and runs `run(pin)`, again while the
 * PIN is not a manager's or is wrong. Other errors pass through unchanged.
 */
export async function retryWithManager<T>(
  ask: AskPin,
  run: (pin: string | null) => Promise<T>,
): Promise<T> {
  let pin: string | null = null;
  for (;;) {
    try {
      return await run(pin);
    } catch (error) {
      const { code, message } = asCommandError(error);
      const askAgain = code === "needs_manager" || (pin !== null && code === "wrong_pin");
      if (!askAgain) {
        throw error;
      }
      const answer = await ask(message);
      if (answer === null) {
        throw cancelled();
      }
      pin = answer;
    }
  }
}
