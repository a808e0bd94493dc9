/* The academy site — the site's only script: presenter mode for talk pages, link targets and
 * open blocks for print, and accessibility fixes for markup that extensions generate.
 *
 * A talk page becomes slides: a title slide from the h1, then one slide per h2 section.
 * The presenter notes (details.intervenant) never appear on a slide: they are shown in the
 * presenter window (this page opened with #presenter), kept in sync with BroadcastChannel,
 * or on the main screen with the N key when there is only one screen.
 * No library, no network request: everything comes from the page itself.
 */
(() => {
  "use strict";

  const NOTES = "details.intervenant";
  const SKIPPED = ".academy-actions, .md-content__button, .md-source-file, script, style";
  const CONSOLE_HASH = "#presenter";
  const article = document.querySelector("article.md-content__inner");

  /* ---------- Print: show where each link goes, and open the collapsible blocks ---------- */

  // Relative links are resolved against the canonical address, so a handout printed from a
  // local copy still shows the public address of each page. Done when printing, not on load.
  function annotateLinks() {
    if (!article) return;
    const canonical = document.querySelector('link[rel="canonical"]');
    const base = canonical ? canonical.href : location.href;
    for (const link of article.querySelectorAll("a[href]:not([data-print-href])")) {
      const href = link.getAttribute("href");
      if (href.startsWith("#") || href.startsWith("mailto:") || link.matches(".headerlink, .footnote-backref, .md-content__button")) continue;
      const text = link.textContent.trim();
      if (text === "") continue;
      let target;
      try {
        target = new URL(href, base).href;
      } catch (error) {
        continue;
      }
      if (target.replace(/\/$/, "") !== text.replace(/\/$/, "")) link.dataset.printHref = target;
    }
  }

  // Closed <details> do not print their content: open them for print, and close them again after.
  // Presenter notes stay closed: the print stylesheet hides them from handouts.
  let openedForPrint = [];
  window.addEventListener("beforeprint", () => {
    annotateLinks();
    openedForPrint = [...document.querySelectorAll("details:not([open]):not(.intervenant)")];
    for (const details of openedForPrint) details.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const details of openedForPrint) details.open = false;
    openedForPrint = [];
  });

  /* ---------- Accessibility fixes for generated markup ---------- */

  // Python-Markdown's task lists draw a disabled check box with no label (WCAG 4.1.2).
  for (const box of document.querySelectorAll(".task-list-item input[type='checkbox']:not([aria-label])")) {
    const item = box.closest(".task-list-item");
    if (item) box.setAttribute("aria-label", item.textContent.replace(/\s+/g, " ").trim().slice(0, 200));
  }
  // Notebook code cells and tables scroll sideways on small screens: keyboard users must be able
  // to reach them to scroll them (WCAG 2.1.1), as Material does for its own code blocks.
  // Which element scrolls depends on the notebook stylesheet: ask the computed style.
  const scrolling = /^(auto|scroll)$/;
  for (const region of document.querySelectorAll(".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper .highlight-ipynb pre, .jupyter-wrapper .jp-OutputArea-output, .jupyter-wrapper .jp-OutputArea-output pre")) {
    if (!region.hasAttribute("tabindex") && scrolling.test(getComputedStyle(region).overflowX)) region.tabIndex = 0;
  }

  /* ---------- Slides, read from the page ---------- */

  const button = document.querySelector("[data-academy-present]");
  if (!article || !article.querySelector("h1") || !(button || location.hash === CONSOLE_HASH)) return;

  const channel = "BroadcastChannel" in window ? new BroadcastChannel(`academy-presenter:${location.pathname}`) : null;

  function headingText(heading) {
    const copy = heading.cloneNode(true);
    for (const link of copy.querySelectorAll(".headerlink")) link.remove();
    return copy.textContent.trim();
  }

  // Clones get prefixed ids (and matching for/name/aria references) so the page keeps unique ids
  // and tabbed blocks inside a slide still work.
  function cloneForSlide(node, prefix) {
    const copy = node.cloneNode(true);
    const all = copy.nodeType === Node.ELEMENT_NODE ? [copy, ...copy.querySelectorAll("*")] : [];
    for (const element of all) {
      if (element.matches(".headerlink")) {
        element.remove();
        continue;
      }
      if (element.id) element.id = prefix + element.id;
      for (const attribute of ["for", "aria-controls", "aria-labelledby", "aria-describedby"]) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.split(/\s+/).map((id) => prefix + id).join(" "));
      }
      if (element.matches("input[name]")) element.name = prefix + element.name;
    }
    return copy;
  }

  function readSlides() {
    const h1 = article.querySelector("h1");
    const slides = [{ title: headingText(h1), nodes: [], notes: [], ids: new Set(), isTitle: true }];
    for (const child of article.children) {
      if (child.matches(SKIPPED) || child === h1) continue;
      if (child.tagName === "H2") slides.push({ title: headingText(child), nodes: [], notes: [], ids: new Set(), isTitle: false });
      const slide = slides[slides.length - 1];
      if (child.id) slide.ids.add(child.id);
      for (const element of child.querySelectorAll("[id]")) slide.ids.add(element.id);
      if (child.matches(NOTES)) slide.notes.push(child);
      else {
        if (child.tagName !== "H2") slide.nodes.push(child);
        for (const notes of child.querySelectorAll(NOTES)) slide.notes.push(notes);
      }
    }
    return slides;
  }

  // The notes' content without their « Notes pour l'intervenant » summary.
  function notesContent(slide, prefix) {
    const fragment = document.createDocumentFragment();
    for (const notes of slide.notes) {
      for (const child of notes.children) {
        if (child.tagName !== "SUMMARY") fragment.append(cloneForSlide(child, prefix));
      }
    }
    return fragment;
  }

  function slideContent(slide, index, prefix) {
    const fragment = document.createDocumentFragment();
    const heading = document.createElement(slide.isTitle ? "h1" : "h2");
    heading.textContent = slide.title;
    heading.className = "academy-deck__title";
    fragment.append(heading);
    if (slide.isTitle) {
      const site = document.querySelector(".md-header__title .md-ellipsis");
      if (site) {
        const subtitle = document.createElement("p");
        subtitle.className = "academy-deck__subtitle";
        subtitle.textContent = site.textContent.trim();
        fragment.append(subtitle);
      }
    }
    for (const node of slide.nodes) {
      const copy = cloneForSlide(node, prefix);
      for (const notes of copy.querySelectorAll(NOTES)) notes.remove();
      fragment.append(copy);
    }
    return fragment;
  }

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text) element.textContent = text;
    return element;
  }

  function makeButton(label, className, action) {
    const element = make("button", `academy-deck__button ${className || ""}`.trim(), label);
    element.type = "button";
    element.addEventListener("click", action);
    return element;
  }

  function isInteractive(target) {
    return target instanceof Element && !!target.closest("a, button, input, select, textarea, summary, [contenteditable]");
  }

  // The rest of the page is inert while a full-screen layer is open: focus and screen readers stay in it.
  function setInert(layer, inert) {
    for (const element of document.body.children) {
      if (element !== layer) element.inert = inert;
    }
  }

  function formatTime(ms) {
    const seconds = Math.max(0, Math.floor(ms / 1000));
    const minutes = Math.floor(seconds / 60);
    const pad = (n) => String(n).padStart(2, "0");
    return minutes >= 60 ? `${Math.floor(minutes / 60)}:${pad(minutes % 60)}:${pad(seconds % 60)}` : `${pad(minutes)}:${pad(seconds % 60)}`;
  }

  /* ---------- The slides, on the screen the room sees ---------- */

  const deck = {
    slides: null,
    index: 0,
    layer: null,
    slide: null,
    counter: null,
    notesPanel: null,
    notesButton: null,
    returnFocus: null,
    startedAt: 0,
    openingConsole: false,

    open() {
      if (this.layer) return;
      this.slides = readSlides();
      this.returnFocus = document.activeElement;
      this.startedAt = Date.now();
      const layer = make("div", "academy-deck");
      layer.setAttribute("role", "dialog");
      layer.setAttribute("aria-modal", "true");
      layer.setAttribute("aria-label", `Diaporama : ${this.slides[0].title}`);

      this.slide = make("div", "academy-deck__slide md-typeset");
      this.slide.tabIndex = 0; // reachable with Tab, so keyboard users can scroll a long slide
      this.slide.setAttribute("role", "group");
      this.slide.setAttribute("aria-roledescription", "diapositive");
      this.slide.addEventListener("click", (event) => this.followLink(event));

      this.notesPanel = make("aside", "academy-deck__notes md-typeset");
      this.notesPanel.setAttribute("aria-label", "Notes pour l'intervenant");
      this.notesPanel.hidden = true;

      const bar = make("div", "academy-deck__bar");
      this.counter = make("p", "academy-deck__counter");
      this.counter.setAttribute("aria-live", "polite");
      this.counter.setAttribute("aria-atomic", "true");
      this.notesButton = makeButton("Notes", "", () => this.toggleNotes());
      this.notesButton.setAttribute("aria-pressed", "false");
      this.notesButton.title = "Afficher les notes sur cet écran (touche N)";
      const buttons = make("div", "academy-deck__buttons");
      buttons.append(
        makeButton("Précédente", "", () => this.go(this.index - 1)),
        makeButton("Suivante", "", () => this.go(this.index + 1)),
        this.notesButton,
        makeButton("Fenêtre de l'intervenant", "", () => this.openConsole()),
        makeButton("Quitter", "academy-deck__quit", () => this.close()),
      );
      bar.append(this.counter, buttons);
      layer.append(this.slide, this.notesPanel, bar);
      document.body.append(layer);
      document.documentElement.classList.add("academy-deck-open");
      setInert(layer, true);
      this.layer = layer;

      window.addEventListener("keydown", this.onKey, true);
      document.addEventListener("fullscreenchange", this.onFullscreen);
      if (layer.requestFullscreen) layer.requestFullscreen({ navigationUI: "hide" }).catch(() => {});
      this.go(0);
    },

    close() {
      if (!this.layer) return;
      window.removeEventListener("keydown", this.onKey, true);
      document.removeEventListener("fullscreenchange", this.onFullscreen);
      if (document.fullscreenElement === this.layer) document.exitFullscreen().catch(() => {});
      setInert(this.layer, false);
      this.layer.remove();
      this.layer = null;
      document.documentElement.classList.remove("academy-deck-open");
      this.post({ type: "closed" });
      if (this.returnFocus && this.returnFocus.focus) this.returnFocus.focus();
    },

    go(index) {
      if (!this.layer) return;
      this.index = Math.min(Math.max(index, 0), this.slides.length - 1);
      const slide = this.slides[this.index];
      const prefix = `academy-deck-${this.index}-`;
      this.slide.replaceChildren(slideContent(slide, this.index, prefix));
      this.slide.classList.toggle("academy-deck__slide--title", slide.isTitle);
      this.slide.setAttribute("aria-label", `${this.index + 1} sur ${this.slides.length}`);
      this.slide.scrollTop = 0;
      this.notesPanel.replaceChildren(make("h2", "academy-deck__notes-title", "Notes pour l'intervenant"));
      if (slide.notes.length) this.notesPanel.append(notesContent(slide, `academy-notes-${this.index}-`));
      else this.notesPanel.append(make("p", "", "Pas de note pour cette diapositive."));
      this.counter.textContent = `Diapositive ${this.index + 1} sur ${this.slides.length}`;
      this.slide.focus({ preventScroll: true });
      this.post(this.state());
    },

    toggleNotes() {
      this.notesPanel.hidden = !this.notesPanel.hidden;
      this.notesButton.setAttribute("aria-pressed", String(!this.notesPanel.hidden));
      this.layer.classList.toggle("academy-deck--notes", !this.notesPanel.hidden);
    },

    toggleBlack() {
      this.layer.classList.toggle("academy-deck--black");
    },

    // A link to a section of the same page goes to that section's slide.
    followLink(event) {
      const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      const id = decodeURIComponent(link.getAttribute("href").slice(1));
      const target = this.slides.findIndex((slide) => slide.ids.has(id));
      if (target >= 0) {
        event.preventDefault();
        this.go(target);
      }
    },

    openConsole() {
      this.openingConsole = true;
      openConsoleWindow();
      setTimeout(() => {
        this.openingConsole = false;
      }, 1500);
    },

    state() {
      return { type: "state", index: this.index, total: this.slides.length, startedAt: this.startedAt };
    },

    post(message) {
      if (channel) channel.postMessage(message);
    },

    onKey: (event) => deck.key(event),
    // Leaving full screen with the browser's own Escape also leaves the slides, except when the
    // browser left full screen because the presenter window just opened.
    onFullscreen: () => {
      if (!document.fullscreenElement && deck.layer && !deck.openingConsole) deck.close();
    },

    key(event) {
      // Material's own shortcuts (n, p, s, f...) must not fire behind the slides.
      event.stopPropagation();
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const interactive = isInteractive(event.target);
      const actions = {
        ArrowRight: () => this.go(this.index + 1),
        PageDown: () => this.go(this.index + 1),
        ArrowLeft: () => this.go(this.index - 1),
        PageUp: () => this.go(this.index - 1),
        Home: () => this.go(0),
        End: () => this.go(this.slides.length - 1),
        Escape: () => this.close(),
        n: () => this.toggleNotes(),
        N: () => this.toggleNotes(),
        b: () => this.toggleBlack(),
        B: () => this.toggleBlack(),
      };
      if (event.key === " " && !interactive) actions[" "] = () => this.go(this.index + (event.shiftKey ? -1 : 1));
      if (event.key === "Tab") return this.trapFocus(event);
      const action = actions[event.key];
      if (!action) return;
      if (interactive && ["Home", "End", "ArrowLeft", "ArrowRight"].includes(event.key) && event.target.matches("input, textarea, select")) return;
      event.preventDefault();
      action();
    },

    trapFocus(event) {
      const focusable = [...this.layer.querySelectorAll("a[href], button:not([disabled]), input:not([disabled]), summary, .academy-deck__slide")].filter(
        (element) => !element.closest("[hidden]") && element.getClientRects().length,
      );
      if (!focusable.length) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    },
  };

  function openConsoleWindow() {
    const url = location.href.split("#")[0] + CONSOLE_HASH;
    window.open(url, `academy-presenter-${location.pathname}`, "popup,width=960,height=720");
  }

  if (channel) {
    channel.addEventListener("message", ({ data }) => {
      if (!deck.layer || !data) return;
      if (data.type === "hello") deck.post(deck.state());
      else if (data.type === "go") deck.go(data.index);
    });
  }

  /* ---------- The presenter window: notes, next slide, timer ---------- */

  const presenterConsole = {
    slides: null,
    index: 0,
    startedAt: 0,
    live: false,
    layer: null,

    open() {
      this.slides = readSlides();
      document.title = `Intervenant : ${this.slides[0].title}`;
      const layer = make("main", "academy-console");
      layer.setAttribute("aria-label", "Fenêtre de l'intervenant");
      const header = make("div", "academy-console__header");
      this.status = make("p", "academy-console__status");
      this.status.setAttribute("aria-live", "polite");
      this.timer = make("p", "academy-console__timer");
      this.timer.setAttribute("role", "timer");
      this.timer.setAttribute("aria-label", "Temps écoulé");
      header.append(this.status, this.timer);

      this.current = make("h1", "academy-console__current");
      const notesTitle = make("h2", "academy-console__label", "Notes");
      this.notes = make("div", "academy-console__notes md-typeset");
      const nextTitle = make("h2", "academy-console__label", "Ensuite");
      this.next = make("p", "academy-console__next");
      this.link = make("p", "academy-console__link");

      const buttons = make("div", "academy-console__buttons");
      buttons.append(
        makeButton("Précédente", "", () => this.go(this.index - 1)),
        makeButton("Suivante", "", () => this.go(this.index + 1)),
        makeButton("Remettre le chronomètre à zéro", "", () => {
          this.startedAt = Date.now();
          this.tick();
        }),
      );
      layer.append(header, this.current, notesTitle, this.notes, nextTitle, this.next, buttons, this.link);
      document.body.append(layer);
      document.documentElement.classList.add("academy-console-open");
      setInert(layer, true);
      this.layer = layer;

      window.addEventListener("keydown", (event) => this.key(event), true);
      if (channel) {
        channel.addEventListener("message", ({ data }) => {
          if (!data) return;
          if (data.type === "state") {
            if (!this.live) this.startedAt = data.startedAt || Date.now();
            this.live = true;
            this.show(data.index);
          } else if (data.type === "closed") {
            this.live = false;
            this.show(this.index);
          }
        });
        channel.postMessage({ type: "hello" });
      }
      this.startedAt = Date.now();
      setInterval(() => this.tick(), 1000);
      this.tick();
      this.show(0);
      this.current.tabIndex = -1;
      this.current.focus();
    },

    go(index) {
      const target = Math.min(Math.max(index, 0), this.slides.length - 1);
      if (this.live && channel) channel.postMessage({ type: "go", index: target });
      else this.show(target);
    },

    show(index) {
      this.index = Math.min(Math.max(index, 0), this.slides.length - 1);
      const slide = this.slides[this.index];
      this.current.textContent = slide.title;
      this.notes.replaceChildren();
      if (slide.notes.length) this.notes.append(notesContent(slide, `academy-console-${this.index}-`));
      else this.notes.append(make("p", "", "Pas de note pour cette diapositive."));
      const next = this.slides[this.index + 1];
      this.next.textContent = next ? next.title : "Fin du diaporama";
      this.status.textContent = `Diapositive ${this.index + 1} sur ${this.slides.length}`;
      this.link.textContent = this.live
        ? "Synchronisée avec le diaporama."
        : "Le diaporama n'est pas ouvert : lancez-le depuis la page du talk, dans l'autre fenêtre.";
    },

    tick() {
      this.timer.textContent = formatTime(Date.now() - this.startedAt);
    },

    key(event) {
      event.stopPropagation();
      if (event.altKey || event.ctrlKey || event.metaKey || isInteractive(event.target)) return;
      const moves = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 };
      if (event.key in moves) {
        event.preventDefault();
        this.go(this.index + (event.key === " " && event.shiftKey ? -1 : moves[event.key]));
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        this.go(event.key === "Home" ? 0 : this.slides.length - 1);
      }
    },
  };

  if (location.hash === CONSOLE_HASH) {
    presenterConsole.open();
    return;
  }

  button.hidden = false;
  button.addEventListener("click", () => deck.open());
  const consoleButton = document.querySelector("[data-academy-console]");
  if (consoleButton) {
    consoleButton.hidden = false;
    consoleButton.addEventListener("click", openConsoleWindow);
  }
})();
