// A followed author's new papers reach the reader's digest ("Picked for you"), named as the
// reason, once; readers who turned picks off get none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { dailyPeriod } from "../../src/digest/periods.ts";
import { PersonalBuilder } from "../../src/digest/personal.ts";
import { followAuthor } from "../../src/store/authors.ts";
import { getSubscriber, updateSubscriber } from "../../src/store/subscribers.ts";
import { type DigestTestContext, digestContext } from "../digest/support/fixtures.ts";
import { addActiveSubscribers, addUser, importPapers } from "../support/factories.ts";

let ctx: DigestTestContext;
const period = dailyPeriod("2026-06-16", 7);

before(async () => {
  ctx = await digestContext({ PAPERTIDE_CATEGORIES: "cs.LG" });
  await importPapers(ctx, [
    {
      id: "2606.40001",
      title: "By the followed author",
      day: period.to,
      categories: ["cs.LG"],
      authors: ["Grace Hopper"],
    },
    {
      id: "2606.40002",
      title: "By someone else",
      day: period.to,
      categories: ["cs.LG"],
      authors: ["Someone Else"],
    },
    {
      id: "2605.40003",
      title: "Older, by the followed author",
      day: "2026-05-01",
      categories: ["cs.LG"],
      authors: ["Grace Hopper"],
    },
  ]);
});
after(async () => {
  await ctx?.cleanup();
});

test("the period's papers of followed authors are picked first, with the author as the reason", async () => {
  const db = ctx.store.db;
  for (const [id, picks] of [
    ["fan", "with"],
    ["off", "off"],
  ] as const) {
    await addUser(db, { id, email: `${id}@example.org`, handle: id });
    const [sub] = await addActiveSubscribers(ctx, [`${id}@example.org`]);
    await updateSubscriber(db, sub, { user_id: id, picks });
    await followAuthor(db, id, "grace hopper", "Grace Hopper", new Date());
  }
  const builder = await PersonalBuilder.load(ctx.deps, period);
  const fanSub = await getSubscriber(
    db,
    (await db.selectFrom("subscribers").select("id").where("user_id", "=", "fan").executeTakeFirstOrThrow())
      .id,
  );
  const offSub = await getSubscriber(
    db,
    (await db.selectFrom("subscribers").select("id").where("user_id", "=", "off").executeTakeFirstOrThrow())
      .id,
  );
  assert.ok(fanSub && offSub);
  const [fan, off] = await builder.buildPage([
    { subscriber: fanSub, userCategories: [], searches: [], edition: null },
    { subscriber: offSub, userCategories: [], searches: [], edition: null },
  ]);
  assert.deepEqual(
    fan.digest?.picks.map((p) => [p.id, p.followedAuthor]),
    [["2606.40001", "Grace Hopper"]],
  );
  assert.deepEqual(fan.pickedIds, ["2606.40001"]);
  assert.equal(off.digest?.picks.length ?? 0, 0);
});
