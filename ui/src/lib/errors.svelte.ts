// The error banner: the last failed action's message, cleared by the next one that works.
import { asCommandError } from "./backend";
import { isCancelled } from "./manager";

export const banner = $state<{ message: string | null }>({ message: null });

export function showError(error: unknown): void {
  if (isCancelled(error)) return; // the cashier chose to stop: nothing went wrong
  banner.message = asCommandError(error).message;
}

export function clearError(): void {
  banner.message = null;
}

/** Runs one action: its error goes to the banner, its success clears it. Resolves to the
 * task's value, or undefined when it failed. */
export async function attempt<T>(task: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await task();
    clearError();
    return value;
  } catch (error) {
    showError(error);
    return undefined;
  }
}
