/* The academy site — the search box, with Pagefind (hooks/academy/search.py builds the index).
 *
 * Nothing is downloaded until the reader opens the search box; then Pagefind fetches only the
 * index chunks for the words typed. Pagefind already ignores accents and case and uses a French
 * stemmer; on top of it this script:
 *   - drops French stop words (« taux de clic » searches « taux » and « clic »);
 *   - searches word families: « fidéliser » also looks for « fidèle », « fidélité » (a word is
 *     cut back to its root, and Pagefind matches words that start with it);
 *   - ranks talks and guides above notebooks and data pages (the « type » filter of each page);
 *   - shows sentences, never code (code is left out of the index).
 * It drives Material's search markup and styles (partials/search.html); all text is French.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-academy-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector(".md-search__form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");

  var BOOST = { talk: 2.2, guide: 2, playbook: 1.3, exercice: 1.1, accueil: 1, sommaire: 0.9, page: 1, glossaire: 0.8, promotion: 0.6, notebook: 0.45, donnees: 0.35 };
  var STOP = new Set(("a à au aux avec ce ces cet cette d de des du en et il ils je l la le les leur leurs ma mais me mes mon ne ni nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes ton tu un une vos votre vous y").split(" "));
  // Derivational endings, longest first: the root left is searched as a prefix.
  var ENDINGS = ["isations", "isation", "iseront", "iserons", "iseriez", "isantes", "isante", "isants", "isant", "iseras", "iserai", "iserez", "isions", "issent", "isent", "isées", "isés", "isée", "iser", "isez", "isons", "ises", "ise", "isé",
    "itées", "ités", "ité", "ements", "ement", "ations", "ation", "atrices", "atrice", "ateurs", "ateur", "euses", "euse", "eurs", "eur", "ives", "ive", "ifs", "if", "elles", "elle", "aux", "ales", "ale", "iques", "ique", "ées", "ée", "és", "é", "es", "s", "e"];
  var MIN_ROOT = 4;
  var PAGE_SIZE = 5;  // results shown at a time: each one fetches its page's fragment (a few kB)

  var configElement = document.getElementById("__config");
  var base = new URL((configElement && JSON.parse(configElement.textContent).base) || ".", location.href);
  var pagefind = null;
  var pending = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function wordRoot(word) {
    var folded = fold(word);
    for (var i = 0; i < ENDINGS.length; i++) {
      var ending = fold(ENDINGS[i]);
      if (folded.length - ending.length >= MIN_ROOT && folded.endsWith(ending)) return folded.slice(0, folded.length - ending.length);
    }
    return folded;
  }

  /* The words that count: stop words dropped (unless nothing else is left), each cut to its root. */
  function terms(query) {
    var words = query.split(/[\s'’\-.,;:!?«»"()]+/).filter(Boolean);
    var kept = words.filter(function (w) { return !STOP.has(fold(w)); });
    return { words: (kept.length ? kept : words), roots: (kept.length ? kept : words).map(wordRoot) };
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ basePath: new URL("pagefind/", base).href, excerptLength: 22 }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function ids(search) {
    return new Set(search ? search.results.map(function (r) { return r.id; }) : []);
  }

  function rank(pf, query) {
    var t = terms(query);
    if (!t.words.length) return Promise.resolve([]);
    var kinds = Object.keys(BOOST);
    var text = t.roots.join(" ");
    var searches = [pf.search(text)].concat(kinds.map(function (kind) { return pf.search(text, { filters: { type: kind } }); }));
    return Promise.all(searches).then(function (found) {
      var boostOf = {};
      kinds.forEach(function (kind, i) { ids(found[1 + i]).forEach(function (id) { boostOf[id] = BOOST[kind]; }); });
      return found[0].results.map(function (r) {
        return { result: r, score: r.score * (boostOf[r.id] || 1) };
      }).sort(function (a, b) { return b.score - a.score; });
    });
  }

  /* Pagefind's excerpt as DOM nodes: its text, and its <mark> highlights; nothing else is kept. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var out = document.createElement("p");
    out.className = "md-search-result__teaser";
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function item(data) {
    var best = (data.sub_results || []).slice().sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })[0];
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL((best && best.url) || data.url, base).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    article.appendChild(title);
    if (best && best.title && best.title !== data.meta.title) {
      var section = document.createElement("h2");
      section.textContent = best.title;
      article.appendChild(section);
    }
    article.appendChild(excerptNodes((best && best.excerpt) || data.excerpt));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  function count(n) {
    if (n === 0) return "Aucun document trouvé";
    return n === 1 ? "1 document trouvé" : n + " documents trouvés";
  }

  /* Show the next results; each one appears as soon as its fragment arrives, in rank order. */
  function more(ranked, shown, query, ticket) {
    var next = ranked.slice(shown, shown + PAGE_SIZE);
    var old = list.querySelector(".academy-search-more");
    if (old) old.remove();
    var slots = next.map(function () {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      list.appendChild(li);
      return li;
    });
    meta.textContent = count(ranked.length);
    return Promise.all(next.map(function (r, i) {
      return r.result.data().then(function (data) {
        if (ticket === pending) slots[i].replaceWith(item(data));
      });
    })).then(function () {
      if (ticket !== pending) return;
      var total = shown + next.length;
      if (total < ranked.length) {
        var li = document.createElement("li");
        li.className = "academy-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = "Afficher plus de résultats (" + (ranked.length - total) + " autres)";
        button.addEventListener("click", function () { more(ranked, total, query, ticket); });
        li.appendChild(button);
        list.appendChild(li);
      }
      list.dataset.query = query;  // the query these results answer (the browser tests wait for it)
    });
  }

  function run() {
    var query = input.value.trim();
    var ticket = ++pending;
    if (!query) {
      list.replaceChildren();
      meta.textContent = "Taper pour démarrer la recherche";
      return;
    }
    meta.textContent = "Recherche en cours…";
    load().then(function (pf) { return rank(pf, query); }).then(function (ranked) {
      if (ticket !== pending) return;
      list.replaceChildren();
      return more(ranked, 0, query, ticket);
    }).catch(function () {
      if (ticket !== pending) return;
      list.replaceChildren();
      meta.textContent = "La recherche ne fonctionne pas ici : ouvrez le site par son adresse web (ou « make serve »), pas comme un fichier.";
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  input.addEventListener("focus", function () {
    toggle.checked = true;
    load().catch(function () {});
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(run, 0); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) setTimeout(function () { input.focus(); }, 0);
  });
  root.addEventListener("click", function (event) {
    if (event.target instanceof Element && event.target.closest("a")) toggle.checked = false;
  });

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    var active = document.activeElement;
    var typing = active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
    if (!toggle.checked) {
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) {
        event.preventDefault();
        toggle.checked = true;
        input.focus();
        input.select();
      }
      return;
    }
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var all = [input].concat(links());
      var index = all.indexOf(active);
      all[(index + all.length + (event.key === "ArrowDown" ? 1 : -1)) % all.length].focus();
      event.preventDefault();
    } else if (event.key === "Enter" && active === input) {
      var first = links()[0];
      if (first) first.click();
    }
  });
})();
