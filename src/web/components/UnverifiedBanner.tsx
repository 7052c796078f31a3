// Shown on every page to a signed-in reader whose address is not confirmed yet: what is waiting
// for them and a button that mails the link again (POST /account/verify/resend: CSRF-checked,
// limited per account and per address).
import { currentViewer } from "../http/viewer.ts";

export function UnverifiedBanner() {
  const viewer = currentViewer();
  const user = viewer?.user;
  if (!viewer || !user || user.emailVerified) return null;
  return (
    <aside class="unverified-banner" aria-label="Address not confirmed">
      <div class="container unverified-inner">
        <p>
          <strong>Confirm your address.</strong> We mailed a link to{" "}
          <span class="unverified-email">{user.email}</span>. Until you open it, you cannot submit or fetch
          papers or comment.
        </p>
        <form method="post" action="/account/verify/resend">
          <input type="hidden" name="_csrf" value={viewer.csrfToken()} />
          <button class="btn" type="submit">
            Send it again
          </button>
        </form>
      </div>
    </aside>
  );
}
