// The one manager PIN dialog of the app, opened by `withManager` when a call needs approval.
import { retryWithManager } from "./manager";

class ManagerPrompt {
  /** Why a manager is needed; null while the dialog is closed. */
  reason = $state<string | null>(null);
  #answer: ((pin: string | null) => void) | null = null;

  ask = (why: string): Promise<string | null> => {
    this.#answer?.(null);
    this.reason = why;
    return new Promise((resolve) => {
      this.#answer = resolve;
    });
  };

  /** The dialog's outcome: the PIN typed, or null for Cancel. */
  answer(pin: string | null): void {
    const answer = this.#answer;
    this.#answer = null;
    this.reason = null;
    answer?.(pin);
  }
}

export const managerPrompt = new ManagerPrompt();

/** Runs `run(null)`, and again with a manager's PIN from the dialog when it needs one. */
export function withManager<T>(run: (pin: string | null) => Promise<T>): Promise<T> {
  return retryWithManager(managerPrompt.ask, run);
}
