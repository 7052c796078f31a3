// The lists: / (newest day), /papers/date/:day, /week/:week, /month/:month, /trending, /new.
// Every list page is the same for every anonymous reader until the data changes (cached).
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { CACHED, listDeps } from "./listBasics.ts";
import {
  type DayRequest,
  type MonthRequest,
  newestDay,
  oneDay,
  oneMonth,
  oneWeek,
  type WeekRequest,
} from "./periodRoutes.tsx";
import { newPapers, trending } from "./trendingAndNew.tsx";

export { FEED_PAGE_SIZE } from "./listBasics.ts";
export { NEW_WINDOW_DAYS } from "./trendingAndNew.tsx";

export function registerListRoutes(app: FastifyInstance, ctx: AppServices): void {
  const deps = listDeps(ctx);
  app.get("/", CACHED, (req, reply) => newestDay(deps, req, reply));
  app.get("/papers/date/:day", CACHED, (req: DayRequest, reply) => oneDay(deps, req, reply));
  app.get("/week/:week", CACHED, (req: WeekRequest, reply) => oneWeek(deps, req, reply));
  app.get("/month/:month", CACHED, (req: MonthRequest, reply) => oneMonth(deps, req, reply));
  app.get("/trending", CACHED, (req, reply) => trending(deps, req, reply));
  app.get("/new", CACHED, (req, reply) => newPapers(deps, req, reply));
}
