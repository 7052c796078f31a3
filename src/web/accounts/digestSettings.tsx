// The account page's digest and saved searches: POST /account/digest (frequency, topics, picks,
// subscribe/unsubscribe), /account/alerts (save a search) and /account/alerts/:id (delete one or
// change its delivery). An error shows the account page again.
import {
  changeAccountDigest,
  changeSearchDelivery,
  removeSavedSearch,
  saveSearch,
} from "../../digest/accountDigest.ts";
import type { DigestFormError } from "../digest/AccountDigestSection.tsx";
import type { SignedInForm } from "../http/formRoute.ts";
import { formBody, safeNext } from "../http/forms.ts";
import { settingsPage } from "./accountPage.tsx";
import type { AccountRouteDeps } from "./accountRouteDeps.tsx";

export async function digestPost(
  deps: AccountRouteDeps,
  { req, fields: f, user, again, done }: SignedInForm,
) {
  const result = await changeAccountDigest(deps.digest, user, {
    action: f.action,
    frequency: f.frequency,
    // Repeated fields: every ticked topic.
    topics: formBody(req).topics,
    picks: f.picks,
  });
  if (!result.ok) {
    const error: DigestFormError = { field: result.field, message: result.message };
    return again(400, await settingsPage(deps, req, user, { digest: { error } }));
  }
  return done(`/account?done=${result.code}#digest-settings`);
}

/** Sign-in brings the reader back to where the search was saved from. */
export function alertBack(f: Record<string, string>): string {
  return safeNext(f.next, "/account");
}

export async function alertPost(deps: AccountRouteDeps, { req, fields: f, user, again, done }: SignedInForm) {
  const result = await saveSearch(deps.digest, user, { query: f.q, delivery: f.delivery });
  if (!result.ok) {
    return again(400, await settingsPage(deps, req, user, { digest: { alertError: result.message } }));
  }
  return done("/account?done=alert-saved#saved-searches");
}

export async function alertChange(
  deps: AccountRouteDeps,
  { req, fields: f, user, again, done }: SignedInForm<{ id: string }>,
) {
  const ok =
    f.action === "delete"
      ? await removeSavedSearch(deps.digest, user, req.params.id)
      : f.action === "delivery"
        ? await changeSearchDelivery(deps.digest, user, req.params.id, f.delivery)
        : false;
  if (!ok) {
    return again(
      404,
      await settingsPage(deps, req, user, {
        digest: { alertError: "That saved search does not exist (any more)." },
      }),
    );
  }
  return done(`/account?done=${f.action === "delete" ? "alert-deleted" : "alert-updated"}#saved-searches`);
}
