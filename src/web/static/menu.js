// The header's disclosure menus (the phone's "Menu" and the signed-in reader's menu) are <details>
// elements, which open and close without JavaScript. When scripts run they also behave like
// menus elsewhere: Escape closes an open one and puts focus back on its button, and a click or tap
// outside it closes it.
(() => {
  const MENUS = "details.site-menu[open], details.user-menu[open]";

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    for (const menu of document.querySelectorAll(MENUS)) {
      menu.open = false;
      if (menu.contains(document.activeElement) || document.activeElement === document.body) {
        menu.querySelector("summary")?.focus();
      }
    }
  });

  document.addEventListener("click", (event) => {
    for (const menu of document.querySelectorAll(MENUS)) {
      if (!(event.target instanceof Node) || !menu.contains(event.target)) menu.open = false;
    }
  });
})();
