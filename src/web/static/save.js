// Save without a page reload. Without JavaScript the save form posts and the server redirects
// back, and "Collections…" is a link to the /save/<id> page; with it, the same form is sent with
// fetch and the button flips in place, and "Collections…" opens a popover listing the reader's
// collections (from that page's JSON answer) whose checkboxes file and unfile the paper at once,
// with a small form that makes a new collection holding the paper.
(() => {
  const json = { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" };

  /** POSTs form fields; null after sending a signed-out reader to sign in. */
  async function post(url, fields) {
    const res = await fetch(url, {
      method: "POST",
      headers: json,
      body: new URLSearchParams(fields),
      credentials: "same-origin",
    });
    if (res.status === 401) {
      window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
      return null;
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.message || `request failed: ${res.status}`);
    return data;
  }

  /** Every Save button of this paper on the page (a paper can show twice) shows `saved`. */
  function showSaved(paperId, saved) {
    for (const form of document.querySelectorAll("form.save-form")) {
      const paper = form.querySelector('input[name="paper"]');
      if (!paper || paper.value !== paperId) continue;
      const button = form.querySelector("button");
      const value = form.querySelector('input[name="value"]');
      const label = form.querySelector(".save-label");
      if (!button || !value || !label) continue;
      button.setAttribute("aria-pressed", saved ? "true" : "false");
      value.value = saved ? "0" : "1";
      label.textContent = saved ? "Saved" : "Save";
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("save-form")) return;
    event.preventDefault();
    closePopover(false);
    const button = form.querySelector("button");
    const paper = form.querySelector('input[name="paper"]');
    if (!button || !paper) return;
    button.disabled = true;
    try {
      const data = await post(form.action, new FormData(form));
      if (data) showSaved(paper.value, data.saved);
    } catch {
      // Fall back to the plain form post, which always works.
      form.submit();
    } finally {
      button.disabled = false;
    }
  });

  // ---- The "Save to…" popover ----
  let open = null; // { trigger, popover }
  let counter = 0;

  function el(tag, attrs = {}, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function closePopover(returnFocus) {
    if (!open) return;
    const { trigger, popover } = open;
    open = null;
    popover.remove();
    trigger.setAttribute("aria-expanded", "false");
    if (returnFocus) trigger.focus();
  }

  function csrfNear(trigger) {
    const field = trigger.closest(".save-control")?.querySelector('input[name="_csrf"]');
    return field ? field.value : "";
  }

  function renderList(list, paperId, csrf, status, collections) {
    list.replaceChildren();
    for (const c of collections) {
      const id = `save-pop-c-${++counter}`;
      const box = el("input", { type: "checkbox", id });
      box.checked = c.holds;
      const label = el("label", { for: id });
      label.append(box, document.createTextNode(` ${c.name}`));
      const chip = el("span", { class: "chip" }, c.isPublic ? "public" : "private");
      const item = el("li");
      item.append(label, document.createTextNode(" "), chip);
      list.append(item);
      box.addEventListener("change", async () => {
        const wanted = box.checked;
        box.disabled = true;
        try {
          const data = await post("/saved", {
            _csrf: csrf,
            paper: paperId,
            collection: c.id,
            value: wanted ? "1" : "0",
          });
          if (!data) return;
          const anyChecked = [...list.querySelectorAll('input[type="checkbox"]')].some((b) => b.checked);
          showSaved(paperId, anyChecked);
          status.textContent = wanted ? `Saved to ${c.name}.` : `Removed from ${c.name}.`;
        } catch (error) {
          box.checked = !wanted;
          status.textContent = `Not changed: ${error.message}`;
        } finally {
          box.disabled = false;
        }
      });
    }
  }

  async function openPopover(trigger) {
    const paperId = trigger.dataset.paper;
    const csrf = csrfNear(trigger);
    const res = await fetch(trigger.href, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (res.status === 401) {
      window.location.href = `/login?next=${encodeURIComponent(window.location.pathname)}`;
      return;
    }
    if (!res.ok) throw new Error(`collections: ${res.status}`);
    const data = await res.json();
    closePopover(false);

    const titleId = `save-pop-title-${++counter}`;
    const popover = el("div", { class: "save-popover", role: "dialog", "aria-labelledby": titleId });
    popover.append(el("p", { class: "save-popover-title", id: titleId }, "Save to collections"));
    const list = el("ul", { class: "save-popover-list" });
    const status = el("p", { class: "save-popover-status", role: "status" });
    if (data.collections.length === 0) status.textContent = "You have no collections yet: make one below.";
    renderList(list, paperId, csrf, status, data.collections);

    const form = el("form", {
      class: "save-popover-new",
      method: "post",
      action: trigger.getAttribute("href"),
    });
    const nameId = `save-pop-name-${++counter}`;
    const name = el("input", { id: nameId, name: "new_name", maxlength: "100", required: "" });
    const publicBox = el("input", { type: "checkbox", name: "new_public", value: "1" });
    const publicLabel = el("label");
    publicLabel.append(publicBox, document.createTextNode(" Public"));
    const create = el("button", { type: "submit", class: "btn" }, "Create and save");
    form.append(el("label", { for: nameId }, "New collection…"), name, publicLabel, create);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      create.disabled = true;
      try {
        const made = await post(trigger.href, {
          _csrf: csrf,
          shown: "",
          new_name: name.value,
          new_public: publicBox.checked ? "1" : "",
        });
        if (!made) return;
        renderList(list, paperId, csrf, status, made.collections);
        showSaved(paperId, made.saved);
        const created = made.collections.find((c) => c.id === made.created);
        status.textContent = created ? `Saved to ${created.name}.` : "Saved.";
        name.value = "";
        publicBox.checked = false;
      } catch (error) {
        status.textContent = `Not created: ${error.message}`;
      } finally {
        create.disabled = false;
      }
    });

    const done = el("button", { type: "button", class: "link-btn save-popover-close" }, "Done");
    done.addEventListener("click", () => closePopover(true));
    popover.append(list, status, form, done);
    trigger.after(popover);
    trigger.setAttribute("aria-expanded", "true");
    open = { trigger, popover };
    (popover.querySelector('input[type="checkbox"]') || name).focus();
  }

  for (const trigger of document.querySelectorAll("a.save-to")) {
    trigger.setAttribute("aria-haspopup", "dialog");
    trigger.setAttribute("aria-expanded", "false");
  }

  document.addEventListener("click", async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const trigger = target?.closest("a.save-to");
    if (trigger) {
      event.preventDefault();
      if (open && open.trigger === trigger) {
        closePopover(true);
        return;
      }
      try {
        await openPopover(trigger);
      } catch {
        // The page behind the link always works.
        window.location.href = trigger.href;
      }
      return;
    }
    if (open && target && !open.popover.contains(target)) closePopover(false);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) closePopover(true);
  });
})();
