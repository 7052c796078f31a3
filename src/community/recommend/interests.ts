// Cold-start interests on the For-you page: the categories a reader follows (stored on the user,
// users.categories) and example papers (interest_papers). Both only shape the reader's own page.
import type { AccountDeps } from "../../accounts/deps.ts";
import { parseTopics } from "../../digest/topics.ts";
import { getPaper } from "../../store/papers.ts";
import { addPaperMark, removePaperMark } from "../../store/readerPaperMarks.ts";
import { setUserCategories, type User } from "../../store/users.ts";

export type InterestResult = { ok: true } | { ok: false; message: string };

/**
 * The categories picked on the form (checkbox values, or "cs.CL, cs.LG") -> stored categories,
 * checked as digest topics are: well-formed, at most MAX_TOPICS, and listed by this instance.
 */
export async function setCategories(deps: AccountDeps, user: User, raw: unknown): Promise<InterestResult> {
  const cats = parseTopics(raw, deps.config);
  if (!cats.ok) return cats;
  await setUserCategories(deps.store.db, user.id, cats.value, deps.clock.now().toISOString());
  return { ok: true };
}

export async function setExamplePaper(
  deps: AccountDeps,
  user: User,
  paperId: string,
  wanted: boolean,
): Promise<InterestResult> {
  if (!wanted) {
    await removePaperMark(deps.store.db, "interest_papers", user.id, paperId);
    return { ok: true };
  }
  if (!(await getPaper(deps.store.db, paperId))) return { ok: false, message: "There is no such paper." };
  await addPaperMark(deps.store.db, "interest_papers", user.id, paperId, deps.clock.now().toISOString());
  return { ok: true };
}
