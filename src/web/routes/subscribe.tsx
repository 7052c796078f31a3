// POST /subscribe: the digest sign-up in the layout. Digests arrive with a later issue; until then
// the honest answer is 503 and nothing is stored.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { sendPage } from "../render.ts";
import { MessagePage } from "../views/MessagePage.tsx";

export function registerSubscribeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const site = { baseUrl: ctx.config.baseUrl };
  app.post("/subscribe", async (req, reply) => {
    const body = req.body as Record<string, unknown> | null | undefined;
    const email = typeof body?.email === "string" ? body.email.trim().slice(0, 320) : "";
    return sendPage(
      reply,
      503,
      <MessagePage
        site={site}
        status={503}
        title="Email digests are not enabled yet"
        message="This Papertide instance does not send email digests yet, so nothing was signed up."
        path="/subscribe"
      >
        {email ? <p>Your address ({email}) was not stored.</p> : null}
      </MessagePage>,
    );
  });
}
