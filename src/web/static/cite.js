// The Cite box's "Copy BibTeX" button: shown only where the page can copy (a secure context with
// the Clipboard API); without it the entry stays selectable in the box.
(() => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.getAttribute("data-copy"));
    const status = button.parentElement?.querySelector(".cite-status");
    if (!source) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.textContent ?? "").then(
        () => {
          if (status) status.textContent = "Copied";
        },
        () => {
          if (status) status.textContent = "Copy failed: select the text instead";
        },
      );
    });
  }
})();
