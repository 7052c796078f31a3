// Builds one period's digests and hands them to the outbox: every active subscriber of the
// period's frequency gets one outbox row pointing at the edition for their topic set. Editions
// are built once per distinct topic set; rows and editions are inserted idempotently (unique
// (subscriber, period)), so a build interrupted by a crash is simply run again.

import type { Kysely } from "kysely";
import { deriveMessageId } from "../mail/messageId.ts";
import { saveEdition } from "../store/digestEditions.ts";
import { finishRun, startRun } from "../store/digestRuns.ts";
import { enqueueOutbox, existingOutboxIds, type NewOutboxItem } from "../store/outbox.ts";
import { type AlertRunRecord, recordAlertRuns, savedSearchesOfUsers } from "../store/savedSearches.ts";
import type { Database } from "../store/schema.ts";
import { recordSentPapers, type SentPapers } from "../store/sentPapers.ts";
import { listSubscribers, type Subscriber, topicsJson } from "../store/subscribers.ts";
import { categoriesOfUsers } from "../store/users.ts";
import type { DigestDeps } from "./deps.ts";
import { PeriodPool } from "./digestBuilder.ts";
import { digestMessageId } from "./digestMessage.ts";
import { type EditionContent, editionId } from "./edition.ts";
import type { DigestPeriod } from "./periods.ts";
import { PersonalBuilder, type PersonalPart, type PersonalRequest } from "./personal.ts";

export interface PeriodBuildResult {
  period: string;
  subscribers: number;
  editions: number;
  /** Subscribers whose topics had nothing this period: no mail for them. */
  empty: number;
  enqueued: number;
  /** Subscribers of accounts whose picks and saved searches were built, and the time it took. */
  personal: number;
  personalMs: number;
}

const PAGE = 5_000;

/**
 * `referenceMs` is the reference time for what is trending (the period's due time when built on
 * schedule); rows are stamped with the time of the build, read from the deps' clock.
 */
export async function buildPeriod(
  deps: DigestDeps,
  period: DigestPeriod,
  referenceMs = deps.clock.now().getTime(),
): Promise<PeriodBuildResult> {
  const { db } = deps.store;
  const nowIso = deps.clock.now().toISOString();
  await startRun(db, period.key, nowIso);
  const pool = await PeriodPool.load(db, deps.config, period, referenceMs);
  const editions = new Map<string, string | null>(); // topics JSON -> edition id (null: nothing to send)
  const editionContents = new Map<string, EditionContent | null>();
  const result: PeriodBuildResult = {
    period: period.key,
    subscribers: 0,
    editions: 0,
    empty: 0,
    enqueued: 0,
    personal: 0,
    personalMs: 0,
  };
  // Built on first need: an instance without account subscriptions never loads the vectors.
  let personal: PersonalBuilder | null = null;
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
    const asked: { request: PersonalRequest; editionId: string | null }[] = [];
    const linked = page.filter((s) => s.userId);
    const userIds = linked.map((s) => s.userId as string);
    const searches = linked.length ? await savedSearchesOfUsers(db, userIds) : new Map();
    const categories = linked.length ? await categoriesOfUsers(db, userIds) : new Map<string, string[]>();
    // Personal rows already queued (a re-run after a crash) are not built again.
    const queued = linked.length
      ? await existingOutboxIds(
          db,
          linked.map((s) => digestRowId(s.id, period.key)),
        )
      : new Set<string>();
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
        editionContents.set(key, content);
        if (id) result.editions++;
      }
      const own = s.userId ? (searches.get(s.userId) ?? []) : [];
      if (s.userId && (s.picks !== "off" || own.length > 0)) {
        if (queued.has(digestRowId(s.id, period.key))) continue;
        asked.push({
          request: {
            subscriber: s,
            userCategories: categories.get(s.userId) ?? [],
            searches: own,
            edition: editionContents.get(key) ?? null,
          },
          editionId: id ?? null,
        });
        continue;
      }
      if (!id) {
        result.empty++;
        continue;
      }
      rows.push(digestRow(s, period, id, null, deps));
    }
    const personalRows: PersonalRows[] = [];
    if (asked.length) {
      const t0 = performance.now();
      personal ??= await PersonalBuilder.load(deps, period, nowIso);
      const parts = await personal.buildPage(asked.map((a) => a.request));
      result.personal += asked.length;
      result.personalMs += performance.now() - t0;
      asked.forEach(({ request, editionId: id }, i) => {
        const s = request.subscriber;
        const part = parts[i];
        const entry: PersonalRows = { userId: s.userId as string, part, digest: null, alerts: null };
        if (part.digest && (id || part.digest.picks.length > 0 || part.digest.alerts.length > 0))
          entry.digest = digestRow(s, period, id, JSON.stringify(part.digest), deps);
        else if (id) entry.digest = digestRow(s, period, id, null, deps);
        if (part.alertsOnly) {
          const alertsKey = `alerts:${period.key}`;
          entry.alerts = {
            id: `${s.id}:${alertsKey}`,
            subscriberId: s.id,
            period: alertsKey,
            kind: "alerts",
            recipient: s.email,
            payload: JSON.stringify(part.alertsOnly),
            messageId: deriveMessageId(["alerts", s.id, period.key], deps.mail.fromAddress),
          };
        }
        if (!entry.digest) result.empty++;
        personalRows.push(entry);
      });
    }
    // One transaction per page: 5,000 rows commit together (fast), and a crash loses at most a
    // page, which the re-run inserts. A personal row commits with the record of the papers it
    // carries: queued and recorded are one fact, so no paper is ever picked twice for a reader.
    result.enqueued += await db.transaction().execute(async (trx) => {
      const added = await enqueueOutbox(trx, rows, nowIso);
      return added.length + (await enqueuePersonal(trx, personalRows, personal?.watermark ?? nowIso, nowIso));
    });
  }
  await finishRun(db, period.key, deps.clock.now().toISOString(), {
    editions: result.editions,
    enqueued: result.enqueued,
  });
  if (result.enqueued > 0) deps.outbox.notify();
  return result;
}

