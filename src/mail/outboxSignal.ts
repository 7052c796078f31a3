// In-process nudge: code that enqueues a mail (a sign-up's confirmation, a period's digests)
// wakes the sender running in the same process at once instead of waiting for its next poll.
// One signal is created by the wiring of a process (src/app/services.ts) and handed to both
// sides; a sender in another process (`papertide worker`) finds the row on its next poll.
type Listener = () => void;

export class OutboxSignal {
  private readonly listeners = new Set<Listener>();

  /** Something was enqueued. */
  notify(): void {
    for (const l of this.listeners) l();
  }

  /** Calls `listener` on every notify until the returned function is called. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
