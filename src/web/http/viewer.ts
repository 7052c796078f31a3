// Who is asking: every page request resolves its session cookie into a Viewer. Route handlers read
// `req.viewer`; shared views (the layout's user menu, the upvote button on every paper card) read
// the same object through AsyncLocalStorage, so the feed and search pages, which know nothing of
// accounts, still render the right header and buttons.
import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AccountDeps } from "../../accounts/deps.ts";
import { resolveSession, SESSION_COOKIE } from "../../accounts/sessions.ts";
import { normalizeEmail } from "../../mail/emailAddress.ts";
import { getSubscriberOfUser, type Subscriber } from "../../store/subscribers.ts";
import type { User } from "../../store/users.ts";
import { votedPaperIds } from "../../store/votes.ts";

export interface Viewer {
  user: User | null;
  /** The CSRF token for forms on this page (made on first use; sets the secret cookie if needed). */
  csrfToken(): string;
  /** Papers the signed-in user upvoted (loaded for page views only; empty otherwise). */
  votedIds: Set<string>;
  /** Path and query of the page being shown (where forms come back to). */
  path: string;
  /**
   * The signed-in reader's digest subscription, for the footer box (loaded for page views only;
   * null when signed out or not subscribed).
   */
  subscription: Pick<Subscriber, "status" | "frequency"> | null;
}

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer;
  }
}

const storage = new AsyncLocalStorage<Viewer>();

/** The viewer of the request being rendered, if a page handler is running. */
export function currentViewer(): Viewer | undefined {
  return storage.getStore();
}

/** https requests (directly or via a proxy's X-Forwarded-Proto) and https instances get Secure cookies. */
export function isSecureRequest(req: FastifyRequest, baseUrl: string): boolean {
  return req.protocol === "https" || baseUrl.startsWith("https://");
}

export function sessionCookieOptions(req: FastifyRequest, baseUrl: string, expires?: Date) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: isSecureRequest(req, baseUrl),
    ...(expires ? { expires } : {}),
  };
}

function anonymousViewer(req: FastifyRequest, reply: FastifyReply, baseUrl: string): Viewer {
  let token: string | null = null;
  return {
    user: null,
    csrfToken() {
      token ??= reply.generateCsrf({
        secure: isSecureRequest(req, baseUrl),
        sameSite: "lax",
        path: "/",
        httpOnly: true,
      });
      return token;
    },
    votedIds: new Set(),
    path: req.url,
    subscription: null,
  };
}

function skip(url: string): boolean {
  return url.startsWith("/static/") || url === "/api" || url.startsWith("/api/") || url === "/openapi.json";
}

/** Must be registered before the routes (a root-level hook). */
export function registerViewer(app: FastifyInstance, deps: AccountDeps): void {
  app.decorateRequest("viewer", null as unknown as Viewer);
  app.addHook("preHandler", (req, reply, done) => {
    const viewer = anonymousViewer(req, reply, deps.config.baseUrl);
    req.viewer = viewer;
    if (skip(req.url)) return done();
    const sessionId = req.cookies[SESSION_COOKIE];
    const load = async () => {
      viewer.user = await resolveSession(deps, sessionId);
      if (viewer.user && req.method === "GET") {
        viewer.votedIds = await votedPaperIds(deps.store.db, viewer.user.id);
        viewer.subscription = await subscriptionOf(deps, viewer.user);
      }
    };
    load().then(
      // The handler runs inside run(): views rendered by it see this viewer.
      () => storage.run(viewer, done),
      (e: Error) => done(e),
    );
  });
}

async function subscriptionOf(deps: AccountDeps, user: User): Promise<Viewer["subscription"]> {
  const address = normalizeEmail(user.email);
  if (!address.ok) return null;
  const s = await getSubscriberOfUser(deps.store.db, user.id, address.key);
  return s ? { status: s.status, frequency: s.frequency } : null;
}

/** Session id from the cookie (for sign-out and rotation). */
export function sessionIdOf(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE];
}
