// Cold-start interests on the For-you page: the categories a reader follows (stored on the user,
// users.categories) and example papers (interest_papers). Both only shape the reader's own page.
import type { AccountDeps } from "../../accounts/deps.ts";
import { addInterestPaper, removeInterestPaper } from "../../store/interests.ts";
import { getPaper } from "../../store/papers.ts";
import { setUserCategories, type User } from "../../store/users.ts";

export const MAX_CATEGORIES = 20;
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

export type InterestResult = { ok: true } | { ok: false; message: string };

/** "cs.CL, cs.LG" or several form values -> stored categories (validated, unique). */
export async function setCategories(deps: AccountDeps, user: User, raw: string[]): Promise<InterestResult> {
  const cats = [...new Set(raw.flatMap((r) => r.split(/[\s,]+/)).filter(Boolean))];
  if (cats.length > MAX_CATEGORIES) return { ok: false, message: `At most ${MAX_CATEGORIES} categories.` };
  const bad = cats.find((c) => c.length > 30 || !CATEGORY.test(c));
  if (bad !== undefined) return { ok: false, message: "Categories look like cs.CL or math.AG." };
  await setUserCategories(deps.store.db, user.id, cats, deps.clock.now().toISOString());
  return { ok: true };
}

export async function setExamplePaper(
  deps: AccountDeps,
  user: User,
  paperId: string,
  wanted: boolean,
): Promise<InterestResult> {
  if (!wanted) {
    await removeInterestPaper(deps.store.db, user.id, paperId);
    return { ok: true };
  }
  if (!(await getPaper(deps.store.db, paperId))) return { ok: false, message: "There is no such paper." };
  await addInterestPaper(deps.store.db, user.id, paperId, deps.clock.now().toISOString());
  return { ok: true };
}
