// /dev/outbox: in development, with no SMTP server configured, the mails Papertide "sent" are
// .eml files under <data dir>/outbox; this page lists them and shows each one's source.
// Registered only when mail goes to the folder AND the server listens on a loopback address AND
// NODE_ENV is not production: the files hold live unsubscribe and confirmation links.
import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { renderToString } from "preact-render-to-string";
import { Layout, type Site } from "../web/views/Layout.tsx";
import { type FolderEntry, listFolderOutbox } from "./folderTransport.ts";
import type { MailSettings } from "./settings.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function devOutboxAllowed(
  mail: MailSettings,
  host: string,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return mail.transport === "folder" && LOOPBACK.has(host) && env.NODE_ENV !== "production";
}

function OutboxList({ site, dir, entries }: { site: Site; dir: string; entries: FolderEntry[] }) {
  return (
    <Layout meta={{ title: "Development outbox", path: "/dev/outbox", noindex: true }} site={site}>
      <div class="container">
        <h1>Development outbox</h1>
        <p class="muted">
          No SMTP server is configured (PAPERTIDE_SMTP_URL), so mails are written to {dir}. Newest first.
        </p>
        {entries.length === 0 ? (
          <p>No mails yet.</p>
        ) : (
          <table class="dev-outbox">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.file}>
                  <td>{e.date.replace("T", " ").slice(0, 19)}</td>
                  <td>{e.to}</td>
                  <td>
                    <a href={`/dev/outbox/${e.file}`}>{e.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}

export function registerDevOutboxRoutes(app: FastifyInstance, site: Site, mail: MailSettings): void {
  app.get("/dev/outbox", async (_req, reply) => {
    const entries = await listFolderOutbox(mail.outboxDir);
    reply.header("cache-control", "no-store");
    return reply
      .type("text/html; charset=utf-8")
      .send(
        `<!doctype html>${renderToString(<OutboxList site={site} dir={mail.outboxDir} entries={entries} />)}`,
      );
  });
  app.get<{ Params: { file: string } }>("/dev/outbox/:file", async (req, reply) => {
    // Only our own file names: no path traversal.
    if (!/^[0-9a-f]{24}\.eml$/.test(req.params.file)) return reply.callNotFound();
    try {
      const raw = await fs.readFile(path.join(mail.outboxDir, req.params.file));
      reply.header("cache-control", "no-store");
      // Shown as text: the mail's HTML never runs in the site's origin.
      return reply.type("text/plain; charset=utf-8").send(raw);
    } catch {
      return reply.callNotFound();
    }
  });
}
