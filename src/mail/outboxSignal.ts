// In-process nudge: code that enqueues a mail (a sign-up's confirmation) wakes the sender running
// in the same process at once instead of waiting for its next poll. A sender in another process
// (`papertide worker`) finds the row on its next poll.
type Listener = () => void;
const listeners = new Set<Listener>();

export function notifyOutbox(): void {
  for (const l of listeners) l();
}

export function onOutboxNotify(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
