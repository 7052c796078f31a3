// Community routes: POST /upvote (form or fetch), /submit, /comments (post, edit, delete, hide).
// Every POST checks the CSRF token (formRoute.ts); comments are rate limited per poster.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { signedInFormRoute } from "../http/formRoute.ts";
import { perPoster } from "../http/forms.ts";
import { hide, remove } from "./commentRemoval.ts";
import { type CommentRequest, commentBack, edit, editForm, newComment } from "./commentWriting.tsx";
import { communityDeps } from "./communityDeps.ts";
import { submit, submitForm } from "./submit.tsx";
import { upvote, upvoteBack } from "./upvote.ts";

export function registerCommunityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = communityDeps(app, ctx);
  app.post(
    "/upvote",
    signedInFormRoute(app, { back: upvoteBack }, (form) => upvote(deps, form)),
  );
  app.get("/submit", (req, reply) => submitForm(deps, req, reply));
  app.post(
    "/submit",
    signedInFormRoute(app, { back: () => "/submit" }, (form) => submit(deps, form)),
  );
}

export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = communityDeps(app, ctx);
  const limited = {
    rateLimit: { max: deps.accounts.settings.commentRateLimit, timeWindow: 60_000, keyGenerator: perPoster },
  };
  app.post(
    "/comments",
    signedInFormRoute(app, { ...limited, back: commentBack }, (f) => newComment(deps, f)),
  );
  app.get("/comments/:id/edit", (req: CommentRequest, reply) => editForm(deps, req, reply));
  app.post(
    "/comments/:id/edit",
    signedInFormRoute<{ id: string }>(app, {}, (f) => edit(deps, f)),
  );
  app.post(
    "/comments/:id/delete",
    signedInFormRoute<{ id: string }>(app, {}, (f) => remove(deps, f)),
  );
  app.post(
    "/comments/:id/hide",
    signedInFormRoute<{ id: string }>(app, {}, (f) => hide(deps, f)),
  );
}
