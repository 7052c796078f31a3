// `papertide admin create --email X --password-stdin` and `papertide admin role`, run as the CLI.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { findUserByEmail } from "../../src/store/users.ts";
import { type TempStore, tempStore } from "../support/tempStore.ts";

const MAIN = path.resolve(import.meta.dirname, "../../src/cli/main.ts");
let store: TempStore;

before(async () => {
  store = await tempStore("papertide-admin-");
});
after(async () => {
  await store?.cleanup();
});

function cli(args: string[], input = "") {
  const r = spawnSync(process.execPath, ["--import", "tsx", MAIN, ...args], {
    input,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: store.url,
      PAPERTIDE_DATA_DIR: store.dir,
      PAPERTIDE_ADMIN_PASSWORD: "",
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("papertide admin", () => {
  it("creates a confirmed admin with the password from stdin, once", async () => {
    const r = cli(
      ["admin", "create", "--email", "Root@Example.org", "--handle", "operator", "--password-stdin"],
      "a long admin password\n",
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Created admin "operator"/);
    assert.ok(!r.out.includes("a long admin password"));
    const user = await findUserByEmail(store.db, "root@example.org");
    assert.equal(user?.role, "admin");
    assert.equal(user?.emailVerified, true);
    assert.match(user?.passwordHash ?? "", /^\$argon2id\$/);
    const again = cli(
      ["admin", "create", "--email", "root@example.org", "--password-stdin"],
      "a long admin password\n",
    );
    assert.equal(again.code, 1);
    assert.match(again.err, /already has an account/);
  });

  it("refuses weak passwords and bad usage, and changes roles", async () => {
    const weak = cli(["admin", "create", "--email", "x@example.org", "--password-stdin"], "short\n");
    assert.equal(weak.code, 1);
    assert.match(weak.err, /at least 10 characters/);
    assert.equal(cli(["admin", "create"]).code, 2);
    assert.equal(cli(["admin", "role", "--email", "root@example.org", "--role", "pope"]).code, 2);
    const role = cli(["admin", "role", "--email", "root@example.org", "--role", "moderator"]);
    assert.equal(role.code, 0, role.err);
    assert.equal((await findUserByEmail(store.db, "root@example.org"))?.role, "moderator");
  });
});
