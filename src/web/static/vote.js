// Upvote without a page reload. Without JavaScript the vote form posts and the server redirects
// back; with it, the same form is sent with fetch and the button updates in place.
(() => {
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("vote-form")) return;
    event.preventDefault();
    const button = form.querySelector("button");
    const value = form.querySelector('input[name="value"]');
    const count = form.querySelector(".votes-n");
    const label = form.querySelector(".vote-label");
    if (!button || !value || !count) return;
    button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
      });
      if (res.status === 401) {
        window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
        return;
      }
      if (!res.ok) throw new Error(`vote failed: ${res.status}`);
      const data = await res.json();
      count.textContent = String(data.upvotes);
      button.setAttribute("aria-pressed", data.upvoted ? "true" : "false");
      value.value = data.upvoted ? "0" : "1";
      if (label) label.textContent = data.upvoted ? "Remove upvote" : "Upvote";
    } catch {
      // Fall back to the plain form post, which always works.
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
