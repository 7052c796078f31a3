// papertide admin create|role: account administration from the command line.
import { CliError, type Command, EXIT, parseCommandArgs, UsageError } from "../cli/command.ts";
import { loadConfig } from "../config/load.ts";
import { systemClock } from "../model/clock.ts";
import { openStore } from "../store/db.ts";
import type { Role } from "../store/users.ts";
import { changeRole, createAdmin } from "./adminCreator.ts";

const HELP = `Usage: papertide admin create --email X [--handle H] [--password-stdin]
       papertide admin role --email X --role reader|moderator|admin

create   creates an admin account (email already confirmed). The password is read from the first
         line of standard input with --password-stdin, else from PAPERTIDE_ADMIN_PASSWORD; it is
         never taken from the command line, where other users could see it.
role     changes the role of an existing account.`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

export const adminCommand: Command = {
  name: "admin",
  summary: "Create the first admin account, change roles",
  help: HELP,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(argv, {
      email: { type: "string" },
      handle: { type: "string" },
      role: { type: "string" },
      "password-stdin": { type: "boolean" },
    });
    const [sub] = positionals;
    if (sub !== "create" && sub !== "role") throw new UsageError('expected "create" or "role"');
    if (!values.email) throw new UsageError("--email is required");
    const config = loadConfig();
    const store = await openStore(config.databaseUrl);
    try {
      if (sub === "create") {
        const password = values["password-stdin"]
          ? await readStdinLine()
          : (config.accounts.adminPassword ?? "");
        if (!password) throw new UsageError("give the password on standard input with --password-stdin");
        const r = await createAdmin(
          store,
          { email: values.email, password, handle: values.handle },
          systemClock,
        );
        if (!r.ok) throw new CliError(r.message);
        console.log(`Created admin "${r.handle}" (${values.email}).`);
        return EXIT.ok;
      }
      const role = values.role as Role;
      if (!["reader", "moderator", "admin"].includes(role))
        throw new UsageError("--role must be reader, moderator or admin");
      const r = await changeRole(store, values.email, role, systemClock);
      if (!r.ok) throw new CliError(r.message);
      console.log(`${r.handle} is now ${role}.`);
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
