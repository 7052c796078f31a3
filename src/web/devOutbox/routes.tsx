// /dev/outbox: in development, with no SMTP server configured, the mails Papertide "sent" are
// .eml files under <data dir>/outbox; this page lists them, /dev/outbox/<id> shows one decoded
// (headers, text part, HTML part: MailView.tsx), /dev/outbox/<id>.eml its source and
// /dev/outbox/<id>/html its HTML part alone, for the sandboxed frame of the decoded page.
// The files hold live reset, confirmation and unsubscribe links, so the page is registered only
// when mail goes to the folder, the server listens on a loopback address and developer pages
// are enabled (config.devPages, src/config/devPages.ts: not in production, a loopback base URL by default), and
// it answers only a local developer; anyone else gets the site's 404.
import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { simpleParser } from "mailparser";
import type { Config } from "../../config/load.ts";
import { isLoopbackAddress } from "../../config/loopback.ts";
import type { MailSettings } from "../../config/mail.ts";
import { type FolderEntry, listFolderOutbox } from "../../mail/folderTransport.ts";
import { Layout, type Site } from "../components/Layout.tsx";
import { isLocalDeveloperRequest } from "../http/localDeveloper.ts";
import { sendPage } from "../http/render.ts";
import { MailView } from "./MailView.tsx";

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
                    <a href={`/dev/outbox/${e.file.replace(/\.eml$/, "")}`}>{e.subject}</a>
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
  /** The mail file of an id from a URL: only our own names (no path traversal). */
  const read = async (id: string): Promise<Buffer | null> => {
    if (!/^[0-9a-f]{24}$/.test(id)) return null;
    return fs.readFile(path.join(mail.outboxDir, `${id}.eml`)).catch(() => null);
  };
  app.get<{ Params: { file: string } }>("/dev/outbox/:file", async (req, reply) => {
    if (hidden(req, reply)) return reply;
    const source = req.params.file.endsWith(".eml");
    const raw = await read(source ? req.params.file.slice(0, -4) : req.params.file);
    if (!raw) return reply.callNotFound();
    reply.header("cache-control", "no-store");
    // The source as text: the mail's HTML never runs in the site's origin.
    if (source) return reply.type("text/plain; charset=utf-8").send(raw);
    return sendPage(reply, 200, <MailView site={site} id={req.params.file} mail={await simpleParser(raw)} />);
  });
  app.get<{ Params: { id: string } }>("/dev/outbox/:id/html", async (req, reply) => {
    if (hidden(req, reply)) return reply;
    const raw = await read(req.params.id);
    if (!raw) return reply.callNotFound();
    const parsed = await simpleParser(raw);
    if (!parsed.html) return reply.callNotFound();
    // Shown only inside the decoded page's sandboxed frame: a CSP of its own lets the mail's
    // inline styles and embedded images show and nothing else (no scripts, fetches or forms);
    // links open in the whole window.
    reply.header("cache-control", "no-store");
    reply.header(
      "content-security-policy",
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation",
    );
    return reply.type("text/html; charset=utf-8").send(`<!doctype html><base target="_top">${parsed.html}`);
  });
}
