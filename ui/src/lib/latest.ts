// Search as you type: answers can arrive out of order, and only the answer to the newest
// question may reach the screen.

export class Latest {
  #seq = 0;

  /**
   * Runs `task` and hands its value to `use` unless a newer run (or `cancel`) came since.
   * A stale task's error is dropped too; a current one's is thrown.
   */
  async run<T>(task: () => Promise<T>, use: (value: T) => void): Promise<void> {
    this.#seq += 1;
    const mine = this.#seq;
    try {
      const value = await task();
      if (mine === this.#seq) use(value);
    } catch (error) {
      if (mine === this.#seq) throw error;
    }
  }

  /** Makes every answer still on its way stale. */
  cancel(): void {
    this.#seq += 1;
  }
}
