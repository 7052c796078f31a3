// "Get trending papers in your email inbox": the digest sign-up form on every page (POST
// /subscribe, handled by src/web/digest/subscribe.tsx: double opt-in, daily or weekly, chosen topics).
import { Icon } from "./Icons.tsx";

export function SubscribeBox() {
  return (
    <section class="subscribe" aria-labelledby="subscribe-heading">
      <div class="container subscribe-inner">
        <div class="subscribe-text">
          <span class="subscribe-icon">
            <Icon name="mail" />
          </span>
          <div>
            <h2 id="subscribe-heading">Get trending papers in your email inbox</h2>
            <p>A short digest of the papers the community upvotes most.</p>
          </div>
        </div>
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
      </div>
    </section>
  );
}
