import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { type TempStore, tempStore } from "../../../test/support/tempStore.ts";
import { listRange } from "../../lists/listing.ts";
import { fixedClock } from "../../model/clock.ts";
import { SearchState } from "../../search/state.ts";
import { getMeta, setMeta } from "../../store/meta.ts";
import { countPapers, getPaper } from "../../store/papers.ts";
import { importRecords } from "../importer.ts";
import { FeedParseError } from "../parsers/errors.ts";
import {
  cursorKey,
  fetchArxivPapers,
  HarvestError,
  type HarvestOptions,
  harvestArxiv,
  type SetCursor,
  setCursorReader,
} from "./arxivHarvester.ts";
import { HttpError, PoliteClient, type PoliteClientOptions } from "./politeClient.ts";
import {
  arxivRoute,
  fixture,
  oaiError,
  pagedListRecords,
  type ReplayServer,
  type Route,
  startReplayServer,
} from "./replayServer.test-helper.ts";

// The recorded ListRecords answer holds two records: 1412.8544 (cs.DM) and hep-th/9504118 (hep-th).
const LISTRECORDS = fixture("arxiv-oai/listrecords.xml");
const TWO_PAGES = pagedListRecords(LISTRECORDS, 1);
const LISTING = fixture("arxiv-rss/cs.AI-2017.xml");
const TODAY = new Date("2026-06-12T12:00:00Z");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function harness(route: Route, client: Partial<PoliteClientOptions> = {}) {
  const server = await startReplayServer(route);
  const store = await tempStore();
  cleanups.push(
    () => server.close(),
    () => store.cleanup(),
  );
  const polite = new PoliteClient({
    userAgent: "Papertide-test/1.0",
    minIntervalMs: 2,
    backoffBaseMs: 1,
    ...client,
  });
  const options = (extra: Partial<HarvestOptions> = {}): HarvestOptions => ({
    categories: ["cs.DM", "hep-th"],
    oaiUrl: `${server.url}/oai`,
    rssUrl: `${server.url}/rss`,
    apiUrl: `${server.url}/api/query`,
    client: polite,
    listing: false,
    clock: fixedClock(TODAY),
    ...extra,
  });
  return { server, store, db: store.db, search: new SearchState(store.db), options };
}

function oaiRequests(server: ReplayServer) {
  return server.requests.filter((r) => r.path === "/oai").map((r) => Object.fromEntries(r.query));
}

/** Everything stored about papers, minus bookkeeping timestamps, for comparing two databases. */
async function snapshot(store: TempStore) {
  const papers = await store.db
    .selectFrom("papers")
    .select(["id", "title", "categories", "versions", "announced_on", "list_day", "content_hash"])
    .orderBy("id")
    .execute();
  const cats = await store.db
    .selectFrom("paper_categories")
    .selectAll()
    .orderBy("paper_id")
    .orderBy("category")
    .execute();
  return { papers, cats };
}

test("harvests the OAI set of each category, keeping only papers in the requested categories", async () => {
  const h = await harness(arxivRoute({ oaiPages: [LISTRECORDS] }));
  const summary = await harvestArxiv(h.search, h.options({ categories: ["cs.DM", "cs.LG", "hep-th"] }));
  assert.deepEqual(oaiRequests(h.server), [
    { verb: "ListRecords", metadataPrefix: "arXivRaw", set: "cs", from: "2026-06-05" },
    { verb: "ListRecords", metadataPrefix: "arXivRaw", set: "physics:hep-th", from: "2026-06-05" },
  ]);
  assert.deepEqual(summary.setsDone, ["cs", "physics:hep-th"]);
  // Each set's answer held both records; each set keeps only its own.
  assert.equal(summary.read, 4);
  assert.equal(summary.skipped, 2);
  assert.equal(summary.new, 2);
  assert.equal(await countPapers(h.db), 2);
  assert.equal(
    (await getPaper(h.db, "1412.8544"))?.title,
    "A Kochen-Specker system has at least 22 vectors (extended abstract)",
  );
  assert.deepEqual((await getPaper(h.db, "hep-th/9504118"))?.categories, ["hep-th"]);
});

