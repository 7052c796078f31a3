// The one error a handler throws to fail a request: a status, a reason code and a sentence for the
// reader. Pages answer it with an HTML error page (errorPages.tsx), the API with its JSON body
// {error, parameter?, message} (api/errors.ts), feeds with a line of text. The status comes from
// one table of failure reasons, shared with the domain results' `reason` field, so the same
// failure has the same status wherever it shows.

/** Failure reasons and their HTTP status; a reason not listed is the client's mistake (400). */
export const REASON_STATUS: Readonly<Record<string, number>> = {
  "sign-in-required": 401,
  "not-allowed": 403,
  "not-found": 404,
  "unknown-paper": 404,
  "too-many": 409,
  expired: 410,
  "unsupported-media-type": 415,
  cap: 429,
  "rate-limited": 429,
  "internal-error": 500,
  // arXiv could not be reached or answered garbage: try again later.
  "fetch-failed": 503,
  busy: 503,
};

export function statusOf(reason: string): number {
  return REASON_STATUS[reason] ?? 400;
}

export interface HttpErrorDetails {
  /** Short heading of the error page (default: by status). */
  title?: string;
  /** The request parameter at fault (API answers name it). */
  parameter?: string;
  /** The page path the error page names as its own (default: the request's, redacted). */
  path?: string;
}

/** The API's error body: the reason in snake_case ("not-found" is "not_found"). */
export interface ApiErrorBody {
  error: string;
  parameter?: string;
  message: string;
}

export class HttpError extends Error {
  readonly statusCode: number;

  constructor(
    /** A failure reason (see REASON_STATUS), in kebab-case. */
    readonly reason: string,
    /** What went wrong, in words the reader can act on (shown escaped). */
    message: string,
    readonly details: HttpErrorDetails = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.statusCode = statusOf(reason);
  }

  get title(): string {
    return this.details.title ?? DEFAULT_TITLES[this.statusCode] ?? "The request could not be handled";
  }

  /** The JSON body an API client gets. */
  get body(): ApiErrorBody {
    const error = this.reason.replaceAll("-", "_");
    const { parameter } = this.details;
    return parameter === undefined
      ? { error, message: this.message }
      : { error, parameter, message: this.message };
  }
}

const DEFAULT_TITLES: Record<number, string> = {
  400: "That address is not valid",
  403: "Not allowed",
  404: "Page not found",
  429: "Too many requests",
  503: "Busy for a moment",
};

/** 400 for a malformed address or query parameter. */
export function badRequest(message: string): HttpError {
  return new HttpError("bad-request", message, { title: "That address is not valid" });
}
