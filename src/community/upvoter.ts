// Upvote / remove an upvote. Setting (not toggling) the state makes a double click or a retried
// request harmless; the count comes from the same database the vote went to.
import type { AccountDeps } from "../accounts/deps.ts";
import type { User } from "../store/users.ts";
import { addVote, paperUpvotes, removeVote } from "../store/votes.ts";
import { policies } from "./policies.ts";

export type UpvoteResult =
  | { ok: true; upvoted: boolean; upvotes: number }
  | { ok: false; reason: "not-allowed" | "unknown-paper" };

export async function setUpvote(
  deps: AccountDeps,
  user: User | null,
  paperId: string,
  upvoted: boolean,
): Promise<UpvoteResult> {
  if (!policies.mayVote(user)) return { ok: false, reason: "not-allowed" };
  if ((await paperUpvotes(deps.store.db, paperId)) === null) return { ok: false, reason: "unknown-paper" };
  if (upvoted) await addVote(deps.store.db, user.id, paperId, deps.clock.now().toISOString());
  else await removeVote(deps.store.db, user.id, paperId);
  return { ok: true, upvoted, upvotes: (await paperUpvotes(deps.store.db, paperId)) ?? 0 };
}