test("a category outside the answered records imports nothing", async () => {
  const h = await harness(arxivRoute({ oaiPages: [LISTRECORDS] }));
  const summary = await harvestArxiv(h.search, h.options({ categories: ["cs.CV"] }));
  assert.equal(summary.skipped, 2);
  assert.equal(summary.new, 0);
  assert.equal(await countPapers(h.db), 0);
});

test("follows resumption tokens: a record only on page 2 is imported", async () => {
  const h = await harness(arxivRoute({ oaiPages: TWO_PAGES }));
  const summary = await harvestArxiv(
    h.search,
    h.options({ categories: ["hep-th"], from: "2015-01-01", until: "2015-01-03" }),
  );
  assert.deepEqual(oaiRequests(h.server), [
    {
      verb: "ListRecords",
      metadataPrefix: "arXivRaw",
      set: "physics:hep-th",
      from: "2015-01-01",
      until: "2015-01-03",
    },
    { verb: "ListRecords", resumptionToken: "page-2" },
  ]);
  assert.equal(summary.pages, 2);
  assert.ok(await getPaper(h.db, "hep-th/9504118"));
  assert.equal(await countPapers(h.db), 1);
  const cursor = await getMeta(h.db, cursorKey("physics:hep-th", ["hep-th"]), setCursorReader);
  assert.equal(cursor?.resumptionToken, null);
  assert.equal(cursor?.harvestedUntil, "2015-01-03");
});

test("an interrupted harvest resumes from the saved token and ends as an uninterrupted one", async () => {
  const h = await harness(arxivRoute({ oaiPages: TWO_PAGES }));
  // Page 2 of the first set fails hard: the run stops after committing page 1.
  h.server.script("/oai", { body: TWO_PAGES[0] }, { status: 404, body: "gone" });
  await assert.rejects(harvestArxiv(h.search, h.options()), HttpError);
  assert.deepEqual(
    (await h.db.selectFrom("papers").select("id").execute()).map((r) => r.id),
    ["1412.8544"],
  );
  const saved = await getMeta(h.db, cursorKey("cs", ["cs.DM"]), setCursorReader);
  assert.equal(saved?.resumptionToken, "page-2");
  assert.equal(saved?.pagesDone, 1);

  h.server.requests.length = 0;
  const summary = await harvestArxiv(h.search, h.options());
  assert.equal(summary.resumed, true);
  assert.deepEqual(
    oaiRequests(h.server)[0],
    { verb: "ListRecords", resumptionToken: "page-2" },
    "did not start over",
  );
  assert.equal(oaiRequests(h.server).length, 3, "rest of cs, then both pages of physics:hep-th");

  const clean = await harness(arxivRoute({ oaiPages: TWO_PAGES }));
  await harvestArxiv(clean.search, clean.options());
  assert.deepEqual(await snapshot(h.store), await snapshot(clean.store));
  assert.equal(await countPapers(h.db), 2);
});

test("an expired resumption token restarts that set from its from date", async () => {
  const h = await harness(arxivRoute({ oaiPages: TWO_PAGES }));
  const key = cursorKey("physics:hep-th", ["hep-th"]);
  // What an interrupted run left days ago; arXiv has since forgotten the token.
  await setMeta(
    h.db,
    key,
    {
      set: "physics:hep-th",
      categories: ["hep-th"],
      from: "2026-05-01",
      until: null,
      startedOn: "2026-05-02",
      resumptionToken: "stale-token",
      pagesDone: 3,
      harvestedUntil: "2026-04-30",
    } satisfies SetCursor,
    TODAY,
  );
  const summary = await harvestArxiv(h.search, h.options({ categories: ["hep-th"] }));
  assert.deepEqual(oaiRequests(h.server), [
    { verb: "ListRecords", resumptionToken: "stale-token" },
    { verb: "ListRecords", metadataPrefix: "arXivRaw", set: "physics:hep-th", from: "2026-05-01" },
    { verb: "ListRecords", resumptionToken: "page-2" },
  ]);
  assert.equal(summary.new, 1);
  const cursor = await getMeta(h.db, key, setCursorReader);
  assert.equal(cursor?.resumptionToken, null);
  assert.equal(cursor?.harvestedUntil, "2026-06-11", "the day before the restarted list was asked for");
});

