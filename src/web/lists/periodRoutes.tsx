// The period addresses: / (the front page: the newest day with community picks, see
// listBasics.ts; ?date= from the date picker redirects to the day's own address),
// /papers/date/:day, /week/:week, /month/:month.
import type { FastifyReply, FastifyRequest } from "fastify";
import { dayPeriod, parseDay, parseMonth, parseWeek } from "../../lists/periods.ts";
import { dayWithoutYear } from "../format.ts";
import { invalidDay, invalidMonth, invalidWeek, queryValue } from "../http/params.ts";
import { dayPath, monthPath, weekPath } from "../urls.ts";
import { bounds, type ListDeps } from "./listBasics.ts";
import { sendPeriod } from "./periodPage.tsx";

export async function newestDay(deps: ListDeps, req: FastifyRequest, reply: FastifyReply) {
  const date = queryValue(req.query, "date");
  // The date picker submits ?date=; each day has one address, so send the reader there.
  if (date !== undefined) {
    const day = parseDay(date);
    if (!day) throw invalidDay(date);
    return reply.redirect(dayPath(day), 302);
  }
  const b = await bounds(deps);
  const day = b.front ?? b.today;
  // Opened on an older day than the newest list: say why, and link the newest.
  const note =
    b.latest && day !== b.latest ? (
      <>
        This is the latest day with community picks. Newest list:{" "}
        <a href={dayPath(b.latest)}>{dayWithoutYear(b.latest)}</a>.
      </>
    ) : undefined;
  return sendPeriod(deps, req, reply, dayPeriod(day), "/", note);
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
