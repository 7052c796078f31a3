// "Get trending papers in your email inbox": the digest sign-up form on every page (POST
// /subscribe, handled by src/web/digest/subscribe.tsx: double opt-in, daily or weekly, chosen
// topics). A signed-in reader has an address already: they see their digest settings and a link
// to change them on /account instead of an email field.
import { currentViewer, type Viewer } from "../http/viewer.ts";
import { Icon } from "./Icons.tsx";

export function SubscribeBox() {
  const viewer = currentViewer();
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <div class="container subscribe-inner">
        {viewer?.user ? <ReaderDigest subscription={viewer.subscription} /> : <SignUpForm />}
      </div>
    </section>
  );
}

function Heading({ title, text }: { title: string; text: string }) {
  return (
    <div class="subscribe-text">
      <span class="subscribe-icon">
        <Icon name="mail" />
      </span>
      <div>
        <h2 id="subscribe-heading">{title}</h2>
        <p>{text}</p>
      </div>
    </div>
  );
}

const FREQUENCY_TEXT = { daily: "the daily digest (weekdays)", weekly: "the weekly digest (Mondays)" };

function ReaderDigest({ subscription: s }: { subscription: Viewer["subscription"] }) {
  const [title, text, action] =
    s?.status === "active"
      ? ["Your email digest", `You get ${FREQUENCY_TEXT[s.frequency]}.`, "Manage"]
      : s?.status === "pending"
        ? ["Your email digest", "Waiting for you to confirm your address (see the mail we sent).", "Manage"]
        : s?.status === "bouncing"
          ? ["Your email digest", "Paused: mails to your address bounced.", "Manage"]
          : [
              "Get trending papers in your email inbox",
              "A short digest of the papers the community upvotes most, to your account’s address.",
              "Subscribe",
            ];
  return (
    <>
      <Heading title={title} text={text} />
      <p class="subscribe-form">
        <a class={action === "Subscribe" ? "btn btn-primary" : "btn"} href="/account#digest-settings">
          {action}
          {action === "Manage" ? <span class="visually-hidden"> your digest</span> : null}
        </a>
      </p>
    </>
  );
}

function SignUpForm() {
  return (
    <>
      <Heading
        title="Get trending papers in your email inbox"
        text="A short digest of the papers the community upvotes most."
      />
      <form class="subscribe-form" method="post" action="/subscribe">
        <label class="visually-hidden" for="subscribe-email">
          Email address
        </label>
        <input
          id="subscribe-email"
          name="email"
          type="email"
          required
          maxLength={320}
          autocomplete="email"
          placeholder="you@university.edu"
        />
        <button class="btn btn-primary" type="submit">
          Subscribe
        </button>
      </form>
    </>
  );
}
