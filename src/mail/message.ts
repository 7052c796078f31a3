// What the rest of Papertide hands to the mail layer: one message to one recipient, already
// rendered. The transports (SMTP pool, or a folder of .eml files in development) turn it into MIME.

export interface MailMessage {
  /** One recipient address. */
  to: string;
  subject: string;
  /** The plain-text part (always present: some readers and filters only look at it). */
  text: string;
  /** The HTML part, if any. */
  html?: string;
  /**
   * "<...@domain>". Callers derive it from what the mail is (e.g. subscriber + period), so a
   * mail sent twice after a crash carries the same Message-ID and can be recognised as one.
   */
  messageId: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
  /** Date header; defaults to the time of sending. */
  date?: Date;
}

export interface SendResult {
  messageId: string;
  /** The server's final reply ("250 OK ...") or where the file was written. */
  response: string;
}

/** Anything that can deliver a MailMessage. */
export interface MailTransport {
  readonly kind: "smtp" | "folder";
  /** Resolves once the message is accepted; throws MailSendError otherwise. */
  send(message: MailMessage): Promise<SendResult>;
  close(): Promise<void>;
}
