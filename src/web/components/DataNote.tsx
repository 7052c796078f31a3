// Where the papers come from and how fresh they are, under a list's heading (the site's lists
// and the category pages): the last successful fetch from arXiv (the sync status the harvester's
// scheduler records), or, on an instance that runs on the bundled demo dataset, that it is demo
// data and which days it covers.
import type { Kysely } from "kysely";
import { holdsDemoData } from "../../demo/loadDemo.ts";
import type { Clock } from "../../model/clock.ts";
import type { Database } from "../../store/schema.ts";
import { getSyncStatus } from "../../store/syncRuns.ts";
import { dayRange, shortDay } from "../format.ts";

export type DataSource =
  | { kind: "arxiv"; fetchedAt: string }
  | { kind: "demo"; from: string; to: string }
  | { kind: "unknown"; latest: string };

/** The first and newest day of the lists a page shows from (null: none yet). */
export interface DataDays {
  earliest: string | null;
  latest: string | null;
}

export async function dataSource(
  deps: { db: Kysely<Database>; clock: Clock },
  b: DataDays,
): Promise<DataSource | null> {
  if (!b.latest) return null;
  const arxiv = await getSyncStatus(deps.db, "arxiv", deps.clock.now());
  if (arxiv?.lastSuccessAt) return { kind: "arxiv", fetchedAt: arxiv.lastSuccessAt };
  if (b.earliest && (await holdsDemoData(deps.db))) return { kind: "demo", from: b.earliest, to: b.latest };
  return { kind: "unknown", latest: b.latest };
}

const TIME = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "Last fetched from arXiv on Dec 2, 2026 at 01:00 UTC." (an absolute time: pages are cached). */
export function dataNoteText(source: DataSource): string {
  if (source.kind === "arxiv") {
    const at = new Date(source.fetchedAt);
    return `Last fetched from arXiv on ${shortDay(source.fetchedAt)} at ${TIME.format(at)} UTC.`;
  }
  if (source.kind === "demo") {
    return `Demo data: arXiv papers of ${dayRange(source.from, source.to)}, loaded on first start and not updated.`;
  }
  return `Newest papers: ${shortDay(source.latest)}.`;
}

export function DataNote({ source }: { source: DataSource | null }) {
  if (!source) return null;
  return <p class="feed-data">{dataNoteText(source)}</p>;
}
