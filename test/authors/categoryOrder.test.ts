// A category page orders its lists as the front page does, within the category: the category's
// picks first (most upvoted first), then the other papers by closeness to what the community
// picked in that category in the last 30 days, with the line saying so and the line on where the
// data comes from; its period arrows and tabs stay in the category and skip days it has no paper.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { loadFeatures } from "../../src/community/recommend/features.ts";
import { listCategoryCommunityOrder } from "../../src/lists/categoryList.ts";
import { dayPeriod } from "../../src/lists/periods.ts";
import { recordSyncSuccess } from "../../src/store/syncRuns.ts";
import { importPapers } from "../support/factories.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

const GRAPHS =
  "Graph neural networks pass messages between atoms along chemical bonds of each molecule graph; message passing over molecular graphs predicts atom and bond properties.";
const SPEECH =
  "Speech recognition transcribes spoken audio; acoustic models and phoneme decoders turn noisy speech recordings into words for spoken languages.";

let s: TestServer;
before(async () => {
  s = await startTestServer({ env: { PAPERTIDE_BASE_URL: "http://papertide.test" } });
  await importPapers(s, [
    // What the community picked lately in cs.LG: molecule graphs.
    {
      id: "2606.20001",
      title: "Message passing on molecules",
      day: "2026-06-05",
      categories: ["cs.LG"],
      upvotes: 4,
      abstract: GRAPHS,
    },
    {
      id: "2606.20002",
      title: "Molecular graph networks",
      day: "2026-06-08",
      categories: ["cs.LG"],
      featured: true,
      abstract: GRAPHS,
    },
    // ... and outside cs.LG, with more upvotes: speech. It must not shape the order of cs.LG.
    {
      id: "2606.20003",
      title: "Acoustic speech models",
      day: "2026-06-09",
      categories: ["cs.CL"],
      upvotes: 20,
      abstract: SPEECH,
    },
    {
      id: "2606.20004",
      title: "Spoken audio decoders",
      day: "2026-06-09",
      categories: ["cs.CL"],
      upvotes: 12,
      abstract: SPEECH,
    },
    {
      id: "2606.20005",
      title: "Phoneme recognition",
      day: "2026-06-09",
      categories: ["cs.CL"],
      featured: true,
      abstract: SPEECH,
    },
    // Friday, June 12 in cs.LG: two picks, three others.
    {
      id: "2606.20010",
      title: "Sparse attention kernels",
      day: "2026-06-12",
      categories: ["cs.LG"],
      upvotes: 2,
      abstract: "Blocked sparse attention kernels cut memory traffic on accelerators.",
    },
    {
      id: "2606.20011",
      title: "Curriculum schedules",
      day: "2026-06-12",
      categories: ["cs.LG"],
      featured: true,
      abstract: "Ordering training examples from easy to hard with pacing functions.",
    },
    {
      id: "2606.20013",
      title: "Crystal graph networks",
      day: "2026-06-12",
      categories: ["cs.LG"],
      abstract: `${GRAPHS} Crystals too.`,
    },
    {
      id: "2606.20014",
      title: "Noisy speech transcription",
      day: "2026-06-12",
      categories: ["cs.LG", "cs.CL"],
      abstract: SPEECH,
    },
    {
      id: "2606.20015",
      title: "Quantum error correction codes",
      day: "2026-06-12",
      categories: ["cs.LG"],
      abstract: "Stabilizer codes protect qubits against decoherence using syndrome measurements.",
    },
    {
      id: "2606.20016",
      title: "Parsing with grammars",
      day: "2026-06-12",
      categories: ["cs.CL"],
      upvotes: 3,
    },
    // Monday, June 15 in cs.LG: nobody picked anything.
    {
      id: "2606.20020",
      title: "Graph pooling for molecules",
      day: "2026-06-15",
      categories: ["cs.LG"],
      abstract: GRAPHS,
    },
    {
      id: "2606.20021",
      title: "Topological qubits",
      day: "2026-06-15",
      categories: ["cs.LG"],
      abstract: "Braiding anyons for fault tolerant qubits.",
    },
    // A later day with a featured paper of another category only: not a day of cs.LG.
    { id: "2606.20030", title: "Legged robots", day: "2026-06-16", categories: ["cs.RO"], featured: true },
  ]);
  await recordSyncSuccess(s.store.db, "arxiv", new Date("2026-06-16T20:05:00Z"), "15 new papers");
});
after(async () => {
  await s?.close();
});

async function page(url: string): Promise<{ html: string; words: string }> {
  const res = await s.get(url);
  assert.equal(res.status, 200, url);
  const html = await res.text();
  return { html, words: html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ") };
}

function cardIds(html: string): string[] {
  return [...html.matchAll(/<a class="card-link" href="\/papers\/([^"]+)"/g)].map((m) =>
    decodeURIComponent(m[1]),
  );
}

