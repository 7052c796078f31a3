// Changing an account's public name. The new name is checked like a sign-up's; the old one is kept
// for the account (src/store/handleHistory.ts), so /u/<old> keeps leading to the profile with a
// 301 and nobody else can take the name to pose as the account behind old links. An account holds
// at most FORMER_HANDLES_KEPT old names (the oldest is freed first); deleting the account frees all.
import { formerHandleOwner, recordHandleChange } from "../store/handleHistory.ts";
import { findUserByHandle, getUser, setHandle } from "../store/users.ts";
import type { AccountDeps } from "./deps.ts";
import { handleProblem } from "./handles.ts";

export const FORMER_HANDLES_KEPT = 5;

/** Is the name someone else's, current or former? (Handles are public: saying so reveals nothing.) */
export async function handleTaken(deps: AccountDeps, handle: string, userId?: string): Promise<boolean> {
  const current = await findUserByHandle(deps.store.db, handle);
  if (current && current.id !== userId) return true;
  const former = await formerHandleOwner(deps.store.db, handle);
  return former !== null && former !== userId;
}

export type HandleChangeResult = { ok: true; handle: string } | { ok: false; message: string };

export async function changeHandle(
  deps: AccountDeps,
  userId: string,
  rawHandle: string,
): Promise<HandleChangeResult> {
  const handle = rawHandle.trim();
  const problem = handleProblem(handle);
  if (problem) return { ok: false, message: problem };
  const user = await getUser(deps.store.db, userId);
  if (!user) return { ok: false, message: "Sign in again." };
  if (handle === user.handle) return { ok: false, message: "That is already your name." };
  if (await handleTaken(deps, handle, user.id)) return { ok: false, message: "That name is taken." };
  const now = deps.clock.now().toISOString();
  try {
    await deps.store.db.transaction().execute(async (trx) => {
      await setHandle(trx, user.id, handle, now);
      // A change of case only ("ada" to "Ada") is the same name: nothing to keep.
      if (handle.toLowerCase() !== user.handle.toLowerCase())
        await recordHandleChange(trx, {
          userId: user.id,
          oldHandle: user.handle,
          newHandle: handle,
          now,
          keep: FORMER_HANDLES_KEPT,
        });
      // Submissions on the daily lists name their submitter by handle.
      await trx
        .updateTable("daily_entries")
        .set({ featured_by: handle })
        .where("source", "=", "submitted")
        .where("featured_by", "=", user.handle)
        .execute();
    });
  } catch (e) {
    // The unique index on users.handle_key: taken between the check and the write.
    if (await handleTaken(deps, handle, user.id)) return { ok: false, message: "That name is taken." };
    throw e;
  }
  return { ok: true, handle };
}

/** The current name of the account that used `handle` before, for the redirect of /u/<old>. */
export async function currentHandleFor(deps: AccountDeps, handle: string): Promise<string | null> {
  const owner = await formerHandleOwner(deps.store.db, handle);
  if (!owner) return null;
  return (await getUser(deps.store.db, owner))?.handle ?? null;
}
