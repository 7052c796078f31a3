// Development delivery: with no SMTP server configured, each mail becomes an .eml file in
// <data dir>/outbox (open it in any mail client) plus a small .json index entry that the
// /dev/outbox page lists. The file name comes from the Message-ID, so sending the same mail twice
// rewrites one file instead of adding a second.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import type { MailSettings } from "../config/mail.ts";
import type { Clock } from "../model/clock.ts";
import { toNodemailer } from "./compose.ts";
import type { MailMessage, MailTransport, SendResult } from "./message.ts";
import { MailSendError } from "./sendErrors.ts";

export interface FolderEntry {
  file: string;
  messageId: string;
  to: string;
  subject: string;
  date: string;
}

export function emlFileName(messageId: string): string {
  return `${createHash("sha256").update(messageId).digest("hex").slice(0, 24)}.eml`;
}

/** `clock` dates messages that carry no date. */
export function createFolderTransport(settings: MailSettings, clock: Clock): MailTransport {
  const dir = settings.outboxDir;
  return {
    kind: "folder",
    async send(message: MailMessage): Promise<SendResult> {
      const date = message.date ?? clock.now();
      try {
        const raw = await new MailComposer(toNodemailer(message, settings, date)).compile().build();
        await fs.mkdir(dir, { recursive: true });
        const file = emlFileName(message.messageId);
        const entry: FolderEntry = {
          file,
          messageId: message.messageId,
          to: message.to,
          subject: message.subject,
          date: date.toISOString(),
        };
        // Write-then-rename: the page never lists half a file, a crash never leaves one.
        await writeAtomic(path.join(dir, file), raw);
        await writeAtomic(path.join(dir, file.replace(/\.eml$/, ".json")), JSON.stringify(entry));
        return { messageId: message.messageId, response: `written ${file}` };
      } catch (e) {
        throw new MailSendError("transient", `could not write to ${dir}: ${(e as Error).message}`);
      }
    },
    async close() {},
  };
}

async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data, { mode: 0o600 });
  await fs.rename(tmp, file);
}

/** Newest first. */
export async function listFolderOutbox(dir: string, limit = 200): Promise<FolderEntry[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const entries: FolderEntry[] = [];
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    try {
      entries.push(JSON.parse(await fs.readFile(path.join(dir, name), "utf8")) as FolderEntry);
    } catch {
      // a file being replaced right now: skip it this time
    }
  }
  entries.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return entries.slice(0, limit);
}
