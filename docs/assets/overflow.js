/* The academy site — what scrolls sideways says so (a line above it, a shadow on its edge).
 * Code blocks, notebook outputs and wide tables can be wider than a phone: each one that
 * overflows its box gets data-academy-overflow (styled in academy.css) and, just before it,
 * « Faites glisser vers la gauche pour voir la suite → ». Checked again when the window resizes.
 */
(function () {
  "use strict";

  var SCROLLERS = "pre, pre > code, .md-typeset__scrollwrap, .jp-OutputArea-output, .tabbed-labels";
  var CUE = "Faites glisser vers la gauche pour voir la suite →";

  function block(el) {
    return el.closest("div.highlight, .highlight-ipynb, .md-typeset__scrollwrap, .jp-OutputArea-child") || el.closest("pre") || el;
  }

  function mark() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    article.querySelectorAll(SCROLLERS).forEach(function (el) {
      var style = getComputedStyle(el);
      var scrolls = (style.overflowX === "auto" || style.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1;
      var target = block(el);
      var cue = target.previousElementSibling;
      var hasCue = cue && cue.classList.contains("academy-scroll-cue");
      if (scrolls) {
        el.setAttribute("data-academy-overflow", "");
        if (!hasCue) {
          cue = document.createElement("p");
          cue.className = "academy-scroll-cue";
          cue.setAttribute("aria-hidden", "true");  // a visual hint; the content itself is all there for screen readers
          cue.textContent = CUE;
          target.parentNode.insertBefore(cue, target);
        }
      } else if (el.hasAttribute("data-academy-overflow")) {
        el.removeAttribute("data-academy-overflow");
        if (hasCue && !target.querySelector("[data-academy-overflow]")) cue.remove();
      }
    });
  }

  var timer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(mark, 150);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("load", mark);  // images and fonts change widths
})();
