// Errors a page handler throws to answer with an HTML error page of that status.

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** Short heading of the error page. */
    readonly title: string,
    /** What went wrong, in words the reader can act on (shown escaped). */
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, "That address is not valid", message);
}
