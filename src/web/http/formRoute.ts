// The one shape of a form post: CSRF-checked (the token is in the parsed body, so the check runs
// at preValidation), optionally rate limited and never cached, the fields read as strings, the
// viewer required when the form is a signed-in reader's, then the handler, which either shows
// the form again with what needs fixing or redirects (Post/Redirect/Get keeps reloads harmless).
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RouteShorthandOptionsWithHandler,
} from "fastify";
import type { VNode } from "preact";
import type { User } from "../../store/users.ts";
import { formFields, requireUser } from "./forms.ts";
import { sendPage } from "./render.ts";

export interface FormRouteOptions {
  /** Posts per time window; per client IP unless a keyGenerator says otherwise (perPoster). */
  rateLimit?: { max: number; timeWindow: number; keyGenerator?: (req: FastifyRequest) => string };
  /** The answer, whatever it is, is this reader's alone: no cache may keep it. */
  noStore?: boolean;
}

export interface SignedInFormOptions extends FormRouteOptions {
  /** Where sign-in sends the reader back to (default: nowhere in particular, the home page). */
  back?: (fields: Record<string, string>, req: FastifyRequest) => string | undefined;
}

export interface SubmittedForm<P = unknown> {
  req: FastifyRequest<{ Params: P }>;
  reply: FastifyReply;
  fields: Record<string, string>;
  /** The form's page again, with the errors it shows. */
  again(status: number, page: VNode): FastifyReply;
  /** Success: go to `path` (303, so a reload does not post again). */
  done(path: string): FastifyReply;
}

export interface SignedInForm<P = unknown> extends SubmittedForm<P> {
  user: User;
}

type FormHandler<F> = (form: F) => Promise<unknown>;

/** A form anyone may post (sign-up, sign-in, password reset). */
export function formRoute<P = unknown>(
  app: FastifyInstance,
  options: FormRouteOptions,
  handle: FormHandler<SubmittedForm<P>>,
): RouteShorthandOptionsWithHandler {
  return {
    ...routeOptions(app, options),
    handler: async (req, reply) => {
      if (options.noStore) reply.header("cache-control", "no-store");
      return handle(submitted<P>(req, reply));
    },
  };
}

/** A form of a signed-in reader; anyone else is sent to sign in first (or gets 401 JSON). */
export function signedInFormRoute<P = unknown>(
  app: FastifyInstance,
  options: SignedInFormOptions,
  handle: FormHandler<SignedInForm<P>>,
): RouteShorthandOptionsWithHandler {
  return {
    ...routeOptions(app, options),
    handler: async (req, reply) => {
      if (options.noStore) reply.header("cache-control", "no-store");
      const form = submitted<P>(req, reply);
      const user = requireUser(req, reply, options.back?.(form.fields, req));
      if (!user) return reply;
      return handle({ ...form, user });
    },
  };
}

function routeOptions(app: FastifyInstance, options: FormRouteOptions) {
  return {
    preValidation: app.csrfProtection,
    ...(options.rateLimit ? { config: { rateLimit: options.rateLimit } } : {}),
  };
}

function submitted<P>(req: FastifyRequest, reply: FastifyReply): SubmittedForm<P> {
  return {
    req: req as FastifyRequest<{ Params: P }>,
    reply,
    fields: formFields(req),
    again: (status, page) => sendPage(reply, status, page),
    done: (path) => reply.redirect(path, 303),
  };
}
