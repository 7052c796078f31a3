// HTML answers for unknown addresses and failed requests, in the site layout. Anything under
// /api stays JSON, exactly as Fastify would answer it, so API clients never get a web page.
import type { FastifyError, FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { MessagePage } from "../components/MessagePage.tsx";
import { HttpError } from "./httpError.ts";
import { redactUrl } from "./logRedaction.ts";
import { sendPage } from "./render.ts";

export function isApiPath(url: string): boolean {
  return url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");
}

export function registerErrorPages(app: FastifyInstance, ctx: AppContext): void {
  const site = { baseUrl: ctx.config.baseUrl };

  app.setNotFoundHandler((req, reply) => {
    if (isApiPath(req.url)) {
      return reply
        .code(404)
        .send({ statusCode: 404, error: "Not Found", message: `Route ${req.method}:${req.url} not found` });
    }
    return sendPage(
      reply,
      404,
      <MessagePage
        site={site}
        status={404}
        title="Page not found"
        message="There is nothing at this address. It may have moved, or the link may be mistyped."
        path={redactUrl(req.url, req.routeOptions?.url)}
      />,
    );
  });

  app.setErrorHandler((error: FastifyError | HttpError, req, reply) => {
    // Rethrowing hands the error to Fastify's default handler, which answers JSON.
    if (isApiPath(req.url)) throw error;
    if (error instanceof HttpError) {
      return sendPage(
        reply,
        error.statusCode,
        <MessagePage
          site={site}
          status={error.statusCode}
          title={error.title}
          message={error.message}
          path={error.details.path ?? redactUrl(req.url, req.routeOptions?.url)}
        />,
      );
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) req.log.error({ err: error }, "page failed");
    // Client errors from Fastify itself (bad body, unsupported media type) carry useful messages;
    // a server error's message is internal and is logged, not shown.
    const message =
      status < 500
        ? error.message
        : "Something went wrong on our side while building this page. Please try again.";
    return sendPage(
      reply,
      status,
      <MessagePage
        site={site}
        status={status}
        title={status < 500 ? "The request could not be handled" : "Something went wrong"}
        message={message}
        path={redactUrl(req.url, req.routeOptions?.url)}
      />,
    );
  });
}
