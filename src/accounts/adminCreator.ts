// The first admin (and later role changes) come from the command line: nobody can make themselves
// an admin through the web.
import { normalizeEmail } from "../mail/emailAddress.ts";
import type { Clock } from "../model/clock.ts";
import type { Store } from "../store/db.ts";
import { findUserByEmail, insertUser, type Role, setRole } from "../store/users.ts";
import { handleProblem } from "./handles.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { newId } from "./secrets.ts";

export type AdminResult = { ok: true; handle: string } | { ok: false; message: string };

export async function createAdmin(
  store: Store,
  input: { email: string; password: string; handle?: string },
  clock: Clock,
): Promise<AdminResult> {
  const email = normalizeEmail(input.email);
  if (!email.ok) return { ok: false, message: `not a valid email address: ${email.reason}` };
  const problem = passwordProblem(input.password);
  if (problem) return { ok: false, message: `password rejected: ${problem}` };
  const handle =
    input.handle ??
    email.email
      .slice(0, email.email.indexOf("@"))
      .replace(/[^A-Za-z0-9_-]/g, "-")
      .slice(0, 30);
  // Reserved names (admin, ...) are refused for readers, but an operator may pick one on purpose.
  const handleIssue = handleProblem(handle);
  if (handleIssue && handleIssue !== "That name is reserved.")
    return { ok: false, message: `handle "${handle}": ${handleIssue}` };
  if (await findUserByEmail(store.db, email.email)) {
    return {
      ok: false,
      message: `${email.email} already has an account; use \`papertide admin role --email ${email.email} --role admin\``,
    };
  }
  const created = await insertUser(
    store.db,
    {
      id: newId(),
      email: email.email,
      handle,
      passwordHash: await hashPassword(input.password),
      role: "admin",
      verified: true,
    },
    clock.now().toISOString(),
  );
  return created
    ? { ok: true, handle }
    : { ok: false, message: `the handle "${handle}" is taken; choose one with --handle` };
}

export async function changeRole(
  store: Store,
  rawEmail: string,
  role: Role,
  clock: Clock,
): Promise<AdminResult> {
  const email = normalizeEmail(rawEmail);
  const user = email.ok ? await findUserByEmail(store.db, email.email) : null;
  if (!user) return { ok: false, message: `no account uses ${rawEmail}` };
  await setRole(store.db, user.id, role, clock.now().toISOString());
  return { ok: true, handle: user.handle };
}