test("a token that keeps being refused is an error, not an endless restart", async () => {
  const h = await harness(() => ({ body: oaiError("badResumptionToken", "nope") }));
  await setMeta(
    h.db,
    cursorKey("physics:hep-th", ["hep-th"]),
    {
      set: "physics:hep-th",
      categories: ["hep-th"],
      from: "2026-05-01",
      until: null,
      startedOn: "2026-05-02",
      resumptionToken: "stale-token",
      pagesDone: 1,
      harvestedUntil: null,
    } satisfies SetCursor,
    TODAY,
  );
  await assert.rejects(harvestArxiv(h.search, h.options({ categories: ["hep-th"] })), /badResumptionToken/);
  assert.equal(h.server.requests.length, 2);
});

test("noRecordsMatch is nothing new; other OAI errors stop the harvest", async () => {
  const h = await harness(() => ({
    body: oaiError("noRecordsMatch", "The combination of the values results in an empty list."),
  }));
  const summary = await harvestArxiv(h.search, h.options({ categories: ["cs.DM"] }));
  assert.equal(summary.pages, 0);
  assert.equal(summary.read, 0);
  assert.deepEqual(summary.setsDone, ["cs"]);
  assert.equal(
    (await getMeta(h.db, cursorKey("cs", ["cs.DM"]), setCursorReader))?.harvestedUntil,
    "2026-06-11",
  );

  const bad = await harness(() => ({ body: oaiError("badArgument", "Illegal set") }));
  await assert.rejects(harvestArxiv(bad.search, bad.options({ categories: ["cs.DM"] })), (e: Error) => {
    assert.ok(e instanceof HarvestError);
    assert.match(e.message, /badArgument.*Illegal set/);
    return true;
  });
});

test("an HTML page served as 200 stops the harvest without touching the saved position", async () => {
  const h = await harness(arxivRoute({ oaiPages: TWO_PAGES }));
  h.server.script("/oai", { body: TWO_PAGES[0] }, { body: fixture("arxiv-oai/listrecords-status503.xml") });
  await assert.rejects(harvestArxiv(h.search, h.options({ categories: ["cs.DM"] })), FeedParseError);
  assert.equal((await getMeta(h.db, cursorKey("cs", ["cs.DM"]), setCursorReader))?.resumptionToken, "page-2");
});

test("the next sync without --from continues where the last one finished; a backfill does not move it back", async () => {
  const h = await harness(arxivRoute({ oaiPages: [LISTRECORDS] }));
  await harvestArxiv(h.search, h.options({ categories: ["cs.DM"] }));
  await harvestArxiv(
    h.search,
    h.options({ categories: ["cs.DM"], clock: fixedClock("2026-06-20T08:00:00Z") }),
  );
  await harvestArxiv(h.search, h.options({ categories: ["cs.DM"], from: "2015-01-01", until: "2015-01-03" }));
  await harvestArxiv(
    h.search,
    h.options({ categories: ["cs.DM"], clock: fixedClock("2026-06-25T08:00:00Z") }),
  );
  assert.deepEqual(
    oaiRequests(h.server).map((q) => [q.from, q.until]),
    [
      ["2026-06-05", undefined],
      ["2026-06-11", undefined],
      ["2015-01-01", "2015-01-03"],
      ["2026-06-19", undefined],
    ],
  );
  // Another category set of the same archive has its own history: cs.DM's says nothing of cs.CV.
  await harvestArxiv(h.search, h.options({ categories: ["cs.CV", "cs.DM"] }));
  assert.equal(oaiRequests(h.server).at(-1)?.from, "2026-06-05");
});

