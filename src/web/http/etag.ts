// Entity tags of bodies sent in several encodings. Each encoding is its own representation, so it
// gets its own tag ("<hash>-br"): a cache that revalidates a gzipped copy must not be told that a
// plain one is current. Conditional GETs compare weakly (a W/ prefix is ignored), as RFC 9110 says.
import type { FastifyRequest } from "fastify";
import type { Encoding } from "./compression.ts";

/** `"<tag>"` for the plain body, `"<tag>-<encoding>"` for an encoded one. */
export function encodedEtag(tag: string, encoding: Encoding | null): string {
  return encoding ? `"${tag}-${encoding}"` : `"${tag}"`;
}

/** Whether the request's If-None-Match names this ETag (or is `*`): the answer is then a 304. */
export function etagMatches(req: FastifyRequest, etag: string): boolean {
  const header = req.headers["if-none-match"];
  if (typeof header !== "string") return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
