// The account pages: sign up, sign in, forgot/reset password, verify email, account settings.

import type { SavedSearch } from "../../store/savedSearches.ts";
import type { Subscriber } from "../../store/subscribers.ts";
import type { User } from "../../store/users.ts";
import { CsrfField, Field, FormPage } from "../components/forms.tsx";
import type { Site } from "../components/Layout.tsx";
import {
  AccountDigestSection,
  type DigestFormError,
  SavedSearchesSection,
} from "../digest/AccountDigestSection.tsx";
import { AccountChangeForms, type AccountChangeState } from "./AccountChangeForms.tsx";

export function SignUpPage(p: {
  site: Site;
  csrf: string;
  values?: { email?: string; handle?: string };
  errors?: { email?: string; handle?: string; password?: string };
}) {
  return (
    <FormPage
      site={p.site}
      title="Create an account"
      path="/signup"
      intro={<p>Upvote papers, submit them to the daily list, comment and keep collections.</p>}
    >
      <form method="post" action="/signup" class="stack-form">
        <CsrfField token={p.csrf} />
        <Field
          name="email"
          label="Email"
          type="email"
          autocomplete="email"
          value={p.values?.email}
          error={p.errors?.email}
          maxLength={320}
        />
        <Field
          name="handle"
          label="Public name"
          autocomplete="username"
          value={p.values?.handle}
          error={p.errors?.handle}
          hint="Shown on your comments and submissions; letters, digits, - and _."
          maxLength={30}
        />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="new-password"
          error={p.errors?.password}
          hint="At least 10 characters."
          maxLength={256}
        />
        <button class="btn btn-primary" type="submit">
          Create account
        </button>
      </form>
      <p class="form-alt">
        Already have an account? <a href="/login">Sign in</a>
      </p>
    </FormPage>
  );
}

export function LoginPage(p: {
  site: Site;
  csrf: string;
  next: string;
  email?: string;
  failed?: boolean;
  notice?: string;
}) {
  return (
    <FormPage site={p.site} title="Sign in" path="/login" notice={p.notice}>
      {p.failed ? (
        <p class="form-error" role="alert">
          That email and password do not match an account.
        </p>
      ) : null}
      <form method="post" action="/login" class="stack-form">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <Field name="email" label="Email" type="email" autocomplete="email" value={p.email} maxLength={320} />
        <Field
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          maxLength={256}
        />
        <button class="btn btn-primary" type="submit">
          Sign in
        </button>
      </form>
      <p class="form-alt">
        <a href="/forgot-password">Forgot your password?</a> · <a href="/signup">Create an account</a>
      </p>
    </FormPage>
  );
}

export function ForgotPasswordPage(p: { site: Site; csrf: string }) {
  return (
    <FormPage
      site={p.site}
      title="Reset your password"
      path="/forgot-password"
      intro={<p>We will mail you a link to choose a new password.</p>}
    >
      <form method="post" action="/forgot-password" class="stack-form">
        <CsrfField token={p.csrf} />
        <Field name="email" label="Email" type="email" autocomplete="email" maxLength={320} />
        <button class="btn btn-primary" type="submit">
          Send the link
        </button>
      </form>
    </FormPage>
  );
}

export function ResetPasswordPage(p: { site: Site; csrf: string; token: string; error?: string }) {
  return (
    <FormPage site={p.site} title="Choose a new password" path="/reset-password">
      <form method="post" action="/reset-password" class="stack-form">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="token" value={p.token} />
        <Field
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          error={p.error}
          hint="At least 10 characters."
          maxLength={256}
        />
        <button class="btn btn-primary" type="submit">
          Set password
        </button>
      </form>
    </FormPage>
  );
}

export function VerifyEmailPage(p: { site: Site; csrf: string; token: string }) {
  // A button, not a GET side effect: mail scanners open links, people confirm.
  return (
    <FormPage site={p.site} title="Confirm your email address" path="/account/verify">
      <form method="post" action="/account/verify" class="stack-form">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="token" value={p.token} />
        <button class="btn btn-primary" type="submit">
          Confirm my address
        </button>
      </form>
    </FormPage>
  );
}

/** The digest part of the account page (see src/digest/accountDigest.ts). */
export interface AccountDigestView {
  subscriber: Subscriber | null;
  searches: SavedSearch[];
  offered: string[];
  error?: DigestFormError;
  alertError?: string;
}

export function AccountSettingsPage(p: {
  site: Site;
  csrf: string;
  user: User;
  notice?: string;
  deleteError?: string;
  digest?: AccountDigestView;
  changes?: AccountChangeState;
}) {
  return (
    <FormPage site={p.site} title="Your account" path="/account" notice={p.notice}>
      <dl class="facts">
        <div class="fact">
          <dt>Public name</dt>
          <dd>
            <a href={`/u/${encodeURIComponent(p.user.handle)}`}>{p.user.handle}</a>
          </dd>
        </div>
        <div class="fact">
          <dt>Email</dt>
          <dd>
            {p.user.email} {p.user.emailVerified ? "(confirmed)" : "(not confirmed yet)"}
          </dd>
        </div>
        <div class="fact">
          <dt>Role</dt>
          <dd>{p.user.role}</dd>
        </div>
      </dl>
      {/* An unconfirmed address: the banner under the header (UnverifiedBanner) mails the link again. */}
      <AccountChangeForms csrf={p.csrf} user={p.user} state={p.changes ?? {}} />
      {p.digest ? (
        <>
          <AccountDigestSection
            csrf={p.csrf}
            user={p.user}
            subscriber={p.digest.subscriber}
            offered={p.digest.offered}
            error={p.digest.error}
          />
          <SavedSearchesSection
            csrf={p.csrf}
            searches={p.digest.searches}
            subscribed={p.digest.subscriber?.status === "active"}
            error={p.digest.alertError}
          />
        </>
      ) : null}
      <h2>Delete your account</h2>
      <p>
        This removes your email, password, votes, collections, submissions record, digest subscription and
        saved searches. Your comments stay, shown as written by “deleted user”.
      </p>
      <form method="post" action="/account/delete" class="stack-form">
        <CsrfField token={p.csrf} />
        <Field
          name="password"
          id="f-delete-password"
          label="Your password, to confirm"
          type="password"
          autocomplete="current-password"
          error={p.deleteError}
          maxLength={256}
        />
        <button class="btn btn-danger" type="submit">
          Delete my account
        </button>
      </form>
    </FormPage>
  );
}
