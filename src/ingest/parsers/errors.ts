// A whole document that cannot be used: not XML at all, the wrong kind of document, an HTML
// error page served with status 200, or an error reported by the source itself. Problems with
// one record inside a usable document are not thrown: parsers return them as
// `{ kind: "rejected" }` records so the rest of the document still imports.

export class FeedParseError extends Error {
  override name = "FeedParseError";

  /**
   * @param source names the document (a file path or URL), so the message says which one failed
   * @param reason what is wrong with it, without the source
   */
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {
    super(`${source}: ${reason}`);
  }
}

/** A file past an import limit as a whole (a gzip bomb, a document too large to read). */
export class InputLimitError extends FeedParseError {
  override name = "InputLimitError";
}
