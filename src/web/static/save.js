// Save without a page reload. Without JavaScript the save form posts and the server redirects
// back; with it, the same form is sent with fetch and the button flips in place.
(() => {
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("save-form")) return;
    event.preventDefault();
    const button = form.querySelector("button");
    const value = form.querySelector('input[name="value"]');
    const label = form.querySelector(".save-label");
    if (!button || !value || !label) return;
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
      if (!res.ok) throw new Error(`save failed: ${res.status}`);
      const data = await res.json();
      button.setAttribute("aria-pressed", data.saved ? "true" : "false");
      value.value = data.saved ? "0" : "1";
      label.textContent = data.saved ? "Saved" : "Save";
    } catch {
      // Fall back to the plain form post, which always works.
      form.submit();
    } finally {
      button.disabled = false;
    }
  });
})();
