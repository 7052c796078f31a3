import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { StoredPayloadError } from "../store/storedPayload.ts";
import type { DigestPaper, EditionContent } from "./edition.ts";
import { dailyPeriod } from "./periods.ts";
import type { AlertsContent, PersonalContent } from "./personal.ts";
import { readAlertsContent, readEditionContent, readPersonalContent } from "./storedContent.ts";

const period = dailyPeriod("2026-06-16", 7);
const paper: DigestPaper = {
  id: "2606.01234",
  title: "A paper",
  authors: ["Ada Lovelace"],
  moreAuthors: 0,
  upvotes: 3,
  excerpt: "About two lines.",
  category: "cs.LG",
};
const alerts = [{ searchId: "s1", query: "diffusion", papers: [paper], more: 2 }];
const edition: EditionContent = { version: 1, period, topics: ["cs.LG"], top: [paper], trending: [] };
const personal: PersonalContent = {
  version: 1,
  period,
  topics: [],
  picks: [
    { ...paper, because: { id: "2605.00001", title: "Mine", source: "saved" } },
    { ...paper, because: null },
  ],
  alerts,
  trending: true,
};
const alertsOnly: AlertsContent = { version: 1, period, alerts };

const readers = [
  { name: "edition", read: readEditionContent, value: edition as object, what: "a digest edition" },
  {
    name: "personal digest",
    read: readPersonalContent,
    value: personal as object,
    what: "a personal digest",
  },
  { name: "alerts", read: readAlertsContent, value: alertsOnly as object, what: "saved-search alerts" },
];

const where = "outbox row 42";
const fails = (read: (raw: string, where: string) => unknown, raw: string, message: string) =>
  assert.throws(
    () => read(raw, where),
    (e) => e instanceof StoredPayloadError && e.message === message,
  );

for (const { name, read, value, what } of readers) {
  describe(`stored ${name}`, () => {
    it("reads back what was written", () => {
      assert.deepEqual(read(JSON.stringify(value), where), value);
    });

    it('reads a row of the first layout ("v": 1, no "version") as version 1', () => {
      const { version: _, ...old } = value as { version: number };
      const read1 = read(JSON.stringify({ v: 1, ...old }), where) as { version: number };
      assert.equal(read1.version, 1);
    });

    it("refuses a bad shape, naming the row and the field", () => {
      fails(
        read,
        JSON.stringify({ ...value, period: { ...period, frequency: "hourly" } }),
        `${where}: payload (version 1) is not ${what}: "period.frequency" is not a frequency`,
      );
      fails(
        read,
        JSON.stringify({ version: 1 }),
        `${where}: payload (version 1) is not ${what}: "period" is not an object`,
      );
    });

    it("refuses a version this release does not know", () => {
      fails(read, JSON.stringify({ ...value, version: 3 }), `${where}: payload version 3 not understood`);
    });
  });
}

describe("the papers inside", () => {
  it("are checked one by one", () => {
    fails(
      readEditionContent,
      JSON.stringify({ ...edition, trending: [paper, { ...paper, authors: "Ada" }] }),
      `${where}: payload (version 1) is not a digest edition: "trending[1].authors" is not a list of names`,
    );
    fails(
      readPersonalContent,
      JSON.stringify({
        ...personal,
        picks: [{ ...paper, because: { id: "x", title: "y", source: "liked" } }],
      }),
      `${where}: payload (version 1) is not a personal digest: "picks[0].because" is not a paper of the reader`,
    );
    fails(
      readAlertsContent,
      JSON.stringify({ ...alertsOnly, alerts: [{ ...alerts[0], more: -1 }] }),
      `${where}: payload (version 1) is not saved-search alerts: "alerts[0].more" is not a count`,
    );
  });
});
