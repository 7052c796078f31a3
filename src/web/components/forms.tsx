// Building blocks of the account and community forms: the CSRF field every POST form carries,
// labelled inputs with their error, and the page frame.
import type { ComponentChildren } from "preact";
import { Layout, type Site } from "./Layout.tsx";

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Field({
  name,
  label,
  type = "text",
  value,
  error,
  autocomplete,
  required = true,
  hint,
  maxLength,
  id: givenId,
}: {
  name: string;
  /** When a page has two fields of one name (several forms): defaults to f-<name>. */
  id?: string;
  label: string;
  type?: "text" | "email" | "password" | "url";
  value?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  maxLength?: number;
}) {
  const id = givenId ?? `f-${name}`;
  const described =
    [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field field-error" : "field"}>
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type as "text"}
        value={value ?? ""}
        required={required}
        autocomplete={autocomplete}
        maxLength={maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
      />
      {hint ? (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function FormPage({
  site,
  title,
  path,
  intro,
  notice,
  children,
}: {
  site: Site;
  title: string;
  path: string;
  intro?: ComponentChildren;
  /** A status line above the form (role=status), e.g. "Your password was changed." */
  notice?: string;
  children: ComponentChildren;
}) {
  return (
    <Layout meta={{ title, path, noindex: true }} site={site}>
      <div class="container narrow">
        <section class="form-page" aria-labelledby="form-heading">
          <h1 id="form-heading">{title}</h1>
          {notice ? (
            <p class="notice" role="status">
              {notice}
            </p>
          ) : null}
          {intro}
          {children}
        </section>
      </div>
    </Layout>
  );
}
