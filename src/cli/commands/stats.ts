// papertide stats: what the database holds.
import { sql } from "kysely";
import { loadConfig } from "../../config/load.ts";
import { latestDay } from "../../lists/listing.ts";
import { systemClock } from "../../model/clock.ts";
import { openStore } from "../../store/db.ts";
import { countPapers } from "../../store/papers.ts";
import { lastSyncStatus } from "../../store/syncRuns.ts";
import { formatSyncStatus } from "../../worker/syncStatusText.ts";
import { type Command, parseCommandArgs } from "../command.ts";
import { forTerminal } from "../terminalText.ts";

export const statsCommand: Command = {
  name: "stats",
  summary: "Show what the database holds",
  help: `Usage: papertide stats [--json]

Prints the number of papers, featured entries, the date range and the top categories, and for
each scheduled source (arxiv, daily-papers) its last successful fetch, its last error and the
lag (time since the last success).`,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { json: { type: "boolean" } }, false);
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    try {
      const { db } = store;
      const papers = await countPapers(db);
      const featured = Number(
        (await db.selectFrom("daily_entries").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow())
          .n,
      );
      const range = await db
        .selectFrom("papers")
        .select([sql<string | null>`min(list_day)`.as("first"), sql<string | null>`max(list_day)`.as("last")])
        .executeTakeFirstOrThrow();
      const categories = await db
        .selectFrom("paper_categories")
        .select(["category", sql<number>`count(*)`.as("n")])
        .groupBy("category")
        .orderBy("n", "desc")
        .limit(10)
        .execute();
      const stats = {
        papers,
        featuredEntries: featured,
        firstDay: range.first,
        lastDay: range.last,
        latestListDay: await latestDay(db, config.categories),
        followedCategories: config.categories.length ? config.categories : ["*"],
        topCategories: categories.map((c) => ({ category: c.category, papers: Number(c.n) })),
        sync: await lastSyncStatus(db, systemClock.now()),
      };
      if (values.json) {
        console.log(JSON.stringify(stats, null, 2));
      } else {
        console.log(`papers            ${stats.papers}`);
        console.log(`featured entries  ${stats.featuredEntries}`);
        console.log(`days              ${stats.firstDay ?? "-"} .. ${stats.lastDay ?? "-"}`);
        console.log(`latest list day   ${stats.latestListDay ?? "-"}`);
        console.log(`followed          ${stats.followedCategories.join(", ")}`);
        console.log(
          `top categories    ${stats.topCategories.map((c) => `${c.category} ${c.papers}`).join(", ")}`,
        );
        if (stats.sync.length === 0) console.log("sync              never run");
        for (const s of stats.sync) console.log(forTerminal(formatSyncStatus(s)));
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
