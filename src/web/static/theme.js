// Light/dark theme. The page follows the system setting (prefers-color-scheme) until the reader
// picks a theme with the header toggle; the pick is remembered in localStorage. Loaded blocking in
// <head>, so a remembered theme is applied before the first paint.
(() => {
  const KEY = "papertide-theme";
  const root = document.documentElement;
  const systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  // Tells the stylesheet that scripts run (math.js will lay out KaTeX; the toggle will work).
  root.classList.add("js");

  function stored() {
    try {
      const value = localStorage.getItem(KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch {
      return null; // storage disabled: fall back to the system setting
    }
  }

  function current() {
    return stored() ?? (systemDark.matches ? "dark" : "light");
  }

  const remembered = stored();
  if (remembered) root.dataset.theme = remembered;

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.getElementById("theme-toggle");
    if (!button) return;
    const sync = () => button.setAttribute("aria-pressed", String(current() === "dark"));
    button.addEventListener("click", () => {
      const next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Not remembered, but this page still switches.
      }
      sync();
    });
    systemDark.addEventListener("change", sync);
    sync();
    button.hidden = false;
  });
})();
