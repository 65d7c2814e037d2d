// paperpress math (include/paperpress/render/math_text.h): each element of class "math" holds
// TeX from a title or an abstract as written, with its delimiters: $…$ or \(…\) inline,
// $$…$$ or \[…\] with class "math display". KaTeX, shipped with the site under assets/katex/,
// typesets it in place. TeX that KaTeX rejects keeps its source, and so does every formula
// when KaTeX did not load: the page reads the same without JavaScript. This script is small and
// on every page of a site that ships KaTeX (<script src="{{root}}assets/math.js" defer="">);
// KaTeX itself (assets/katex/, beside this script) is fetched only by a page that holds math.
// window.paperpressTypeset(element) typesets math added later (search results). Each time it has
// typeset, the document gets the event "paperpress:typeset".
// Plain script, no dependency but KaTeX, no request to any other host.
(function () {
  'use strict';
  // Opening and closing delimiters, the longer first ($$ before $).
  var DELIMITERS = [['$$', '$$'], ['\\[', '\\]'], ['\\(', '\\)'], ['$', '$']];

  // The TeX between the delimiters of `source`, or null when it has none (an element typeset
  // already, or one this script does not know).
  function tex(source) {
    for (var i = 0; i < DELIMITERS.length; i++) {
      var open = DELIMITERS[i][0], close = DELIMITERS[i][1];
      if (source.length >= open.length + close.length && source.startsWith(open) &&
          source.endsWith(close)) {
        return source.slice(open.length, source.length - close.length);
      }
    }
    return null;
  }

  // assets/katex/, from this script's own address (the site may live under a sub-path).
  var script = document.currentScript;
  var base = script && script.src ? script.src.replace(/[^/]*$/, '') + 'katex/' : null;
  var loading = null;

  // Loads KaTeX's stylesheet and script once; calls `done` when katex is there.
  function loadKatex(done) {
    if (typeof katex !== 'undefined') return done();
    if (!base) return;
    if (!loading) {
      loading = [];
      var css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = base + 'katex.min.css';
      document.head.appendChild(css);
      var js = document.createElement('script');
      js.src = base + 'katex.min.js';
      js.onload = function () {
        var waiting = loading;
        loading = [];
        for (var i = 0; i < waiting.length; i++) waiting[i]();
      };
      document.head.appendChild(js);
    }
    loading.push(done);
  }

  function typeset(root) {
    var elements = (root || document).querySelectorAll('.math');
    if (elements.length === 0) return;
    loadKatex(function () { render(elements); });
  }

  function render(elements) {
    if (typeof katex === 'undefined') return;  // KaTeX did not load: the sources stay
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
      if (el.hasAttribute('data-typeset')) continue;
      el.setAttribute('data-typeset', '');
      var source = el.textContent;
      var body = tex(source);
      if (body === null) continue;
      try {
        katex.render(body, el, {
          displayMode: el.classList.contains('display'),
          throwOnError: true
        });
      } catch (e) {
        // katex.render empties the element before it parses: put the source back.
        el.textContent = source;
      }
    }
    // Typeset math changes the height of lines: lists.js measures its abstracts again.
    document.dispatchEvent(new Event('paperpress:typeset'));
  }

  window.paperpressTypeset = typeset;
  function typesetPage() { typeset(document); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', typesetPage);
  else typesetPage();  // deferred scripts run after parsing, before DOMContentLoaded
})();
