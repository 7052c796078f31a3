// Builds one period's digests and hands them to the outbox: every active subscriber of the
// period's frequency gets one outbox row pointing at the edition for their topic set. Editions
// are built once per distinct topic set; rows and editions are inserted idempotently (unique
// (subscriber, period)), so a build interrupted by a crash is simply run again.
import { saveEdition } from "../store/digestEditions.ts";
import { finishRun, startRun } from "../store/digestRuns.ts";
import { enqueueOutbox, type NewOutboxItem } from "../store/outbox.ts";
import { listSubscribers, topicsJson } from "../store/subscribers.ts";
import type { DigestDeps } from "./deps.ts";
import { PeriodPool } from "./digestBuilder.ts";
import { digestMessageId } from "./digestMessage.ts";
import { editionId } from "./edition.ts";
import type { DigestPeriod } from "./periods.ts";

export interface PeriodBuildResult {
  period: string;
  subscribers: number;
  editions: number;
  /** Subscribers whose topics had nothing this period: no mail for them. */
  empty: number;
  enqueued: number;
}

const PAGE = 5_000;

/** `clock` is the reference time for what is trending; rows are stamped with the real time. */
export async function buildPeriod(
  deps: DigestDeps,
  period: DigestPeriod,
  clock = Date.now(),
): Promise<PeriodBuildResult> {
  const { db } = deps.store;
  const nowIso = new Date().toISOString();
  await startRun(db, period.key, nowIso);
  const pool = await PeriodPool.load(db, deps.config, period, clock);
  const editions = new Map<string, string | null>(); // topics JSON -> edition id (null: nothing to send)
  const result: PeriodBuildResult = {
    period: period.key,
    subscribers: 0,
    editions: 0,
    empty: 0,
    enqueued: 0,
  };
  let afterId: string | undefined;
  for (;;) {
    const page = await listSubscribers(db, {
      status: "active",
      frequency: period.frequency,
      afterId,
      limit: PAGE,
    });
    if (page.length === 0) break;
    afterId = page[page.length - 1].id;
    const rows: NewOutboxItem[] = [];
    for (const s of page) {
      result.subscribers++;
      const key = topicsJson(s.topics);
      let id = editions.get(key);
      if (id === undefined) {
        const content = pool.edition(s.topics);
        id = content
          ? await saveEdition(
              db,
              {
                id: editionId(period.key, key),
                period: period.key,
                topics: key,
                content: JSON.stringify(content),
              },
              nowIso,
            )
          : null;
        editions.set(key, id);
        if (id) result.editions++;
      }
      if (!id) {
        result.empty++;
        continue;
      }
      rows.push({
        id: `${s.id}:${period.key}`,
        subscriberId: s.id,
        period: period.key,
        kind: "digest",
        recipient: s.email,
        editionId: id,
        messageId: digestMessageId(s.id, period.key, deps.mail.fromAddress),
      });
    }
    // One transaction per page: 5,000 rows commit together (fast), and a crash loses at most a
    // page, which the re-run inserts.
    result.enqueued += await db.transaction().execute((trx) => enqueueOutbox(trx, rows, nowIso));
  }
  await finishRun(db, period.key, new Date().toISOString(), {
    editions: result.editions,
    enqueued: result.enqueued,
  });
  if (result.enqueued > 0) deps.notifyOutbox();
  return result;
}
