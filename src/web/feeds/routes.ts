// Feed routes (see feedLinks.ts for the URLs). Feeds are public, cacheable GETs: each answer has
// an ETag (a conditional GET gets 304) and a Cache-Control of a few minutes, which is what feed
// readers poll with. The search feed runs a full-text query per request: it draws on the
// expensive pages' per-client budget and concurrency gate (src/web/http/expensiveRoutes.ts).
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { latestDay, listRange, listTrending } from "../../lists/listing.ts";
import { addDays } from "../../lists/periods.ts";
import type { Paper } from "../../model/paper.ts";
import { searchPapers } from "../../search/searchPapers.ts";
import { findCollection, itemsOf } from "../../store/collections.ts";
import { getPapers } from "../../store/papers.ts";
import { type FeedDocument, renderFeed } from "./feedBuilder.ts";
import {
  FEED_CONTENT_TYPES,
  FEED_FORMATS,
  type FeedFormat,
  type FeedKind,
  feedPath,
  feedTitle,
} from "./feedLinks.ts";

export const FEED_LIMITS = { daily: 200, trending: 50, category: 100, search: 50, collection: 100 } as const;
/** Days of newest papers a category feed covers (ending at the newest list day). */
export const CATEGORY_DAYS = 7;
const CATEGORY = /^[a-z-]+(\.[A-Za-z-]+)?$/;

class FeedRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

function splitFile(file: string): { name: string; format: FeedFormat } {
  const m = /^(.+)\.(rss|atom|json)$/.exec(file);
  if (!m) throw new FeedRequestError(404, "Feeds end in .rss, .atom or .json");
  return { name: m[1], format: m[2] as FeedFormat };
}

export async function registerFeedRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { config, store } = ctx;
  const base = config.baseUrl;
  const paperLinks = {
    page: (id: string) => `${base}/papers/${id.split("/").map(encodeURIComponent).join("/")}`,
    pdf: (id: string) => `https://arxiv.org/pdf/${id.split("/").map(encodeURIComponent).join("/")}`,
  };
  const urls = (feed: FeedKind) =>
    Object.fromEntries(FEED_FORMATS.map((f) => [f, `${base}${feedPath(feed, f)}`])) as Record<
      FeedFormat,
      string
    >;

  const send = (req: FastifyRequest, reply: FastifyReply, doc: FeedDocument, format: FeedFormat) => {
    const body = renderFeed(doc, format, paperLinks);
    const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
    reply.header("etag", etag).header("cache-control", "public, max-age=300");
    if (req.headers["if-none-match"] === etag) return reply.code(304).send();
    return reply.type(`${FEED_CONTENT_TYPES[format]}; charset=utf-8`).send(body);
  };

  const fail = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof FeedRequestError)) throw e;
    return reply.code(e.statusCode).type("text/plain; charset=utf-8").send(`${e.message}\n`);
  };

  app.get<{ Params: { file: string }; Querystring: { q?: string } }>("/feeds/:file", async (req, reply) => {
    try {
      const { name, format } = splitFile(req.params.file);
      if (name === "daily") {
        const day = await latestDay(store.db, config.categories);
        const papers = day
          ? await rangePapers(ctx, day, day, config.categories, "upvotes", FEED_LIMITS.daily)
          : [];
        const feed: FeedKind = { kind: "daily" };
        return send(
          req,
          reply,
          {
            pageUrl: `${base}/`,
            feedUrls: urls(feed),
            title: feedTitle(feed),
            description: day ? `Papers of ${day}, ranked by community upvotes.` : "No papers yet.",
            papers,
          },
          format,
        );
      }
      if (name === "trending") {
        const page = await listTrending(store.db, {
          categories: config.categories,
          offset: 0,
          limit: FEED_LIMITS.trending,
        });
        const feed: FeedKind = { kind: "trending" };
        return send(
          req,
          reply,
          {
            pageUrl: `${base}/trending`,
            feedUrls: urls(feed),
            title: feedTitle(feed),
            description: "Papers of the last 30 days, by upvotes with time decay.",
            papers: page.items.map((i) => i.paper),
          },
          format,
        );
      }
      throw new FeedRequestError(404, "No such feed: try daily, trending, search or category/<category>");
    } catch (e) {
      return fail(reply, e);
    }
  });

  // Static routes win over /feeds/:file in Fastify's router.
  for (const format of FEED_FORMATS) {
    app.get<{ Querystring: { q?: string } }>(
      `/feeds/search.${format}`,
      app.expensive.page(),
      async (req, reply) => {
        try {
          const q = typeof req.query.q === "string" ? req.query.q.trim() : "";
          if (q === "" || q.length > 200)
            throw new FeedRequestError(400, "Give a search query in ?q= (1 to 200 characters)");
          const hits = await searchPapers(store, q, FEED_LIMITS.search);
          const feed: FeedKind = { kind: "search", q };
          return send(
            req,
            reply,
            {
              pageUrl: `${base}/search?q=${encodeURIComponent(q)}`,
              feedUrls: urls(feed),
              title: feedTitle(feed),
              description: `Papers matching “${q}”, best first.`,
              papers: hits.map((h) => h.paper),
            },
            format,
          );
        } catch (e) {
          return fail(reply, e);
        }
      },
    );
  }

  registerCollectionFeed(app, ctx, send, urls, fail);

  app.get<{ Params: { file: string } }>("/feeds/category/:file", async (req, reply) => {
    try {
      const { name: category, format } = splitFile(req.params.file);
      if (!CATEGORY.test(category) || category.length > 40)
        throw new FeedRequestError(404, "Not an arXiv category (like cs.LG)");
      const latest = await latestDay(store.db, [category]);
      const papers = latest
        ? await rangePapers(
            ctx,
            addDays(latest, -(CATEGORY_DAYS - 1)),
            latest,
            [category],
            "publishedAt",
            FEED_LIMITS.category,
          )
        : [];
      const feed: FeedKind = { kind: "category", category };
      return send(
        req,
        reply,
        {
          pageUrl: `${base}/`,
          feedUrls: urls(feed),
          title: feedTitle(feed),
          description: `The newest papers in ${category}.`,
          papers: papers.filter((p) => p.categories.includes(category)),
        },
        format,
      );
    } catch (e) {
      return fail(reply, e);
    }
  });
}

