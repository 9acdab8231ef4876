// Focus helpers for a keyboard-first till.
import type { Action } from "svelte/action";

/** Focuses the element once it is on screen (the HTML attribute only works at page load). */
export const autofocus: Action<HTMLElement, boolean | undefined> = (node, select) => {
  node.focus();
  if (select && node instanceof HTMLInputElement) node.select();
};

/** Whether something other than a button has the keyboard (a field being edited). */
export function isEditing(element: Element | null): boolean {
  if (element === null) return false;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) {
    return !["button", "submit", "checkbox", "radio", "reset"].includes(element.type);
  }
  return false;
}
