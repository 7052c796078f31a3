// A Papertide server as `papertide serve` builds it (test/support/server.ts), on a temporary
// database, with mail going to an in-process SMTP server; and a tiny browser (cookie jar, CSRF tokens from forms) to drive it.
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import type { Clock } from "../../../src/model/clock.ts";
import type { PaperInput } from "../../../src/model/paper.ts";
import type { Role } from "../../../src/store/users.ts";
import type { ServerOptions } from "../../../src/web/server.ts";
import { addUser } from "../../support/factories.ts";
import { startTestServer, type TestServer } from "../../support/server.ts";
import { type SmtpSink, startSmtpSink } from "../../support/smtpSink.ts";
import { type TempStore, tempStore } from "../../support/tempStore.ts";

export interface Harness {
  app: FastifyInstance;
  store: TempStore;
  inbox: SmtpSink;
  base: string;
  /** Everything the Fastify logger wrote. */
  logs: () => string;
  browser(): Browser;
  /** A user straight in the database (see addUser: no argon2 cost) with a signed-in browser. */
  userWithBrowser(opts?: {
    handle?: string;
    role?: Role;
    verified?: boolean;
  }): Promise<{ id: string; handle: string; browser: Browser }>;
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    env?: Record<string, string>;
    papers?: PaperInput[];
    demo?: boolean;
    /** Sees every route as the server adds it (tests that walk all routes). */
    onRoute?: ServerOptions["onRoute"];
    /** The server's clock (tests that move time); the system clock by default. */
    clock?: Clock;
  } = {},
): Promise<Harness> {
  const store = await tempStore("papertide-accounts-");
  const inbox = await startSmtpSink();
  let server: TestServer;
  try {
    server = await startTestServer({
      store,
      env: {
        PAPERTIDE_BASE_URL: "http://papertide.test",
        PAPERTIDE_LOG_LEVEL: "info",
        PAPERTIDE_SMTP_URL: inbox.url,
        // As behind a reverse proxy on this host: tests give each client its own X-Forwarded-For
        // address (rate limits are per client) and X-Forwarded-Proto (https requests).
        PAPERTIDE_TRUST_PROXY: "127.0.0.1",
        ...opts.env,
      },
      demo: opts.demo,
      papers: opts.papers,
      onRoute: opts.onRoute,
      clock: opts.clock,
      log: "capture",
    });
  } catch (e) {
    await inbox.close();
    await store.cleanup();
    throw e;
  }
  const { app, base } = server;
  return {
    app,
    store,
    inbox,
    base,
    logs: server.logs,
    browser: () => new Browser(base),
    async userWithBrowser(o = {}) {
      const user = await addUser(store.db, { ...o, signIn: app.accountDeps });
      const browser = new Browser(base);
      browser.cookies.set("papertide_session", user.session ?? "");
      return { id: user.id, handle: user.handle, browser };
    },
    async close() {
      await server.close();
      await inbox.close();
      await store.cleanup();
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
}

/** Keeps cookies like a browser (per name; no domains or paths needed on one test host). */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) ||
        attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    path: string,
    init: { form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: "manual" });
    this.remember(res);
    return {
      status: res.status,
      headers: res.headers,
      text: await res.text(),
      location: res.headers.get("location"),
    };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request("GET", path, { headers });
  }

  /** POSTs a form with the CSRF token of the page at `from` (read from its hidden _csrf field). */
  async submit(
    from: string,
    action: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Answer> {
    const token = await this.csrfFrom(from);
    return this.request("POST", action, { form: { _csrf: token, ...form }, headers });
  }

  async csrfFrom(path: string): Promise<string> {
    const page = await this.get(path);
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text);
    assert.ok(m, `a CSRF field on ${path} (status ${page.status})`);
    return m[1];
  }
}

/** The first link in a mail's text that starts with the base URL and path. */
export function linkIn(text: string | undefined, pathPrefix: string): string {
  const m = new RegExp(`http://papertide\\.test(${pathPrefix.replace(/[/?]/g, "\\$&")}[^\\s]*)`).exec(
    text ?? "",
  );
  assert.ok(m, `a ${pathPrefix} link in the mail`);
  return m[1];
}
