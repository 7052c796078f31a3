// The period addresses: / (the newest day; ?date= from the date picker redirects to the day's
// own address), /papers/date/:day, /week/:week, /month/:month.
import type { FastifyReply, FastifyRequest } from "fastify";
import { latestDay } from "../../lists/listing.ts";
import { dayPeriod, isoDay, parseDay, parseMonth, parseWeek } from "../../lists/periods.ts";
import { invalidDay, invalidMonth, invalidWeek, queryValue } from "../http/params.ts";
import { dayPath, monthPath, weekPath } from "../urls.ts";
import type { ListDeps } from "./listBasics.ts";
import { sendPeriod } from "./periodPage.tsx";

export async function newestDay(deps: ListDeps, req: FastifyRequest, reply: FastifyReply) {
  const date = queryValue(req.query, "date");
  // The date picker submits ?date=; each day has one address, so send the reader there.
  if (date !== undefined) {
    const day = parseDay(date);
    if (!day) throw invalidDay(date);
    return reply.redirect(dayPath(day), 302);
  }
  const latest = await latestDay(deps.db, deps.categories);
  return sendPeriod(deps, req, reply, dayPeriod(latest ?? isoDay(deps.clock.now())), "/");
}

export type DayRequest = FastifyRequest<{ Params: { day: string } }>;

export async function oneDay(deps: ListDeps, req: DayRequest, reply: FastifyReply) {
  const day = parseDay(req.params.day);
  if (!day) throw invalidDay(req.params.day);
  return sendPeriod(deps, req, reply, dayPeriod(day), dayPath(day));
}

export type WeekRequest = FastifyRequest<{ Params: { week: string } }>;

export async function oneWeek(deps: ListDeps, req: WeekRequest, reply: FastifyReply) {
  const week = parseWeek(req.params.week);
  if (!week) throw invalidWeek(req.params.week);
  return sendPeriod(deps, req, reply, week, weekPath(week.label));
}

export type MonthRequest = FastifyRequest<{ Params: { month: string } }>;

export async function oneMonth(deps: ListDeps, req: MonthRequest, reply: FastifyReply) {
  const month = parseMonth(req.params.month);
  if (!month) throw invalidMonth(req.params.month);
  return sendPeriod(deps, req, reply, month, monthPath(month.label));
}
