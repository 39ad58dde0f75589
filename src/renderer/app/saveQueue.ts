/** Runs saves one after another, in the order the analyst made the changes. */
export class SaveQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  push(job: () => Promise<void>): void {
    this.pending++;
    this.tail = this.tail.then(job).finally(() => {
      this.pending--;
    });
  }

  /** Resolves when every save pushed so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  /** Saves pushed and not finished, the one running included. */
  get size(): number {
    return this.pending;
  }

  get busy(): boolean {
    return this.pending > 0;
  }
}
