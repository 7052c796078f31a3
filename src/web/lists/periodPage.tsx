// One period's list (a day, an ISO week or a month) in the community order (the picks, most
// upvoted first, then the rest by closeness to recent picks: src/lists/communityOrder.ts), with
// the arrows to the period before and after. The period routes (periodRoutes.tsx) parse the
// address and call this.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { listCommunityOrder } from "../../lists/communityOrder.ts";
import { adjacentDay } from "../../lists/listing.ts";
import { type Period, shiftPeriod } from "../../lists/periods.ts";
import { dataSource } from "../components/DataNote.tsx";
import { ListIntro, orderTexts } from "../components/ListIntro.tsx";
import { dayWithoutYear, monthName, weekName } from "../format.ts";
import { checkPageInRange, parsePageParam, queryValue } from "../http/params.ts";
import { sendPage } from "../http/render.ts";
import { dayPath, monthPath, weekPath, withPage } from "../urls.ts";
import { type FeedView, ListPage, type NavLink, type PeriodNav } from "./ListPage.tsx";
import { describePeriod, EmptyInstance, EmptyPeriod } from "./ListTexts.tsx";
import {
  type Bounds,
  bounds,
  FEED_PAGE_SIZE,
  type ListDeps,
  pageOf,
  paperVectors,
  tabLinks,
} from "./listBasics.ts";

export async function sendPeriod(
  deps: ListDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  period: Period,
  path: string,
  /** What the front page says about the day it opened on (see periodRoutes.tsx). */
  frontNote?: ComponentChildren,
) {
  const page = parsePageParam(queryValue(req.query, "p"));
  const b = await bounds(deps);
  const offset = page * FEED_PAGE_SIZE;
  const data = await listCommunityOrder(deps.db, b.latest ? await paperVectors(deps) : null, {
    from: period.from,
    to: period.to,
    categories: deps.categories,
    offset,
    limit: FEED_PAGE_SIZE,
  });
  checkPageInRange(page, data.total, FEED_PAGE_SIZE);
  const anchor = await anchorDayOf(deps, period, b);
  const view: FeedView = period.kind === "day" ? "daily" : period.kind === "week" ? "weekly" : "monthly";
  const { heading, subheading, title, emptyText } = describePeriod(period);
  const nav = await periodNav(deps, period, b);
  const source = await dataSource(deps, b);
  const texts = orderTexts(period, data);
  return sendPage(
    reply,
    200,
    <ListPage
      meta={{ title, path: withPage(path, page), section: "daily" }}
      site={deps.site}
      view={view}
      heading={heading}
      subheading={subheading}
      tabs={tabLinks(anchor, b)}
      nav={nav}
      {...pageOf(data, page, path)}
      orderNote={texts.summary}
      intro={b.latest ? <ListIntro lead={frontNote} about={texts.about} source={source} /> : null}
      sections={{ ...texts.sections, picks: data.picks, offset }}
      empty={b.latest ? <EmptyPeriod text={emptyText} nav={nav} /> : <EmptyInstance />}
    />,
  );
}

/** The newest day with a list inside (or else before) a week or month, for its Daily tab. */
async function anchorDayOf({ db, categories }: ListDeps, period: Period, b: Bounds): Promise<string | null> {
  if (period.kind === "day") return period.from;
  if (!b.latest) return null;
  // ISO day strings compare as text (Math.min would not do).
  const end = period.to < b.latest ? period.to : b.latest;
  return (await adjacentDay(db, end, -1, categories, true)) ?? period.to;
}

async function periodNav({ db, categories }: ListDeps, period: Period, b: Bounds): Promise<PeriodNav> {
  if (period.kind === "day") {
    // Step to the nearest day that has a list, so weekends and holidays are skipped.
    const [prev, next] = await Promise.all([
      adjacentDay(db, period.from, -1, categories),
      adjacentDay(db, period.from, 1, categories),
    ]);
    const link = (day: string | null, hint: string): NavLink | null =>
      day ? { href: dayPath(day), label: dayWithoutYear(day), hint } : null;
    return {
      prev: link(prev, "Previous day"),
      next: link(next, "Next day"),
      dateForm: { value: period.from, min: b.earliest ?? undefined, max: b.latest ?? undefined },
    };
  }
  const prev = shiftPeriod(period, -1);
  const next = shiftPeriod(period, 1);
  const name = (p: Period) => (p.kind === "week" ? weekName(p) : monthName(p, true));
  const path = (p: Period) => (p.kind === "week" ? weekPath(p.label) : monthPath(p.label));
  const unit = period.kind === "week" ? "week" : "month";
  return {
    prev:
      b.earliest && prev.to >= b.earliest
        ? { href: path(prev), label: name(prev), hint: `Previous ${unit}` }
        : null,
    next:
      b.latest && next.from <= b.latest
        ? { href: path(next), label: name(next), hint: `Next ${unit}` }
        : null,
  };
}
