// "Not interested" on a For-you card: the paper leaves the reader's For-you page and their digest
// picks, and counts against their ranking direction (userModel.ts). Undone by the same form.
import type { AccountDeps } from "../../accounts/deps.ts";
import { getPaper } from "../../store/papers.ts";
import { addPaperMark, removePaperMark } from "../../store/readerPaperMarks.ts";
import type { User } from "../../store/users.ts";
import type { InterestResult } from "./interests.ts";

export async function setNotInterested(
  deps: AccountDeps,
  user: User,
  paperId: string,
  dismissed: boolean,
): Promise<InterestResult> {
  if (!dismissed) {
    await removePaperMark(deps.store.db, "dismissed_papers", user.id, paperId);
    return { ok: true };
  }
  if (!(await getPaper(deps.store.db, paperId))) return { ok: false, message: "There is no such paper." };
  await addPaperMark(deps.store.db, "dismissed_papers", user.id, paperId, deps.clock.now().toISOString());
  return { ok: true };
}
