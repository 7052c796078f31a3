// GET /signup (the form) and POST /signup: a new account, confirmed by a mailed link.
import type { FastifyReply, FastifyRequest } from "fastify";
import { signUp } from "../../accounts/signUp.ts";
import type { SubmittedForm } from "../http/formRoute.ts";
import { sendPage } from "../http/render.ts";
import { SignUpPage } from "./AccountPages.tsx";
import { type AccountRouteDeps, sendMessage, tooMany } from "./accountRouteDeps.tsx";

export async function signUpForm(deps: AccountRouteDeps, req: FastifyRequest, reply: FastifyReply) {
  reply.header("cache-control", "no-store");
  return sendPage(reply, 200, <SignUpPage site={deps.site} csrf={req.viewer.csrfToken()} />);
}

export async function signUpPost(deps: AccountRouteDeps, { req, reply, fields: f, again }: SubmittedForm) {
  const result = await signUp(deps.accounts, {
    email: f.email ?? "",
    handle: f.handle ?? "",
    password: f.password ?? "",
  });
  if (!result.ok && "retryAfterSeconds" in result) {
    return tooMany(
      deps,
      reply,
      result.retryAfterSeconds,
      "We have sent as many mails to this address as we send in a short while.",
      "/signup",
    );
  }
  if (!result.ok) {
    return again(
      400,
      <SignUpPage
        site={deps.site}
        csrf={req.viewer.csrfToken()}
        values={{ email: f.email, handle: f.handle }}
        errors={result.errors}
      />,
    );
  }
  // The same answer whether or not the address already had an account.
  return sendMessage(
    deps,
    reply,
    200,
    "Check your inbox",
    "We sent a mail to the address you gave. Open the link in it to confirm your address, then sign in.",
    "/signup",
    [
      { href: "/login", label: "Sign in" },
      { href: "/", label: "Today’s papers" },
    ],
  );
}
