// /trending (papers with a community signal, gaining upvotes over the last month) and /new
// (every paper, the newest first, over a bounded window of days).
import type { FastifyReply, FastifyRequest } from "fastify";
import { listRange, listTrending, referenceNow } from "../../lists/listing.ts";
import { addDays } from "../../lists/periods.ts";
import { DataNote, dataSource } from "../components/DataNote.tsx";
import { shortDay } from "../format.ts";
import { checkPageInRange, parsePageParam, queryValue } from "../http/params.ts";
import { sendPage } from "../http/render.ts";
import { withPage } from "../urls.ts";
import { ListPage } from "./ListPage.tsx";
import { EmptyInstance } from "./ListTexts.tsx";
import { bounds, FEED_PAGE_SIZE, type ListDeps, pageOf, tabLinks } from "./listBasics.ts";

/** /new covers the days up to the newest list: enough to browse, bounded so it stays cheap. */
export const NEW_WINDOW_DAYS = 30;

export async function trending(deps: ListDeps, req: FastifyRequest, reply: FastifyReply) {
  const page = parsePageParam(queryValue(req.query, "p"));
  const b = await bounds(deps);
  const data = await listTrending(deps.db, {
    categories: deps.categories,
    offset: page * FEED_PAGE_SIZE,
    limit: FEED_PAGE_SIZE,
    now: await referenceNow(deps.db, deps.categories, deps.clock.now().getTime()),
  });
  checkPageInRange(page, data.total, FEED_PAGE_SIZE);
  return sendPage(
    reply,
    200,
    <ListPage
      meta={{ title: "Trending papers", path: withPage("/trending", page), section: "trending" }}
      site={deps.site}
      view="trending"
      heading="Trending papers"
      subheading={`Papers the community picked over the last month, as of ${shortDay(lastMomentBefore(data.asOf))}`}
      tabs={tabLinks(null, b)}
      {...pageOf(data, page, "/trending")}
      orderNote="recent upvotes count most"
      intro={
        b.latest ? (
          <div class="feed-intro">
            <p class="feed-about">
              Only papers with a community signal (featured, submitted or upvoted), ranked by upvotes that
              fade with age. Every paper, picked or not, is in <a href="/new">New</a>.
            </p>
            <DataNote source={await dataSource(deps, b)} />
          </div>
        ) : null
      }
      empty={
        b.latest ? (
          <>
            <p class="empty-title">Nobody picked a paper in the last month.</p>
            <p>
              Upvote or submit papers to see them here; <a href="/new">New</a> lists every paper, newest
              first.
            </p>
          </>
        ) : (
          <EmptyInstance />
        )
      }
    />,
  );
}

export async function newPapers(deps: ListDeps, req: FastifyRequest, reply: FastifyReply) {
  const page = parsePageParam(queryValue(req.query, "p"));
  const b = await bounds(deps);
  const to = b.latest ?? b.today;
  const data = await listRange(deps.db, {
    from: addDays(to, -NEW_WINDOW_DAYS),
    to,
    categories: deps.categories,
    sort: "publishedAt",
    offset: page * FEED_PAGE_SIZE,
    limit: FEED_PAGE_SIZE,
  });
  checkPageInRange(page, data.total, FEED_PAGE_SIZE);
  return sendPage(
    reply,
    200,
    <ListPage
      meta={{ title: "New papers", path: withPage("/new", page), section: "daily" }}
      site={deps.site}
      view="new"
      heading="New papers"
      subheading={`The most recent first, from the ${NEW_WINDOW_DAYS} days up to ${shortDay(to)}`}
      tabs={tabLinks(null, b)}
      {...pageOf(data, page, "/new")}
      orderNote="newest first"
      intro={
        b.latest ? (
          <div class="feed-intro">
            <DataNote source={await dataSource(deps, b)} />
          </div>
        ) : null
      }
      empty={b.latest ? <p>Nothing was listed in the last month.</p> : <EmptyInstance />}
    />,
  );
}

/** A reference time of midnight means "up to the end of the day before": name that day. */
function lastMomentBefore(iso: string): string {
  return new Date(Date.parse(iso) - 1).toISOString();
}