function sectionIds(html: string, id: "list-picks" | "list-rest"): string[] {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return [];
  return cardIds(html.slice(start, html.indexOf("</section>", start)));
}

describe("the order of a category page", () => {
  it("lists the category's picks first, then the rest closest to the category's recent picks", async () => {
    const { html, words } = await page("/categories/cs.LG?date=2026-06-12");
    assert.deepEqual(sectionIds(html, "list-picks"), ["2606.20010", "2606.20011"]);
    const rest = sectionIds(html, "list-rest");
    assert.deepEqual([...rest].sort(), ["2606.20013", "2606.20014", "2606.20015"]);
    // The graph paper leads: cs.LG's picks are about molecule graphs (the speech picks of cs.CL,
    // more upvoted, do not count), and newest first would have put it last (ties go by id).
    assert.equal(rest[0], "2606.20013");
    assert.doesNotMatch(html, /Parsing with grammars/);
    // The same order as the list function gives with the instance's vectors.
    const whole = await listCategoryCommunityOrder(s.store.db, await loadFeatures(s.services.search), {
      category: "cs.LG",
      period: dayPeriod("2026-06-12"),
      offset: 0,
      limit: 100,
    });
    assert.equal(whole.rest, "closeness");
    assert.equal(whole.interestPicks, 4);
    assert.deepEqual(
      cardIds(html),
      whole.items.map((i) => i.paper.id),
    );
    // The two lines under the heading, and the summary.
    assert.match(
      words,
      /Community picks first: papers featured, submitted or upvoted, most upvoted first\. Then the other papers of the day, closest first to what the community picked in cs\.LG in the last 30 days\./,
    );
    assert.match(words, /Last fetched from arXiv on Jun 16, 2026 at 20:05 UTC\./);
    assert.match(words, /5 papers · 2 community picks first/);
    assert.match(words, /Closest first to the 4 papers the community picked in cs\.LG in the last 30 days/);
  });

  it("says so on a day nobody picked from", async () => {
    const { html, words } = await page("/categories/cs.LG");
    assert.match(words, /cs\.LG · Monday, June 15, 2026/, "the newest day of cs.LG, not a day of cs.RO");
    assert.match(
      words,
      /Nobody has picked a paper of the day in cs\.LG yet \(featured, submitted or upvoted\): its papers are listed closest first to what the community picked in cs\.LG in the last 30 days\./,
    );
    assert.match(words, /no community picks yet · closest first to what the community picked in cs\.LG/);
    assert.match(words, /Last fetched from arXiv/);
    assert.deepEqual(sectionIds(html, "list-picks"), []);
    assert.deepEqual(sectionIds(html, "list-rest"), ["2606.20020", "2606.20021"]);
  });

  it("weeks and months use the same order (ties among picks: the newer day first)", async () => {
    const week = await page("/categories/cs.LG?week=2026-W24");
    assert.deepEqual(sectionIds(week.html, "list-picks"), ["2606.20010", "2606.20011", "2606.20002"]);
    assert.match(week.words, /Then the other papers of the week/);
    const month = await page("/categories/cs.LG?month=2026-06");
    assert.deepEqual(sectionIds(month.html, "list-picks"), [
      "2606.20001",
      "2606.20010",
      "2606.20011",
      "2606.20002",
    ]);
    assert.deepEqual(sectionIds(month.html, "list-rest").slice(0, 2).sort(), ["2606.20013", "2606.20020"]);
  });
});

describe("the period navigation of a category page", () => {
  it("steps through the category's days, weeks and months and keeps the category", async () => {
    const day = (await page("/categories/cs.LG?date=2026-06-12")).html;
    assert.match(day, /href="\/categories\/cs\.LG\?date=2026-06-08" rel="prev"/);
    assert.match(day, /href="\/categories\/cs\.LG" rel="next"/);
    assert.match(day, /action="\/categories\/cs\.LG"/);
    assert.match(day, /min="2026-06-05"/);
    assert.match(day, /max="2026-06-15"/);
    const newest = (await page("/categories/cs.LG")).html;
    assert.doesNotMatch(newest, /rel="next"/, "June 16 holds no paper of cs.LG");
    const week = (await page("/categories/cs.LG?week=2026-W24")).html;
    assert.match(week, /href="\/categories\/cs\.LG\?week=2026-W23" rel="prev"/);
    assert.match(week, /href="\/categories\/cs\.LG\?week=2026-W25" rel="next"/);
    assert.match(week, /<a class="tab" href="\/categories\/cs\.LG\?date=2026-06-12">Daily<\/a>/);
    const month = (await page("/categories/cs.LG?month=2026-06")).html;
    assert.doesNotMatch(month, /rel="prev"/, "no paper of cs.LG before June");
    assert.doesNotMatch(month, /rel="next"/);
    assert.match(month, /<a class="tab" href="\/categories\/cs\.LG">Daily<\/a>/);
  });
});