test("a 503 Retry-After from OAI-PMH is waited out and the page still imported", async () => {
  const sleeps: number[] = [];
  const h = await harness(arxivRoute({ oaiPages: [LISTRECORDS] }), {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  h.server.script("/oai", {
    status: 503,
    headers: { "Retry-After": "10", "Content-Type": "text/html" },
    body: fixture("arxiv-oai/listrecords-status503.xml"),
  });
  const summary = await harvestArxiv(h.search, h.options({ categories: ["cs.DM"] }));
  assert.ok(sleeps.includes(10_000), `waits: ${sleeps}`);
  assert.equal(h.server.requests.length, 2);
  assert.equal(summary.new, 1);
});

test("the listing feed gives announced papers their day, which puts them on that day's list", async () => {
  const h = await harness(
    arxivRoute({ oaiPages: [oaiError("noRecordsMatch", "empty")], listings: { "cs.AI": LISTING } }),
  );
  const summary = await harvestArxiv(h.search, h.options({ categories: ["cs.AI"], listing: true }));
  assert.deepEqual(
    h.server.requests.map((r) => r.path),
    ["/oai", "/rss/cs.AI"],
  );
  const [listing] = summary.listings;
  assert.equal(listing.category, "cs.AI");
  assert.match(listing.day ?? "", /^2017-08-1[01]$/);
  assert.equal(listing.records, 15);
  assert.equal(summary.new, 15);
  // 12 new or cross-listed submissions are announced that day; 3 replacements are not.
  const announced = await h.db
    .selectFrom("papers")
    .select("id")
    .where("announced_on", "=", listing.day)
    .execute();
  assert.equal(announced.length, 12);
  assert.equal((await getPaper(h.db, "1412.1913"))?.announcedOn, null);
  const day = await listRange(h.db, {
    from: listing.day as string,
    to: listing.day as string,
    categories: ["cs.AI"],
    sort: "publishedAt",
    offset: 0,
    limit: 50,
  });
  const ids = day.items.map((i) => i.paper.id);
  assert.ok(ids.includes("1708.03019"), "a new cs.AI paper is on the day's cs.AI list");
  assert.ok(!ids.includes("1412.1913"), "a replacement is not");
});

test("a listing adds its category and day but never strips categories known from OAI-PMH", async () => {
  const h = await harness(
    arxivRoute({ oaiPages: [oaiError("noRecordsMatch", "empty")], listings: { "cs.AI": LISTING } }),
  );
  // As an earlier OAI-PMH harvest would have stored it: primary cs.CY, cross-listed to cs.LG.
  await importRecords(h.search, [
    {
      kind: "paper",
      paper: { id: "1708.02940", title: "Role of Secondary Attributes", categories: ["cs.CY", "cs.LG"] },
    },
  ]);
  const summary = await harvestArxiv(h.search, h.options({ categories: ["cs.AI"], listing: true }));
  const paper = await getPaper(h.db, "1708.02940");
  assert.deepEqual(paper?.categories, ["cs.CY", "cs.LG", "cs.AI"]);
  assert.equal(paper?.announcedOn, summary.listings[0].day);
});

test("fetchArxivPapers asks the query API for exactly the requested ids", async () => {
  const h = await harness(arxivRoute({ oaiPages: [], api: fixture("arxiv-api/query-transformer.xml") }));
  const { records, missing } = await fetchArxivPapers(
    ["2606.13677v1", "arXiv:2606.13591", "https://arxiv.org/abs/2606.13568", "2606.13677", "2606.99999"],
    { apiUrl: h.options().apiUrl, client: h.options().client },
  );
  const [req] = h.server.requests;
  assert.equal(req.path, "/api/query");
  assert.equal(req.query.get("id_list"), "2606.13677,2606.13591,2606.13568,2606.99999");
  assert.equal(req.query.get("max_results"), "4");
  const papers = records.flatMap((r) => (r.kind === "paper" ? [r.paper] : []));
  assert.ok(
    papers.some(
      (p) => p.id === "2606.13677" && p.title === "Mana: Dexterous Manipulation of Articulated Tools",
    ),
  );
  assert.deepEqual(missing, ["2606.99999"]);
  await assert.rejects(
    fetchArxivPapers(["not an id"], { apiUrl: h.options().apiUrl, client: h.options().client }),
    RangeError,
  );
  assert.equal(h.server.requests.length, 1, "nothing is fetched for a malformed id");
});
