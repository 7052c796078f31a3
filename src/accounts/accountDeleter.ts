// Deleting an account removes the personal data: the user row, sessions, tokens, votes (the
// counts drop with them), submissions records, collections. Comments stay, shown as written by
// "deleted user" (their user_id becomes NULL), so replies keep their context. Submitted papers
// stay on their day's list without the handle.
import { getUser } from "../store/users.ts";
import type { AccountDeps } from "./deps.ts";
import { verifyPassword } from "./passwords.ts";

export async function deleteAccount(deps: AccountDeps, userId: string, password: string): Promise<boolean> {
  const user = await getUser(deps.store.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, password))) return false;
  await deps.store.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("daily_entries")
      .set({ featured_by: null })
      .where("source", "=", "submitted")
      .where("featured_by", "=", user.handle)
      .execute();
    await trx.deleteFrom("users").where("id", "=", user.id).execute();
  });
  return true;
}
