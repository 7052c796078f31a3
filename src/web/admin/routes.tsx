// GET /admin/status: the instance's background work (StatusPage.tsx), for admins only. Anonymous
// visitors are sent to sign in; signed-in readers who are not admins get 403.
import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../app/services.ts";
import { policies } from "../../community/policies.ts";
import { loadOperationsStatus } from "../../worker/operationsStatus.ts";
import { MessagePage } from "../components/MessagePage.tsx";
import { requireUser } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { StatusPage } from "./StatusPage.tsx";

export function registerAdminRoutes(app: FastifyInstance, ctx: AppServices): void {
  const site = { baseUrl: ctx.config.baseUrl };
  app.get("/admin/status", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    reply.header("cache-control", "no-store");
    if (!policies.mayViewOperations(user)) {
      return sendPage(
        reply,
        403,
        <MessagePage
          site={site}
          status={403}
          title="Admins only"
          message="This page shows how the instance runs; it is open to its admins."
          path="/admin/status"
        />,
      );
    }
    const status = await loadOperationsStatus(ctx.store, ctx.clock, ctx.config);
    return sendPage(reply, 200, <StatusPage site={site} status={status} />);
  });
}
