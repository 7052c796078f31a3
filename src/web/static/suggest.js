// Search-as-you-type in the header box. Without JavaScript the box is a plain GET form to
// /search; with it, the box becomes an ARIA 1.2 combobox: authors and titles from
// /api/papers/suggest (or papers by id, when an arXiv id is being typed) appear
// in a listbox as you type (debounced, stale answers dropped), ArrowDown/ArrowUp move through
// them, Enter opens the chosen paper (or searches when none is chosen), Escape closes the list.
(() => {
  const input = document.getElementById("header-search-input");
  if (!(input instanceof HTMLInputElement) || !input.form) return;
  const form = input.form;
  const DEBOUNCE_MS = 120;
  const MIN_CHARS = 2;
  const LIMIT = 8;

  const listbox = document.createElement("ul");
  listbox.id = "header-search-listbox";
  listbox.className = "suggest-listbox";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", "Suggested authors and papers");
  listbox.hidden = true;
  // Announces how many suggestions there are (the listbox itself is silent until entered).
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.append(listbox, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("aria-expanded", "false");
  // The browser's own history dropdown would cover ours.
  input.setAttribute("autocomplete", "off");

  /** @type {({kind: "paper", id: string, title: string, authors: {name: string}[], publishedAt: string | null} | {kind: "author", name: string, papers: number, url: string})[]} */
  let items = [];
  let active = -1;
  let timer = 0;
  let controller = null;
  const cache = new Map();

  const paperPath = (id) => `/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
  // Titles may hold TeX; the list shows its source without the dollar signs.
  const plainTitle = (t) => t.replace(/\$/g, "").replace(/\s+/g, " ").trim();

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(i) {
    const options = listbox.querySelectorAll('[role="option"]');
    options.forEach((o, j) => {
      o.setAttribute("aria-selected", j === i ? "true" : "false");
    });
    active = i;
    if (i >= 0 && options[i]) {
      input.setAttribute("aria-activedescendant", options[i].id);
      options[i].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(list, query) {
    items = list;
    listbox.replaceChildren();
    list.forEach((s, i) => {
      const li = document.createElement("li");
      li.id = `header-search-option-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "suggest-option";
      if (s.kind === "author") {
        // "Yann LeCun · 12 papers": the author's page.
        const name = document.createElement("span");
        name.className = "suggest-title";
        name.textContent = s.name;
        const meta = document.createElement("span");
        meta.className = "suggest-meta";
        meta.textContent = `Author · ${s.papers} paper${s.papers === 1 ? "" : "s"}`;
        li.append(name, meta);
        li.addEventListener("mousedown", (e) => e.preventDefault());
        li.addEventListener("click", () => open(i));
        listbox.append(li);
        return;
      }
      const title = document.createElement("span");
      title.className = "suggest-title";
      title.textContent = plainTitle(s.title);
      const meta = document.createElement("span");
      meta.className = "suggest-meta";
      const who = s.authors.length ? s.authors[0].name + (s.authors.length > 1 ? " et al." : "") : "";
      const year = s.publishedAt ? s.publishedAt.slice(0, 4) : "";
      meta.textContent = [who, year].filter(Boolean).join(" · ");
      li.append(title, meta);
      // mousedown would blur the input (and close the list) before the click lands.
      li.addEventListener("mousedown", (e) => e.preventDefault());
      li.addEventListener("click", () => open(i));
      listbox.append(li);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (list.length === 0) {
      close();
      status.textContent = query.length >= MIN_CHARS ? "No suggestions" : "";
      return;
    }
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = `${list.length} suggestion${list.length === 1 ? "" : "s"}, use the arrow keys to choose`;
  }

  function open(i) {
    const s = items[i];
    if (!s) return;
    // An author's page is on this site: its path, whatever host the API named.
    if (s.kind === "author") window.location.assign(new URL(s.url, window.location.href).pathname);
    else window.location.assign(paperPath(s.id));
  }

  async function fetchSuggestions(query) {
    if (cache.has(query)) return render(cache.get(query), query);
    controller?.abort();
    controller = new AbortController();
    try {
      const params = new URLSearchParams({ q: query, limit: String(LIMIT) });
      const res = await fetch(`/api/papers/suggest?${params}`, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (!res.ok) return close();
      const list = await res.json();
      cache.set(query, list);
      // An answer to an older keystroke is dropped: only the text in the box counts.
      if (input.value === query) render(list, query);
    } catch (err) {
      if (err?.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const query = input.value;
    if (query.trim().length < MIN_CHARS) {
      controller?.abort();
      render([], "");
      return;
    }
    timer = window.setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (e) => {
    const expanded = !listbox.hidden && items.length > 0;
    switch (e.key) {
      case "ArrowDown":
        if (!expanded) {
          if (items.length > 0 && input.value.trim().length >= MIN_CHARS) {
            listbox.hidden = false;
            input.setAttribute("aria-expanded", "true");
            setActive(0);
          }
        } else setActive(active + 1 >= items.length ? 0 : active + 1);
        e.preventDefault();
        break;
      case "ArrowUp":
        if (expanded) {
          setActive(active <= 0 ? items.length - 1 : active - 1);
          e.preventDefault();
        }
        break;
      case "Enter":
        if (expanded && active >= 0) {
          e.preventDefault();
          open(active);
        }
        // Otherwise the form submits: the search page.
        break;
      case "Escape":
        if (expanded) {
          e.preventDefault();
          close();
        }
        break;
      case "Tab":
        close();
        break;
    }
  });

  input.addEventListener("blur", () => close());
  input.addEventListener("focus", () => {
    if (items.length > 0 && input.value.trim().length >= MIN_CHARS) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  });
})();
