// "Not interested" on For you without a page reload. Without JavaScript the form posts and the
// server answers with the page and an Undo notice; with it, the same form is sent with fetch, the
// card is hidden in place and a notice with Undo takes its spot (Undo posts value=0 the same way).
(() => {
  const headers = { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" };

  async function post(form, value) {
    const fields = new FormData(form);
    fields.set("value", value);
    const res = await fetch(form.action, {
      method: "POST",
      headers,
      body: new URLSearchParams(fields),
      credentials: "same-origin",
    });
    if (!res.ok) throw new Error(`request failed: ${res.status}`);
    return res.json();
  }

  function notice(item, form) {
    const box = document.createElement("div");
    box.className = "form-notice dismissed-notice";
    box.setAttribute("role", "status");
    const text = document.createElement("span");
    const title = item.querySelector(".card-title");
    text.textContent = `Removed${title ? ` “${title.textContent.trim()}”` : ""}: it will not be shown again.`;
    const undo = document.createElement("button");
    undo.type = "button";
    undo.className = "btn btn-sm";
    undo.textContent = "Undo";
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      try {
        await post(form, "0");
        box.remove();
        item.classList.remove("is-dismissed");
        form.querySelector("button")?.focus();
      } catch {
        undo.disabled = false;
      }
    });
    box.append(text, undo);
    return box;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("not-interested-form")) return;
    const item = form.closest("li");
    if (!item) return;
    event.preventDefault();
    const button = form.querySelector("button");
    if (button) button.disabled = true;
    try {
      await post(form, "1");
      item.classList.add("is-dismissed");
      const box = notice(item, form);
      item.append(box);
      box.querySelector("button")?.focus();
    } catch {
      // Fall back to the plain form post, which always works.
      form.submit();
    } finally {
      if (button) button.disabled = false;
    }
  });
})();
