// A real SMTP server in the test process (smtp-server), recording what it accepts, parsed by
// mailparser. The one mail server of the tests: account mails, digests and the sender's retries
// all go through it. Knobs: require a password, refuse the first messages for now (451), reject
// some recipients with a given code, delay or hold replies.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

export interface SinkMessage {
  raw: Buffer;
  parsed: ParsedMail;
  rcptTo: string[];
  messageId: string;
}

export interface SinkOptions {
  port?: number;
  /** Return an SMTP code and text to reject a recipient (e.g. 550 or 451), or null to accept. */
  rejectRcpt?: (address: string) => { code: number; message: string } | null;
  /** Called when a message's data has arrived, before the server answers; resolve to answer 250. */
  beforeAccept?: (count: number) => Promise<void> | void;
  /** Require this user/password. */
  auth?: { user: string; pass: string };
  /** Answer the first this many messages "451 Try again later", so they arrive by a retry. */
  refuseFirst?: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  messages: SinkMessage[];
  /** The parsed mails in arrival order (the same messages, as mailparser gives them). */
  readonly mails: ParsedMail[];
  /** Message-IDs in arrival order, including each duplicate. */
  ids(): string[];
  /** Waits until `count` messages have arrived in total; resolves to every parsed mail so far. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(opts: SinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  let received = 0;
  const closed = new Set<string>();
  const options: SMTPServerOptions = {
    secure: false,
    disabledCommands: opts.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !opts.auth,
    allowInsecureAuth: true,
    logger: false,
    size: 10 * 1024 * 1024,
    // close() waits this long for clients (pooled, idle connections) before cutting them.
    closeTimeout: 200,
    onAuth(auth, _session, cb) {
      if (opts.auth && auth.username === opts.auth.user && auth.password === opts.auth.pass)
        return cb(null, { user: auth.username });
      const err = new Error("Authentication failed") as Error & { responseCode: number };
      err.responseCode = 535;
      cb(err);
    },
    onClose(session) {
      closed.add(session.id);
    },
    onRcptTo(address, _session, cb) {
      const r = opts.rejectRcpt?.(address.address);
      if (!r) return cb();
      const err = new Error(r.message) as Error & { responseCode: number };
      err.responseCode = r.code;
      cb(err);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        received++;
        if (received <= (opts.refuseFirst ?? 0))
          return cb(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        try {
          await opts.beforeAccept?.(received);
        } catch (e) {
          return cb(e as Error);
        }
        // Only a message we answer 250 on a live connection counts as accepted; if the client is
        // gone by now (killed), the 250 goes nowhere and the client must send the message again.
        if (closed.has(session.id)) return cb(new Error("client went away"));
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        messages.push({
          raw,
          parsed,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          messageId: parsed.messageId ?? "",
        });
        cb();
      });
    },
  };
  const server = new SMTPServer(options);
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const cred = opts.auth
    ? `${encodeURIComponent(opts.auth.user)}:${encodeURIComponent(opts.auth.pass)}@`
    : "";
  return {
    port,
    url: `smtp://${cred}127.0.0.1:${port}`,
    messages,
    get mails() {
      return messages.map((m) => m.parsed);
    },
    ids: () => messages.map((m) => m.messageId),
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`SMTP sink: ${messages.length} of ${count} messages after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages.map((m) => m.parsed);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