/** A public collection's newest additions; private collections do not exist for feeds (404). */
function registerCollectionFeed(
  app: FastifyInstance,
  ctx: AppContext,
  send: (req: FastifyRequest, reply: FastifyReply, doc: FeedDocument, format: FeedFormat) => unknown,
  urls: (feed: FeedKind) => Record<FeedFormat, string>,
  fail: (reply: FastifyReply, e: unknown) => unknown,
): void {
  const base = ctx.config.baseUrl;
  app.get<{ Params: { file: string } }>("/feeds/collection/:file", async (req, reply) => {
    try {
      const { name: slug, format } = splitFile(req.params.file);
      const c = slug.length <= 200 ? await findCollection(ctx.store.db, slug) : null;
      if (!c?.isPublic) throw new FeedRequestError(404, "No such public collection");
      const items = (await itemsOf(ctx.store.db, c.id)).slice(0, FEED_LIMITS.collection);
      const papers = new Map(
        (
          await getPapers(
            ctx.store.db,
            items.map((i) => i.paperId),
          )
        ).map((p) => [p.id, p]),
      );
      const feed: FeedKind = { kind: "collection", slug: c.slug, name: c.name };
      return send(
        req,
        reply,
        {
          pageUrl: `${base}/c/${encodeURIComponent(c.slug)}`,
          feedUrls: urls(feed),
          title: feedTitle(feed),
          description: c.description || `Papers in the collection “${c.name}”, newest additions first.`,
          papers: items.flatMap((i) => papers.get(i.paperId) ?? []),
          itemDates: new Map(items.map((i) => [i.paperId, new Date(i.createdAt)])),
        },
        format,
      );
    } catch (e) {
      return fail(reply, e);
    }
  });
}

async function rangePapers(
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
