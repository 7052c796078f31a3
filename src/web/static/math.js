// KaTeX positions glyphs with inline styles. The CSP (style-src 'self') forbids style attributes in
// HTML, so the server moves them to data-ks; styles set through the CSSOM are allowed.
(() => {
  for (const el of document.querySelectorAll("[data-ks]")) {
    el.style.cssText = el.dataset.ks;
  }
  // A display formula wider than the column scrolls; keyboard users must be able to scroll it too.
  for (const block of document.querySelectorAll(".katex-display")) {
    if (block.scrollWidth > block.clientWidth) block.tabIndex = 0;
  }
  document.documentElement.classList.add("math-ready");
})();
