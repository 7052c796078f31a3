// The only way Papertide talks to arXiv. arXiv's terms for automated access ask for one
// connection at a time, at least 3 s between requests, a User-Agent that says who is calling, and
// obedience to `503 Retry-After` (which arXiv's OAI-PMH sends routinely as flow control). This
// client enforces all of that for every caller, so no code path can be impolite by accident.

export interface PoliteClientOptions {
  userAgent: string;
  /** Least time between the starts of two consecutive requests (retries included). */
  minIntervalMs?: number;
  /** How many times a request that failed transiently (network, timeout, 5xx) is retried. */
  maxRetries?: number;
  /** How many `Retry-After` answers one request may get before we give up. */
  maxRetryAfterWaits?: number;
  /** Longest `Retry-After` we accept; a longer one means "come back later", so we give up. */
  maxRetryAfterMs?: number;
  /** First backoff delay; doubles with each retry (plus jitter), up to maxBackoffMs. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** Per-attempt limit for the whole exchange, headers and body. */
  timeoutMs?: number;
  /** Injectable for tests: real time by default. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The timer that spacing and Retry-After waits are measured on, paired with `sleep`. */
  now?: () => number;
  random?: () => number;
  fetch?: typeof globalThis.fetch;
  /** Told about every wait that is not plain spacing (Retry-After, backoff), e.g. for logging. */
  onWait?: (w: { url: string; ms: number; reason: string }) => void;
}

export const DEFAULT_MIN_INTERVAL_MS = 3000;

/** A request that failed for good: the URL, the HTTP status when there was one, and why. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** What the harvester needs from a client; tests may pass anything with this shape. */
export interface TextGetter {
  getText(url: string, opts?: { signal?: AbortSignal }): Promise<string>;
}

export class PoliteClient implements TextGetter {
  private readonly o: Required<Omit<PoliteClientOptions, "onWait">> & Pick<PoliteClientOptions, "onWait">;
  /** Tail of the queue: each request starts only after the previous one has settled. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastStart: number | null = null;

  constructor(opts: PoliteClientOptions) {
    this.o = {
      minIntervalMs: DEFAULT_MIN_INTERVAL_MS,
      maxRetries: 4,
      maxRetryAfterWaits: 20,
      maxRetryAfterMs: 10 * 60_000,
      backoffBaseMs: 5000,
      maxBackoffMs: 5 * 60_000,
      timeoutMs: 120_000,
      sleep: defaultSleep,
      now: Date.now,
      random: Math.random,
      fetch: globalThis.fetch,
      ...opts,
    };
    if (!opts.userAgent?.trim()) throw new Error("PoliteClient needs a User-Agent");
  }

  /** GET a URL and return its body as text, politely. Requests are served one at a time, in order. */
  getText(url: string, opts: { signal?: AbortSignal } = {}): Promise<string> {
    const run = this.queue.then(() => this.attempt(url, opts.signal));
    this.queue = run.catch(() => {});
    return run;
  }

  private async attempt(url: string, signal: AbortSignal | undefined): Promise<string> {
    let failures = 0;
    let retryAfters = 0;
    for (;;) {
      await this.waitForSlot(signal);
      const outcome = await this.once(url, signal);
      if (outcome.kind === "ok") return outcome.body;
      if (outcome.kind === "fatal") throw outcome.error;
      if (outcome.kind === "retry-after") {
        if (++retryAfters > this.o.maxRetryAfterWaits) {
          throw new HttpError(
            `${url}: still told to retry later after ${this.o.maxRetryAfterWaits} waits (HTTP ${outcome.status})`,
            url,
            outcome.status,
          );
        }
        if (outcome.ms > this.o.maxRetryAfterMs) {
          throw new HttpError(
            `${url}: HTTP ${outcome.status}, server asks us to come back in ${Math.round(outcome.ms / 1000)} s; try again later`,
            url,
            outcome.status,
          );
        }
        this.o.onWait?.({ url, ms: outcome.ms, reason: `HTTP ${outcome.status} Retry-After` });
        await this.o.sleep(outcome.ms, signal);
        continue;
      }
      if (++failures > this.o.maxRetries) {
        throw new HttpError(
          `${url}: ${outcome.reason} (gave up after ${this.o.maxRetries} retries)`,
          url,
          outcome.status,
        );
      }
      const ms = this.backoff(failures);
      this.o.onWait?.({ url, ms, reason: outcome.reason });
      await this.o.sleep(ms, signal);
    }
  }

  /** Waits until minIntervalMs has passed since the previous request started, then claims the slot. */
  private async waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    // Re-check after each sleep: timers may fire a little early against the wall clock, and the
    // interval is a promise to arXiv, not an estimate.
    for (;;) {
      const wait = this.lastStart === null ? 0 : this.lastStart + this.o.minIntervalMs - this.o.now();
      if (wait <= 0) break;
      await this.o.sleep(wait, signal);
    }
    signal?.throwIfAborted();
    this.lastStart = this.o.now();
  }

  private async once(url: string, signal: AbortSignal | undefined): Promise<Outcome> {
    const timeout = AbortSignal.timeout(this.o.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.o.fetch(url, {
        headers: { "User-Agent": this.o.userAgent, Accept: "application/xml, text/xml, */*" },
        signal: combined,
        redirect: "follow",
      });
      if (res.ok) return { kind: "ok", body: await res.text() };
      // Drain the body so the (single) connection can be reused for the next request.
      await res.arrayBuffer().catch(() => {});
    } catch (e) {
      if (signal?.aborted) return { kind: "fatal", error: signal.reason ?? e };
      const reason = timeout.aborted
        ? `timed out after ${this.o.timeoutMs} ms`
        : `network error: ${describe(e)}`;
      return { kind: "transient", reason, status: null };
    }
    const status = res.status;
    if (status === 503 || status === 429) {
      const ms = parseRetryAfter(res.headers.get("retry-after"), this.o.now());
      if (ms !== null) return { kind: "retry-after", ms: Math.max(ms, this.o.minIntervalMs), status };
    }
    if (status >= 500 || status === 429 || status === 408) {
      return { kind: "transient", reason: `HTTP ${status} ${res.statusText}`.trim(), status };
    }
    return {
      kind: "fatal",
      error: new HttpError(`${url}: HTTP ${status} ${res.statusText}`.trim(), url, status),
    };
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
  private backoff(failures: number): number {
    const full = Math.min(this.o.maxBackoffMs, this.o.backoffBaseMs * 2 ** (failures - 1));
    return Math.round(full / 2 + this.o.random() * (full / 2));
  }
}

type Outcome =
  | { kind: "ok"; body: string }
  | { kind: "retry-after"; ms: number; status: number }
  | { kind: "transient"; reason: string; status: number | null }
  | { kind: "fatal"; error: unknown };

/** `Retry-After` is either delay-seconds or an HTTP date. Returns milliseconds, or null if unusable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}

function describe(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err?.cause?.code ?? err?.cause?.message;
  return cause ? `${err.message} (${cause})` : String(err?.message ?? e);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
