// Community routes: POST /upvote (form or fetch), /submit, /comments (post, edit, delete, hide).
// Every POST checks the CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hashSecret } from "../../accounts/secrets.ts";
import type { AppContext } from "../../app/context.ts";
import { sharedArxivFetcher } from "../../community/arxivFetcher.ts";
import { deleteComment, editComment, postComment, setCommentHidden } from "../../community/comments.ts";
import { submitPaper } from "../../community/paperSubmitter.ts";
import { policies } from "../../community/policies.ts";
import { setUpvote } from "../../community/upvoter.ts";
import { getComment } from "../../store/comments.ts";
import { FormPage } from "../components/forms.tsx";
import { MessagePage } from "../components/MessagePage.tsx";
import { formFields, requireUser, safeNext, wantsJson } from "../http/forms.ts";
import { sendPage } from "../http/render.ts";
import { sessionIdOf } from "../http/viewer.ts";
import { CommentForm } from "../paper/Comments.tsx";
import { paperPath } from "../urls.ts";
import { SubmitPage } from "./SubmitPage.tsx";

export function registerCommunityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = app.accountDeps;
  const site = { baseUrl: ctx.config.baseUrl };
  const csrf = { preValidation: app.csrfProtection };
  const submitDeps = { ...deps, fetchPaper: sharedArxivFetcher(ctx.config) };
  // The deps object is shared; read its clock at call time (tests move it).
  Object.defineProperty(submitDeps, "now", { get: () => deps.now });

  app.post("/upvote", csrf, async (req, reply) => {
    const f = formFields(req);
    const back = safeNext(f.next, f.paper ? paperPath(f.paper) : "/");
    const user = requireUser(req, reply, back);
    if (!user) return reply;
    const result = await setUpvote(deps, user, f.paper ?? "", f.value !== "0");
    if (!result.ok) {
      if (wantsJson(req)) return reply.code(404).send({ error: "unknown_paper" });
      return sendPage(
        reply,
        404,
        <MessagePage
          site={site}
          status={404}
          title="Paper not found"
          message="There is no such paper to upvote."
          path="/upvote"
        />,
      );
    }
    if (wantsJson(req))
      return reply
        .header("cache-control", "no-store")
        .send({ paperId: f.paper, upvoted: result.upvoted, upvotes: result.upvotes });
    return reply.redirect(back, 303);
  });

  app.get("/submit", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    reply.header("cache-control", "no-store");
    const s = deps.settings;
    return sendPage(
      reply,
      200,
      <SubmitPage
        site={site}
        csrf={req.viewer.csrfToken()}
        verified={user.emailVerified}
        maxAgeDays={s.submitMaxAgeDays}
        cap={s.submitDailyCap}
      />,
    );
  });

  app.post("/submit", csrf, async (req, reply) => {
    const user = requireUser(req, reply, "/submit");
    if (!user) return reply;
    const f = formFields(req);
    const result = await submitPaper(submitDeps, user, f.paper ?? "");
    if (result.ok) return reply.redirect(paperPath(result.paperId), 303);
    const s = deps.settings;
    const status =
      result.reason === "not-allowed"
        ? 403
        : result.reason === "fetch-failed"
          ? 503
          : result.reason === "cap"
            ? 429
            : 400;
    return sendPage(
      reply,
      status,
      <SubmitPage
        site={site}
        csrf={req.viewer.csrfToken()}
        value={f.paper}
        error={result.message}
        verified={user.emailVerified}
        maxAgeDays={s.submitMaxAgeDays}
        cap={s.submitDailyCap}
      />,
    );
  });
}

export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = app.accountDeps;
  const site = { baseUrl: ctx.config.baseUrl };
  const csrf = { preValidation: app.csrfProtection };
  // Per account (signed-in posters share campus NATs), by the session cookie's hash; else per IP.
  const perPoster = (req: FastifyRequest) => {
    const session = sessionIdOf(req);
    return session ? `s:${hashSecret(session)}` : `ip:${req.ip}`;
  };
  const limited = {
    ...csrf,
    config: {
      rateLimit: { max: deps.settings.commentRateLimit, timeWindow: 60_000, keyGenerator: perPoster },
    },
  };

  const fail = (reply: FastifyReply, result: { reason: string; message: string }) => {
    const status = result.reason === "not-allowed" ? 403 : result.reason === "not-found" ? 404 : 400;
    return sendPage(
      reply,
      status,
      <MessagePage
        site={site}
        status={status}
        title="The comment could not be saved"
        message={result.message}
        path="/comments"
      />,
    );
  };

  app.post("/comments", limited, async (req, reply) => {
    const f = formFields(req);
    const user = requireUser(req, reply, f.paper ? `${paperPath(f.paper)}#comments` : "/");
    if (!user) return reply;
    const result = await postComment(deps, user, {
      paperId: f.paper ?? "",
      parentId: f.parent,
      body: f.body ?? "",
    });
    if (!result.ok) return fail(reply, result);
    return reply.redirect(`${paperPath(result.comment.paperId)}#c-${result.comment.id}`, 303);
  });

  app.get<{ Params: { id: string } }>("/comments/:id/edit", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const comment = await getComment(deps.store.db, req.params.id);
    if (!comment || !policies.mayEditComment(user, comment)) {
      return fail(reply, {
        reason: comment ? "not-allowed" : "not-found",
        message: comment ? "You may not edit this comment." : "There is no such comment.",
      });
    }
    reply.header("cache-control", "no-store");
    return sendPage(
      reply,
      200,
      <FormPage site={site} title="Edit your comment" path={`/comments/${comment.id}/edit`}>
        <CommentForm
          paperId={comment.paperId}
          label="Comment"
          value={comment.body}
          action={`/comments/${comment.id}/edit`}
        />
      </FormPage>,
    );
  });

  app.post<{ Params: { id: string } }>("/comments/:id/edit", csrf, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await editComment(deps, user, req.params.id, formFields(req).body ?? "");
    if (!result.ok) return fail(reply, result);
    return reply.redirect(`${paperPath(result.comment.paperId)}#c-${result.comment.id}`, 303);
  });

  app.post<{ Params: { id: string } }>("/comments/:id/delete", csrf, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await deleteComment(deps, user, req.params.id);
    if (!result.ok) return fail(reply, result);
    return reply.redirect(`${paperPath(result.comment.paperId)}#c-${result.comment.id}`, 303);
  });

  app.post<{ Params: { id: string } }>("/comments/:id/hide", csrf, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await setCommentHidden(deps, user, req.params.id, formFields(req).hidden !== "0");
    if (!result.ok) return fail(reply, result);
    return reply.redirect(`${paperPath(result.comment.paperId)}#c-${result.comment.id}`, 303);
  });
}
