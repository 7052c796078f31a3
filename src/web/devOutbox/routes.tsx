// /dev/outbox: in development, with no SMTP server configured, the mails Papertide "sent" are
// .eml files under <data dir>/outbox; this page lists them and shows each one's source.
// The files hold live reset, confirmation and unsubscribe links, so the page is registered only
// when mail goes to the folder, the server listens on a loopback address and developer pages
// are enabled (config.devPages, src/config/devPages.ts: not in production, a loopback base URL by default), and
// it answers only a local developer; anyone else gets the site's 404.
import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config/load.ts";
import { isLoopbackAddress } from "../../config/loopback.ts";
import type { MailSettings } from "../../config/mail.ts";
import { type FolderEntry, listFolderOutbox } from "../../mail/folderTransport.ts";
import { Layout, type Site } from "../components/Layout.tsx";
import { isLocalDeveloperRequest } from "../http/localDeveloper.ts";
import { sendPage } from "../http/render.ts";

export function devOutboxAllowed(config: Pick<Config, "host" | "mail" | "devPages">): boolean {
  return (
    config.mail.transport === "folder" &&
    (config.host === "localhost" || isLoopbackAddress(config.host)) &&
    config.devPages.enabled
  );
}

function OutboxList({ site, entries }: { site: Site; entries: FolderEntry[] }) {
  return (
    <Layout meta={{ title: "Development outbox", path: "/dev/outbox", noindex: true }} site={site}>
      <div class="container">
        <h1>Development outbox</h1>
        <p class="muted">
          No SMTP server is configured (PAPERTIDE_SMTP_URL), so mails are written to the outbox folder of the
          data directory. Newest first.
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
  /** Not a local developer: answered as if the page did not exist. */
  const hidden = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (isLocalDeveloperRequest(req)) return false;
    reply.callNotFound();
    return true;
  };
  app.get("/dev/outbox", async (req, reply) => {
    if (hidden(req, reply)) return reply;
    const entries = await listFolderOutbox(mail.outboxDir);
    reply.header("cache-control", "no-store");
    return sendPage(reply, 200, <OutboxList site={site} entries={entries} />);
  });
  app.get<{ Params: { file: string } }>("/dev/outbox/:file", async (req, reply) => {
    if (hidden(req, reply)) return reply;
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
