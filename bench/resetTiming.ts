// npm run bench:reset-timing — does POST /forgot-password take longer for an address that has an
// account than for one that does not? (A difference tells an attacker which addresses exist.)
// Prints the median answer time of each over BENCH_RUNS requests (default 60, interleaved, each to
// a different address so the per-address mail limit never answers instead) and their ratio; near
// 1.0 means the answer does not depend on the address. The reset work itself (lookup, link, mail
// to the dev outbox, as without SMTP) runs after the answer; the bench lets it finish between
// requests so it is not counted against the next one. The server runs in a child process.
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../src/config/load.ts";
import { openStore } from "../src/store/db.ts";
import { insertUser } from "../src/store/users.ts";
import { buildServer } from "../src/web/server.ts";
import { machineLine, median } from "./support/measure.ts";

const runs = Number(process.env.BENCH_RUNS ?? 60);
// A fixed argon2id hash (of "correct horse battery"): users straight in the database.
const HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$dGVzdHNhbHR0ZXN0c2FsdA$nUcchegY7wpkLrjGIVvkgl+Kq81EJX5weg0izqbiIWw";

const here = path.dirname(new URL(import.meta.url).pathname);

/** The server, in its own process (as for a remote asker, the client never shares its event loop). */
async function serve(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-reset-"));
  // Per-IP limits would turn this into a 429 benchmark: measure the handler.
  process.env.PAPERTIDE_AUTH_RATE_LIMIT = "1000000";
  const config = loadConfig({
    ...process.env,
    PAPERTIDE_DATA_DIR: dir,
    DATABASE_URL: undefined,
    PAPERTIDE_SMTP_URL: undefined,
    PAPERTIDE_LOG_LEVEL: "warn",
  });
  const store = await openStore(`sqlite:${path.join(dir, "bench.db")}`);
  const now = new Date().toISOString();
  for (let i = 0; i < runs + 5; i++) {
    await insertUser(
      store.db,
      {
        id: `u${i}`,
        email: `known${i}@example.org`,
        handle: `known${i}`,
        passwordHash: HASH,
        verified: true,
      },
      now,
    );
  }
  const app = await buildServer({ config, store }, { logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  process.send?.(typeof address === "object" && address ? address.port : 0);
  process.once("disconnect", async () => {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

if (process.env.BENCH_RESET_SERVER) {
  await serve();
} else {
  await client();
}

async function client(): Promise<void> {
  const server = fork(path.join(here, "resetTiming.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_RESET_SERVER: "1" },
    stdio: "inherit",
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("message", (m) => resolve(Number(m)));
    server.once("exit", (code) => reject(new Error(`bench server exited early (code ${code})`)));
  });
  const base = `http://127.0.0.1:${port}`;

  // One browser: its CSRF cookie and the form's token.
  const page = await fetch(`${base}/forgot-password`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";

  async function ask(email: string): Promise<number> {
    const started = process.hrtime.bigint();
    const res = await fetch(`${base}/forgot-password`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token, email }).toString(),
    });
    await res.arrayBuffer();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (res.status !== 200) throw new Error(`POST /forgot-password for ${email}: ${res.status}`);
    // Let the queued reset work finish before the next request.
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_PAUSE_MS ?? 30)));
    return ms;
  }

  // Warm-up (JIT, SQLite page cache), not counted.
  for (let i = 0; i < 5; i++) {
    await ask(`known${runs + i}@example.org`);
    await ask(`warmup${i}@example.net`);
  }
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < runs; i++) {
    known.push(await ask(`known${i}@example.org`));
    unknown.push(await ask(`nobody${i}@example.net`));
  }
  server.disconnect();

  const k = median(known);
  const u = median(unknown);
  console.log(machineLine());
  console.log(`POST /forgot-password, ${runs} requests each, medians:`);
  console.log(`  address with an account:    ${k.toFixed(2)} ms`);
  console.log(`  address without an account: ${u.toFixed(2)} ms`);
  console.log(`  ratio known/unknown:        ${(k / u).toFixed(2)}`);
}
