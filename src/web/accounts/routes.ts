// The account pages: /signup, /login, /logout, /account/verify, /forgot-password,
// /reset-password, /account (settings, resend confirmation, delete; public name, address and
// password: /account/handle, /account/email, /account/email/confirm, /account/password; the
// email digest and search alerts: /account/digest, /account/alerts, /account/alerts/:id). Every
// POST checks the CSRF token (formRoute.ts); sign-in, sign-up, reset, delete and the changes are
// rate limited per client IP, "send the confirmation again" per account too, and mails and
// password checks per account (accountThrottle.ts): a throttled request gets a 429 page with
// Retry-After.
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../app/context.ts";
import { formRoute, signedInFormRoute } from "../http/formRoute.ts";
import { perPoster } from "../http/forms.ts";
import {
  type EmailConfirmRequest,
  emailConfirm,
  emailConfirmForm,
  emailPost,
  handlePost,
  passwordPost,
} from "./accountChanges.tsx";
import { deleteAccountPost } from "./accountDelete.tsx";
import { type AccountRequest, accountPage } from "./accountPage.tsx";
import { accountRouteDeps, authLimit } from "./accountRouteDeps.tsx";
import { alertBack, alertChange, alertPost, digestPost } from "./digestSettings.tsx";
import { forgot, forgotForm, type ResetRequest, reset, resetForm } from "./passwordReset.tsx";
import { type LoginRequest, signInForm, signInPost, signOut } from "./signIn.tsx";
import { signUpForm, signUpPost } from "./signUp.tsx";
import { resendVerification, type VerifyRequest, verify, verifyForm } from "./verification.tsx";

export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const deps = accountRouteDeps(app, ctx);
  const limited = authLimit(deps);
  const toAccount = () => "/account";

  app.get("/signup", (req, reply) => signUpForm(deps, req, reply));
  app.post(
    "/signup",
    formRoute(app, { ...limited, noStore: true }, (f) => signUpPost(deps, f)),
  );
  app.get("/login", (req: LoginRequest, reply) => signInForm(deps, req, reply));
  app.post(
    "/login",
    formRoute(app, { ...limited, noStore: true }, (f) => signInPost(deps, f)),
  );
  app.post(
    "/logout",
    formRoute(app, {}, (f) => signOut(deps, f)),
  );

  app.get("/account/verify", (req: VerifyRequest, reply) => verifyForm(deps, req, reply));
  app.post(
    "/account/verify",
    formRoute(app, {}, (f) => verify(deps, f)),
  );
  app.post(
    "/account/verify/resend",
    signedInFormRoute(
      app,
      // Per account as well as per address (the mail allowance): the banner's button on every page.
      { ...limited, rateLimit: { ...limited.rateLimit, keyGenerator: perPoster }, back: toAccount },
      (f) => resendVerification(deps, f),
    ),
  );

  app.get("/forgot-password", (req, reply) => forgotForm(deps, req, reply));
  app.post(
    "/forgot-password",
    formRoute(app, limited, (f) => forgot(deps, f)),
  );
  app.get("/reset-password", (req: ResetRequest, reply) => resetForm(deps, req, reply));
  app.post(
    "/reset-password",
    formRoute(app, limited, (f) => reset(deps, f)),
  );

  app.get("/account", (req: AccountRequest, reply) => accountPage(deps, req, reply));
  app.post(
    "/account/digest",
    signedInFormRoute(app, { noStore: true, back: toAccount }, (f) => digestPost(deps, f)),
  );
  app.post(
    "/account/alerts",
    signedInFormRoute(app, { noStore: true, back: alertBack }, (f) => alertPost(deps, f)),
  );
  app.post(
    "/account/alerts/:id",
    signedInFormRoute<{ id: string }>(app, { noStore: true, back: toAccount }, (f) => alertChange(deps, f)),
  );
  app.post(
    "/account/handle",
    signedInFormRoute(app, { ...limited, noStore: true, back: toAccount }, (f) => handlePost(deps, f)),
  );
  app.post(
    "/account/email",
    signedInFormRoute(app, { ...limited, noStore: true, back: toAccount }, (f) => emailPost(deps, f)),
  );
  app.get("/account/email/confirm", (req: EmailConfirmRequest, reply) => emailConfirmForm(deps, req, reply));
  app.post(
    "/account/email/confirm",
    formRoute(app, { ...limited, noStore: true }, (f) => emailConfirm(deps, f)),
  );
  app.post(
    "/account/password",
    signedInFormRoute(app, { ...limited, noStore: true, back: toAccount }, (f) => passwordPost(deps, f)),
  );
  app.post(
    "/account/delete",
    signedInFormRoute(app, { ...limited, back: toAccount }, (f) => deleteAccountPost(deps, f)),
  );
}
