// The parts of /account that change the account itself: the public name, the address (with the
// change waiting for its link, if any) and the password. Each form posts to its own route
// (accountChanges.tsx) and comes back here with its errors.
import type { User } from "../../store/users.ts";
import { CsrfField, Field } from "../components/forms.tsx";

/** What a change form sent back: its errors and what the reader typed (never a password). */
export interface AccountChangeState {
  handle?: { value?: string; error?: string };
  email?: { value?: string; error?: string; currentError?: string };
  password?: { currentError?: string; error?: string };
  /** The address a mailed link waits to confirm. */
  pendingEmail?: string | null;
}

export function AccountChangeForms(p: { csrf: string; user: User; state: AccountChangeState }) {
  const { handle, email, password, pendingEmail } = p.state;
  return (
    <>
      <section aria-labelledby="change-handle">
        <h2 id="change-handle">Public name</h2>
        <p>
          Your profile is at <a href={`/u/${encodeURIComponent(p.user.handle)}`}>/u/{p.user.handle}</a>. After
          a change, links to the old name lead to the new one, and nobody else can take the old name.
        </p>
        <form method="post" action="/account/handle" class="stack-form">
          <CsrfField token={p.csrf} />
          <Field
            name="handle"
            id="f-new-handle"
            label="New public name"
            autocomplete="username"
            value={handle?.value ?? p.user.handle}
            error={handle?.error}
            hint="2 to 30 letters, digits, - and _."
            maxLength={30}
          />
          <button class="btn" type="submit">
            Change name
          </button>
        </form>
      </section>
      <section aria-labelledby="change-email">
        <h2 id="change-email">Email address</h2>
        <p>
          We mail a link to the new address; the change takes effect when you open it, and your current
          address is told about it.
        </p>
        {pendingEmail ? (
          <p class="notice" role="status">
            Waiting for confirmation: {pendingEmail}. Open the link we mailed there.
          </p>
        ) : null}
        <form method="post" action="/account/email" class="stack-form">
          <CsrfField token={p.csrf} />
          <Field
            name="email"
            id="f-new-email"
            label="New email address"
            type="email"
            autocomplete="email"
            value={email?.value}
            error={email?.error}
            maxLength={320}
          />
          <Field
            name="current"
            id="f-email-current"
            label="Your current password"
            type="password"
            autocomplete="current-password"
            error={email?.currentError}
            maxLength={256}
          />
          <button class="btn" type="submit">
            Send the confirmation link
          </button>
        </form>
      </section>
      <section aria-labelledby="change-password">
        <h2 id="change-password">Password</h2>
        <p>Changing it signs you out everywhere else; this browser stays signed in.</p>
        <form method="post" action="/account/password" class="stack-form">
          <CsrfField token={p.csrf} />
          <Field
            name="current"
            id="f-password-current"
            label="Current password"
            type="password"
            autocomplete="current-password"
            error={password?.currentError}
            maxLength={256}
          />
          <Field
            name="password"
            id="f-new-password"
            label="New password"
            type="password"
            autocomplete="new-password"
            error={password?.error}
            hint="At least 10 characters."
            maxLength={256}
          />
          <button class="btn" type="submit">
            Change password
          </button>
        </form>
      </section>
    </>
  );
}
