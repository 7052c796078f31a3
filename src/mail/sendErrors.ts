// Why a send failed decides what happens next:
//   transient  4xx replies, timeouts, refused or dropped connections: retry with backoff
//   permanent  5xx to RCPT TO / DATA: this address or this message will never be accepted:
//              give up, and count a hard failure against the address
//   config     5xx or failures before any recipient was named (AUTH, MAIL FROM, TLS): our own
//              set-up is wrong. Retried with backoff like transient errors but never blamed on
//              a subscriber, so a bad SMTP password cannot mark the whole list as bouncing.

export type SendFailureKind = "transient" | "permanent" | "config";

export class MailSendError extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly code: string | null = null,
    readonly responseCode: number | null = null,
  ) {
    super(message);
    this.name = "MailSendError";
  }
}

interface NodemailerLikeError {
  message?: string;
  code?: string;
  command?: string;
  responseCode?: number;
  permanent?: boolean;
  rejectedErrors?: NodemailerLikeError[];
}

const CONFIG_CODES = new Set(["EAUTH", "ENOAUTH", "EOAUTH2", "ETLS", "EREQUIRETLS", "ECONFIG"]);

export function classifySendError(e: unknown): MailSendError {
  if (e instanceof MailSendError) return e;
  const err = (e ?? {}) as NodemailerLikeError;
  // A single rejected recipient is reported as EENVELOPE with the per-recipient error inside.
  const inner = err.rejectedErrors?.[0];
  const code = err.code ?? null;
  const responseCode = err.responseCode ?? inner?.responseCode ?? null;
  const command = (err.command ?? inner?.command ?? "").toUpperCase();
  const message = oneLine(err.message ?? String(e));
  if (code && CONFIG_CODES.has(code)) return new MailSendError("config", message, code, responseCode);
  if (responseCode !== null && responseCode >= 500 && responseCode !== 503) {
    const aboutRecipient =
      command.startsWith("RCPT") || command === "DATA" || code === "EENVELOPE" || code === "EMESSAGE";
    const aboutSender =
      command.startsWith("MAIL") ||
      command.startsWith("AUTH") ||
      command.startsWith("EHLO") ||
      command.startsWith("HELO");
    return new MailSendError(
      aboutRecipient && !aboutSender ? "permanent" : "config",
      message,
      code,
      responseCode,
    );
  }
  return new MailSendError("transient", message, code, responseCode);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim().slice(0, 500);
}
