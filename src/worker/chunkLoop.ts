// A background loop that works through derived data a chunk at a time (search expansions,
// similar-paper lists): one chunk per tick, the next tick at once while chunks find work, and
// `idleMs` later once a chunk finds nothing, another process holds the work, or a chunk failed.
// Each tick is a new macrotask, so requests are served between chunks (the chunks also yield
// within themselves). With `exclusive`, each chunk runs as the one process doing it (a lease,
// leasedJob.ts): any number of processes may run the same loop, and a dead one's chunk is taken
// over once its lease runs out, which is safe because every chunk can be done again.

export interface ChunkLoopOptions {
  /**
   * One chunk of work; resolves how many items it did (0: nothing left for now). `signal`, when
   * given, aborts once the chunk's lease is lost: the chunk stops at its next item.
   */
  chunk: (signal?: AbortSignal) => Promise<number>;
  /** Runs a chunk as the one process doing it; resolves null when another process has the work. */
  exclusive?: (work: (signal?: AbortSignal) => Promise<number>) => Promise<number | null>;
  /** The wait after a chunk that found nothing (default 30 s). */
  idleMs?: number;
  /** The wait before the first chunk (default 5 s: a server answers its first requests first). */
  firstMs?: number;
  /** Told of a chunk that failed (the loop tries again after `idleMs`). */
  onError?: (e: Error) => void;
  /**
   * Told after each tick that did nothing (nothing left, the work is another process's, the
   * chunk failed: the loop idles now), and when the loop is stopped mid-run: a run of chunks
   * that found work is over.
   */
  onRunEnd?: () => void;
}

/** Starts the loop; the function it returns stops it, waiting for the chunk in flight. */
export function startChunkLoop(opts: ChunkLoopOptions): () => Promise<void> {
  const idleMs = opts.idleMs ?? 30_000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let inRun = false;
  const tick = () => {
    timer = null;
    running = (async () => {
      let n = 0;
      try {
        n = (await (opts.exclusive ? opts.exclusive(opts.chunk) : opts.chunk())) ?? 0;
      } catch (e) {
        opts.onError?.(e as Error);
      }
      inRun = n > 0;
      if (!inRun) opts.onRunEnd?.();
      if (!stopped) timer = setTimeout(tick, n > 0 ? 0 : idleMs);
    })();
  };
  timer = setTimeout(tick, opts.firstMs ?? 5_000);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
    if (inRun) opts.onRunEnd?.();
  };
}
