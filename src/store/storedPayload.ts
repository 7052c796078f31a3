// JSON that Papertide stores and reads back later (outbox payloads, digest editions) carries the
// `version` of its layout. A reader checks the version and the shape before trusting the value,
// so a row written by a newer release, or damaged by hand, fails with an error naming the row
// instead of a TypeError deep inside a renderer. Rows written before payloads carried a version
// are read as version 1 when their shape matches.

/** A stored payload that cannot be read: its row will never render, however often it is retried. */
export class StoredPayloadError extends Error {
  override name = "StoredPayloadError";
}

export interface StoredPayload {
  version: number;
  body: Record<string, unknown>;
}

/** Parses `raw` as a versioned JSON object; `where` names the row in errors ("outbox row 42"). */
export function readStoredPayload(raw: string, where: string): StoredPayload {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new StoredPayloadError(`${where}: payload is not JSON`);
  }
  if (!isRecord(body)) throw new StoredPayloadError(`${where}: payload is not a JSON object`);
  const version = "version" in body ? body.version : 1;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1)
    throw unknownVersion(where, version);
  return { version, body };
}

export function unknownVersion(where: string, version: unknown): StoredPayloadError {
  return new StoredPayloadError(`${where}: payload version ${JSON.stringify(version)} not understood`);
}

/** `what` says which payload was expected and, when known, which field is wrong. */
export function badShape(where: string, version: number, what: string): StoredPayloadError {
  return new StoredPayloadError(`${where}: payload (version ${version}) is not ${what}`);
}

/** A JSON list of text kept in a column (topics, categories); `where` names the row and column. */
export function readStringList(raw: string, where: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new StoredPayloadError(`${where} is not JSON`);
  }
  if (!isStringArray(value)) throw new StoredPayloadError(`${where} is not a list of text`);
  return value;
}

// Small guards the payload validators are built from.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

export function isStringRecord(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((s) => typeof s === "string");
}

export function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}
