// Turns a page component into a complete HTML document and sends it.
import type { FastifyReply } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

export function sendPage(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(renderDocument(page));
}
