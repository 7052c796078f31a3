// Submitting a paper to today's list by arXiv id or URL. Rules (settings.ts): a confirmed
// address, papers whose first version is recent, a daily cap per user, and no paper twice (not
// if it is already on a list through a feature or submission, not if it is on today's list as a
// new announcement). The check and the insert run in one transaction, so two quick submissions
// cannot both slip under the cap.
import type { AccountDeps } from "../accounts/deps.ts";
import { normalizeArxivId } from "../model/arxivId.ts";
import { addDailyEntries } from "../store/dailyEntries.ts";
import type { User } from "../store/users.ts";
import type { PaperFetcher } from "./arxivFetcher.ts";
import { knownOrFetchedPaper } from "./paperLookup.ts";
import { policies } from "./policies.ts";

export type SubmitResult =
  | { ok: true; paperId: string; day: string }
  | {
      ok: false;
      reason: "not-allowed" | "bad-id" | "not-found" | "fetch-failed" | "too-old" | "cap" | "duplicate";
      message: string;
    };

export async function submitPaper(
  deps: AccountDeps & { fetchPaper: PaperFetcher },
  user: User | null,
  input: string,
): Promise<SubmitResult> {
  if (!policies.maySubmit(user))
    return {
      ok: false,
      reason: "not-allowed",
      message: "Confirm your email address before submitting papers.",
    };
  const id = normalizeArxivId(input.trim().slice(0, 300));
  if (!id)
    return {
      ok: false,
      reason: "bad-id",
      message: "That is not an arXiv id or arXiv URL (e.g. 2606.12345 or https://arxiv.org/abs/2606.12345).",
    };
  const { db } = deps.store;
  const now = deps.clock.now();
  const day = now.toISOString().slice(0, 10);
  const { submitMaxAgeDays, submitDailyCap } = deps.settings;

  // Cheap rules first: they need no network.
  const used = await submissionsOn(deps, user.id, day);
  if (used >= submitDailyCap) return capReached(submitDailyCap);

  const found = await knownOrFetchedPaper(deps, id);
  if (!found.ok) return found;
  const paper = found.paper;
  const first = paper.publishedAt ?? paper.versions[0]?.createdAt ?? null;
  const oldest = new Date(now.getTime() - submitMaxAgeDays * 86_400_000).toISOString();
  if (!first || first < oldest) {
    return {
      ok: false,
      reason: "too-old",
      message: `Only papers first posted in the last ${submitMaxAgeDays} days can be submitted.`,
    };
  }

  return db.transaction().execute(async (trx): Promise<SubmitResult> => {
    const count = await trx
      .selectFrom("submissions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", user.id)
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= submitDailyCap) return capReached(submitDailyCap);
    const listed = await trx
      .selectFrom("daily_entries")
      .select("day")
      .where("paper_id", "=", id)
      .executeTakeFirst();
    const announcedToday = await trx
      .selectFrom("papers")
      .select("id")
      .where("id", "=", id)
      .where("list_day", "=", day)
      .executeTakeFirst();
    if (listed || announcedToday) {
      return {
        ok: false,
        reason: "duplicate",
        message: `This paper is already on a list${listed ? ` (${listed.day})` : ""}.`,
      };
    }
    await trx
      .insertInto("submissions")
      .values({ user_id: user.id, paper_id: id, day, created_at: now.toISOString() })
      .execute();
    await addDailyEntries(trx, [{ day, paperId: id, source: "submitted", featuredBy: user.handle }], now);
    return { ok: true, paperId: id, day };
  });
}

async function submissionsOn(deps: AccountDeps, userId: string, day: string): Promise<number> {
  const r = await deps.store.db
    .selectFrom("submissions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("day", "=", day)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function capReached(cap: number): SubmitResult {
  return { ok: false, reason: "cap", message: `You can submit ${cap} papers a day; come back tomorrow.` };
}
