// GET /u/<handle>: a user's public page; 404 for unknown handles and deleted accounts. A name the
// account used before answers 301 to its current page (src/accounts/handleChange.ts).
import type { FastifyInstance } from "fastify";
import { currentHandleFor } from "../../accounts/handleChange.ts";
import type { AppContext } from "../../app/context.ts";
import { loadProfile } from "../../community/profiles/profile.ts";
import { MessagePage } from "../components/MessagePage.tsx";
import { sendPage } from "../http/render.ts";
import { ProfilePage } from "./ProfilePage.tsx";

export function registerProfileRoutes(app: FastifyInstance, ctx: AppContext): void {
  const site = { baseUrl: ctx.config.baseUrl };
  app.get<{ Params: { handle: string } }>("/u/:handle", { config: { cache: true } }, async (req, reply) => {
    const profile = await loadProfile(app.accountDeps, req.params.handle);
    if (!profile) {
      const current = await currentHandleFor(app.accountDeps, req.params.handle);
      if (current) return reply.redirect(`/u/${encodeURIComponent(current)}`, 301);
    }
    if (!profile)
      return sendPage(
        reply,
        404,
        <MessagePage
          site={site}
          status={404}
          title="No such user"
          message="There is no user with this name."
          path={req.url}
        />,
      );
    if (profile.handle !== req.params.handle)
      return reply.redirect(`/u/${encodeURIComponent(profile.handle)}`, 301);
    return sendPage(reply, 200, <ProfilePage site={site} profile={profile} />);
  });
}
