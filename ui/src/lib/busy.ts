// One action at a time: a second tap while the first call is still in flight is ignored.
// The flag is checked and set synchronously, before any await, so two clicks in the same
// frame cannot both get through.

export class BusyGuard {
  #busy = false;

  /** `onChange` mirrors the flag into the screen's state (to disable buttons). */
  constructor(private readonly onChange: (busy: boolean) => void = () => {}) {}

  get busy(): boolean {
    return this.#busy;
  }

  /** Runs `task` unless one is running; resolves false when this call was ignored. */
  async run(task: () => Promise<unknown>): Promise<boolean> {
    if (this.#busy) {
      return false;
    }
    this.#busy = true;
    this.onChange(true);
    try {
      await task();
      return true;
    } finally {
      this.#busy = false;
      this.onChange(false);
    }
  }
}
