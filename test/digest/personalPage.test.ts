// A digest build reads readers' likes and sent papers for a whole page of subscribers at once
// (src/digest/personal.ts, src/store/readerSignals.ts): building a page must give every reader
// exactly what building them alone gives, and each reader's picks must follow their own signals.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readerPositives } from "../../src/community/recommend/forYou.ts";
import { dailyPeriod } from "../../src/digest/periods.ts";
import { PersonalBuilder, type PersonalRequest } from "../../src/digest/personal.ts";
import { addPaperMark } from "../../src/store/readerPaperMarks.ts";
import { readerSignals } from "../../src/store/readerSignals.ts";
import { getSubscriber, updateSubscriber } from "../../src/store/subscribers.ts";
import { addVote } from "../../src/store/votes.ts";
import {
  addActiveSubscribers,
  addCollection,
  addUser,
  importPapers,
  type PaperSpec,
} from "../support/factories.ts";
import { type DigestTestContext, digestContext, WEEK_PAPERS } from "./support/fixtures.ts";

let ctx: DigestTestContext;
const GRAPHS = "user-graphs";
const SPEECH = "user-speech";
const QUIET = "user-quiet";
const subscribers: Record<string, string> = {};

const TOPICS = [
  ["graph neural networks for molecules", "cs.LG"],
  ["graph transformers at scale", "cs.LG"],
  ["message passing on graphs", "cs.LG"],
  ["graph pooling operators", "cs.LG"],
  ["temporal graph networks", "cs.LG"],
  ["graph contrastive learning", "cs.LG"],
  ["speech recognition with transducers", "cs.CL"],
  ["speech synthesis from text", "cs.CL"],
  ["streaming speech recognition", "cs.CL"],
  ["speech enhancement in noise", "cs.CL"],
  ["speaker diarization of speech", "cs.CL"],
  ["diffusion models for images", "cs.CV"],
  ["image segmentation with transformers", "cs.CV"],
] as const;

const PAPERS: PaperSpec[] = TOPICS.map(([t, cat], i) => ({
  id: `2606.3${String(i).padStart(4, "0")}`,
  title: t.replace(/^./, (c) => c.toUpperCase()),
  day: `2026-06-${String(1 + (i % 14)).padStart(2, "0")}`,
  categories: [cat],
  abstract: `We study ${t}. Our method improves ${t} on standard benchmarks and we analyse when ${t} fails.`,
}));

before(async () => {
  ctx = await digestContext({ PAPERTIDE_CATEGORIES: "cs.CL,cs.CV,cs.LG" });
  await importPapers(ctx, [...WEEK_PAPERS, ...PAPERS]);
  const db = ctx.store.db;
  const now = new Date().toISOString();
  for (const id of [GRAPHS, SPEECH, QUIET]) {
    await addUser(db, { id, email: `${id}@example.org`, handle: id });
    [subscribers[id]] = await addActiveSubscribers(ctx, [`${id}@example.org`]);
    await updateSubscriber(db, subscribers[id], { user_id: id, picks: "with" });
  }
  // The graph reader saves one paper in two collections (it must count once) and upvotes another.
  for (const col of ["col-a", "col-b"]) {
    await addCollection(db, { id: col, userId: GRAPHS, papers: ["2606.30000"] });
  }
  await addVote(db, GRAPHS, "2606.30001", now);
  // The speech reader upvotes one speech paper and picked another as an example.
  await addVote(db, SPEECH, "2606.30006", now);
  await addPaperMark(db, "interest_papers", SPEECH, "2606.30007", now);
  // The quiet reader only said "not interested" once.
  await addPaperMark(db, "dismissed_papers", QUIET, "2606.30002", now);
});

after(async () => {
  await ctx.cleanup();
});

test("readers' signals are read for many readers at once, each reader's own, each paper once", async () => {
  const signals = await readerSignals(ctx.store.db, [GRAPHS, SPEECH, QUIET]);
  assert.deepEqual(signals.get(GRAPHS), {
    examples: [],
    upvoted: ["2606.30001"],
    saved: ["2606.30000"],
    dismissed: [],
  });
  assert.deepEqual(signals.get(SPEECH), {
    examples: ["2606.30007"],
    upvoted: ["2606.30006"],
    saved: [],
    dismissed: [],
  });
  assert.deepEqual(signals.get(QUIET), { examples: [], upvoted: [], saved: [], dismissed: ["2606.30002"] });
  assert.deepEqual(
    (await readerPositives(ctx.store.db, SPEECH)).map((p) => [p.paperId, p.source]),
    [
      ["2606.30007", "example"],
      ["2606.30006", "upvoted"],
    ],
  );
});

test("a page of readers is built exactly as each reader alone; picks follow each reader's signals", async () => {
  const period = dailyPeriod("2026-06-16", 7);
  const requests: PersonalRequest[] = [];
  for (const id of [GRAPHS, SPEECH, QUIET]) {
    const subscriber = await getSubscriber(ctx.store.db, subscribers[id]);
    assert.ok(subscriber);
    requests.push({ subscriber, userCategories: [], searches: [], edition: null });
  }
  const page = await (await PersonalBuilder.load(ctx.deps, period)).buildPage(requests);
  const alone = [];
  for (const r of requests)
    alone.push(
      await (await PersonalBuilder.load(ctx.deps, period)).build(
        r.subscriber,
        r.userCategories,
        r.searches,
        r.edition,
      ),
    );
  assert.deepEqual(page, alone);

  const picks = (i: number) => page[i].digest?.picks ?? [];
  const lead = (i: number) => picks(i)[0]?.title ?? "";
  assert.match(lead(0), /graph/i, "the graph reader's first pick is about graphs");
  assert.match(lead(1), /speech/i, "the speech reader's first pick is about speech");
  // Own papers are never picked, and every pick is explained by one of the reader's papers.
  assert.ok(!picks(0).some((p) => ["2606.30000", "2606.30001"].includes(p.id)));
  assert.ok(!picks(1).some((p) => ["2606.30006", "2606.30007"].includes(p.id)));
  assert.ok(picks(0).every((p) => p.because && ["2606.30000", "2606.30001"].includes(p.because.id)));
  assert.ok(picks(1).every((p) => p.because && ["2606.30006", "2606.30007"].includes(p.because.id)));
  assert.equal(picks(2).length, 0, "a reader without signals gets no picks");
  assert.deepEqual(
    page[0].pickedIds,
    picks(0).map((p) => p.id),
  );
});
