/**
 * Work that waits for the paint after a change: side panels, which must never
 * delay the highlight. Changes that come faster than frames are told once.
 */
export class AfterPaint {
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  /** Calls the listeners after the next paint (once however often it is asked before then), with `onPaint` first. */
  schedule(onPaint: () => void): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const late = () => {
      if (!this.scheduled) return;
      this.scheduled = false;
      onPaint();
      for (const l of this.listeners) l();
    };
    // Without a window (the store read in Node), there is no paint to wait for.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(late, 0));
    else setTimeout(late, 0);
    // A hidden window paints no frames.
    setTimeout(late, 200);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
