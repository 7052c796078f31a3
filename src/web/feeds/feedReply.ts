// What every feed route shares: the deps a feed handler gets, the split of "<name>.<format>", and
// the answer itself. Feeds are public, cacheable GETs: each answer has an ETag (a conditional GET
// gets 304) and a Cache-Control of a few minutes, which is what feed readers poll with. A failed
// feed request is answered with a line of text, not a web page: feed readers show no HTML.
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../app/context.ts";
import type { AppServices } from "../../app/services.ts";
import { listRange } from "../../lists/listing.ts";
import type { Paper } from "../../model/paper.ts";
import { paperPath } from "../../model/paperPath.ts";
import { encodingFor } from "../http/compression.ts";
import { encodedEtag, etagMatches } from "../http/etag.ts";
import { HttpError } from "../http/httpError.ts";
import { type FeedDocument, renderFeed } from "./feedBuilder.ts";
import { FEED_CONTENT_TYPES, FEED_FORMATS, type FeedFormat, type FeedKind, feedPath } from "./feedLinks.ts";

export const FEED_LIMITS = {
  daily: 200,
  trending: 50,
  category: 100,
  search: 50,
  collection: 100,
  author: 50,
} as const;

export interface FeedDeps {
  ctx: AppServices;
  /** Absolute URLs of one feed in every format. */
  urls: (feed: FeedKind) => Record<FeedFormat, string>;
  /** Answers a feed document in a format (or 304 when the reader has it). */
  send: (req: FastifyRequest, reply: FastifyReply, doc: FeedDocument, format: FeedFormat) => FastifyReply;
}

export function feedDeps(ctx: AppServices): FeedDeps {
  const base = ctx.config.baseUrl;
  const paperLinks = {
    page: (id: string) => `${base}${paperPath(id)}`,
    pdf: (id: string) => `https://arxiv.org/pdf/${id.split("/").map(encodeURIComponent).join("/")}`,
  };
  return {
    ctx,
    urls: (feed) =>
      Object.fromEntries(FEED_FORMATS.map((f) => [f, `${base}${feedPath(feed, f)}`])) as Record<
        FeedFormat,
        string
      >,
    send: (req, reply, doc, format) => {
      const body = renderFeed(doc, format, paperLinks);
      // One ETag per encoding the body will be sent in (see http/etag.ts).
      const hash = createHash("sha256").update(body).digest("base64url").slice(0, 27);
      const etag = encodedEtag(hash, encodingFor(req, body));
      reply.header("etag", etag).header("cache-control", "public, max-age=300");
      if (etagMatches(req, etag)) return reply.code(304).send();
      return reply.type(`${FEED_CONTENT_TYPES[format]}; charset=utf-8`).send(body);
    },
  };
}

export function splitFile(file: string): { name: string; format: FeedFormat } {
  const m = /^(.+)\.(rss|atom|json)$/.exec(file);
  if (!m) throw new HttpError("not-found", "Feeds end in .rss, .atom or .json");
  return { name: m[1], format: m[2] as FeedFormat };
}

/** Runs a feed handler; the HttpError it throws is answered as one line of text. */
export async function answerFeed(
  reply: FastifyReply,
  handle: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await handle();
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return reply.code(e.statusCode).type("text/plain; charset=utf-8").send(`${e.message}\n`);
  }
}

/** Papers listed between two days, for the daily feed. */
export async function rangePapers(
  ctx: AppContext,
  from: string,
  to: string,
  categories: string[],
  sort: "upvotes" | "publishedAt",
  limit: number,
): Promise<Paper[]> {
  const page = await listRange(ctx.store.db, { from, to, categories, sort, offset: 0, limit });
  return page.items.map((i) => i.paper);
}