/** The digest row of one subscriber and period (its id is also what a re-run looks for). */
export function digestRowId(subscriberId: string, periodKey: string): string {
  return `${subscriberId}:${periodKey}`;
}

interface PersonalRows {
  userId: string;
  part: PersonalPart;
  digest: NewOutboxItem | null;
  alerts: NewOutboxItem | null;
}

/** A subscriber's digest row (payload: their personal content, null when the edition is all). */
function digestRow(
  s: Subscriber,
  period: DigestPeriod,
  editionId: string | null,
  payload: string | null,
  deps: DigestDeps,
): NewOutboxItem {
  return {
    id: digestRowId(s.id, period.key),
    subscriberId: s.id,
    period: period.key,
    kind: "digest",
    recipient: s.email,
    editionId,
    payload,
    messageId: digestMessageId(s.id, period.key, deps.mail.fromAddress),
  };
}

/**
 * Inside the page's transaction: the personal rows, and for each row that is new (another
 * builder may have queued it a moment ago) the papers it carries; every alert's watermark moves
 * to this build. A page's rows and records are written in a few multi-row statements.
 */
async function enqueuePersonal(
  trx: Kysely<Database>,
  personal: readonly PersonalRows[],
  watermark: string,
  now: string,
): Promise<number> {
  const items = personal.flatMap((r) => [r.digest, r.alerts].filter((m): m is NewOutboxItem => m !== null));
  const added = new Set(await enqueueOutbox(trx, items, now));
  const sent: SentPapers[] = [];
  const runs: AlertRunRecord[] = [];
  for (const r of personal) {
    if (r.digest && added.has(r.digest.id)) {
      const outboxId = r.digest.id;
      sent.push({ userId: r.userId, paperIds: r.part.pickedIds, outboxId });
      for (const run of r.part.digestAlertRuns)
        runs.push({ searchId: run.search.id, paperIds: run.paperIds, outboxId });
    }
    if (r.alerts && added.has(r.alerts.id)) {
      const outboxId = r.alerts.id;
      for (const run of r.part.alertOnlyRuns)
        runs.push({ searchId: run.search.id, paperIds: run.paperIds, outboxId });
    }
    for (const run of r.part.idleRuns) runs.push({ searchId: run.search.id, paperIds: [], outboxId: "" });
  }
  await recordSentPapers(trx, sent, now);
  await recordAlertRuns(trx, runs, watermark, now);
  return added.size;
}
