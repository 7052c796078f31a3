// Bounds for the routes whose answer costs real work (a search, a ranking, an export): a budget
// per client shared by the expensive pages (PAPERTIDE_EXPENSIVE_RATE_LIMIT), and a gate that lets
// at most PAPERTIDE_EXPENSIVE_CONCURRENCY of them run at once in the process, the next ones
// waiting in a short queue (PAPERTIDE_EXPENSIVE_QUEUE, at most MAX_WAIT_MS) and the rest getting
// 503 with Retry-After. A waiting request is resumed from setImmediate, after the event loop has
// taken the I/O that arrived meanwhile, so a burst of searches cannot starve cheap requests
// (/healthz, cached pages): they wait for at most the searches already running.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from "fastify";
import type { Config } from "../../config/load.ts";
import { HttpError } from "./httpError.ts";

/** The longest a request waits for its turn before it is answered 503. */
export const MAX_WAIT_MS = 5000;
/** What a refused request is told to wait (seconds). */
const BUSY_RETRY_AFTER = 2;

/** `granted` settles true (a turn is held) or false (refused); `leave` ends the turn or the wait. */
type Ticket = { granted: Promise<boolean>; leave(): void };
type Waiter = { timer: NodeJS.Timeout | undefined; grant: () => void };

/** At most `limit` holders at once; up to `queueMax` waiters, each for at most `maxWaitMs`. */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  private scheduled = false;

  constructor(
    readonly limit: number,
    readonly queueMax: number,
    readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  enter(): Ticket {
    if (this.running >= this.limit || this.waiting.length > 0) {
      if (this.waiting.length >= this.queueMax) return { granted: Promise.resolve(false), leave() {} };
    }
    let state: "held" | "waiting" | "done" = "held";
    let resolve: (ok: boolean) => void = () => {};
    const waiter = {
      timer: undefined as NodeJS.Timeout | undefined,
      grant: () => {
        state = "held";
        resolve(true);
      },
    };
    const leave = () => {
      if (state === "held") this.free();
      else if (state === "waiting") {
        clearTimeout(waiter.timer);
        this.dequeue(waiter);
        resolve(false);
      }
      state = "done";
    };
    if (this.running < this.limit && this.waiting.length === 0) {
      this.running++;
      return { granted: Promise.resolve(true), leave };
    }
    state = "waiting";
    const granted = new Promise<boolean>((r) => {
      resolve = r;
    });
    waiter.timer = setTimeout(leave, this.maxWaitMs);
    this.waiting.push(waiter);
    return { granted, leave };
  }

  private dequeue(w: Waiter): void {
    const i = this.waiting.indexOf(w);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  private free(): void {
    this.running--;
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // Not at once: the I/O that came in meanwhile goes first.
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < this.limit && this.waiting.length > 0) {
        const next = this.waiting.shift() as Waiter;
        clearTimeout(next.timer);
        this.running++;
        next.grant();
      }
    });
  }
}

declare module "fastify" {
  interface FastifyInstance {
    /** Route options of the expensive routes (fresh each call): `page` for pages and feeds, `api` under /api. */
    expensive: { page(): ExpensiveRouteOptions; api(): ExpensiveRouteOptions; gate: ConcurrencyGate | null };
  }
}

export interface ExpensiveRouteOptions {
  onRequest?: onRequestHookHandler[];
  preHandler?: ((req: FastifyRequest, reply: FastifyReply) => Promise<void>)[];
}

const BUSY_MESSAGE = "The server is busy with other searches right now. Please try again in a few seconds.";

/** Decorates `app.expensive`; call after @fastify/rate-limit, before the routes. */
export function registerExpensiveRoutes(app: FastifyInstance, config: Config): void {
  const gate = config.expensiveConcurrency
    ? new ConcurrencyGate(config.expensiveConcurrency, config.expensiveQueue)
    : null;
  const gateHook =
    (busy: () => Error) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (!gate) return;
      const ticket = gate.enter();
      reply.raw.once("close", () => ticket.leave());
      if (reply.raw.destroyed) ticket.leave();
      if (!(await ticket.granted)) {
        reply.header("retry-after", String(BUSY_RETRY_AFTER));
        throw busy();
      }
      req.log.debug({ active: gate.active, queued: gate.queued }, "expensive request admitted");
    };
  const limit = config.expensiveRateLimit;
  const perClient = limit
    ? app.rateLimit({
        max: limit.max,
        timeWindow: limit.timeWindowMs,
        groupId: "expensive",
        errorResponseBuilder: (_req, ctx) =>
          new HttpError(
            "rate-limited",
            `You made more searches, feed or export requests than this site answers from one address in a short while. Please wait ${ctx.after}, then try again.`,
            { title: "Too many requests" },
          ),
      })
    : null;
  // Pages answer the error with a page, the API with its JSON body.
  const busyHook = gateHook(() => new HttpError("busy", BUSY_MESSAGE, { title: "Busy for a moment" }));
  app.decorate("expensive", {
    gate,
    page: () => ({ ...(perClient ? { onRequest: [perClient] } : {}), preHandler: [busyHook] }),
    api: () => ({ preHandler: [busyHook] }),
  });
}
