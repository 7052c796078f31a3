// /submit: put a paper on today's list by arXiv id or URL.
import { CsrfField, Field, FormPage } from "../components/forms.tsx";
import type { Site } from "../components/Layout.tsx";

export function SubmitPage(p: {
  site: Site;
  csrf: string;
  value?: string;
  error?: string;
  verified: boolean;
  maxAgeDays: number;
  cap: number;
}) {
  return (
    <FormPage
      site={p.site}
      title="Submit a paper"
      path="/submit"
      intro={
        <p>
          Put a recent arXiv paper on today’s list. Papers first posted in the last {p.maxAgeDays} days; up to{" "}
          {p.cap} a day.
        </p>
      }
    >
      {p.verified ? null : (
        <p class="form-error" role="alert">
          Confirm your email address first (see <a href="/account">your account</a>).
        </p>
      )}
      <form method="post" action="/submit" class="stack-form">
        <CsrfField token={p.csrf} />
        <Field
          name="paper"
          label="arXiv id or URL"
          value={p.value}
          error={p.error}
          hint="e.g. 2606.12345 or https://arxiv.org/abs/2606.12345"
          maxLength={300}
        />
        <button class="btn btn-primary" type="submit">
          Submit
        </button>
      </form>
    </FormPage>
  );
}
