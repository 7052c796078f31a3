// Deleting an account removes the personal data: the user row, sessions, tokens, votes (the
// counts drop with them), submissions records, collections, the digest subscription of the
// account (linked to it or of its address; its queued mails go with it) and the saved searches,
// with the records of papers mailed to the reader (cascades from users). Comments stay, shown as written by
// "deleted user" (their user_id becomes NULL), so replies keep their context. Submitted papers
// stay on their day's list without the handle.
import { normalizeEmail } from "../mail/emailAddress.ts";
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
    const address = normalizeEmail(user.email);
    // Outbox rows of the subscription cascade with it: nothing more is mailed to the address.
    await trx
      .deleteFrom("subscribers")
      .where((eb) =>
        address.ok
          ? eb.or([eb("user_id", "=", user.id), eb("email_key", "=", address.key)])
          : eb("user_id", "=", user.id),
      )
      .execute();
    await trx.deleteFrom("users").where("id", "=", user.id).execute();
  });
  return true;
}
