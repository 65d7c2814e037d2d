// paperpress math (include/paperpress/render/math_text.h): each element of class "math" holds
// TeX from a title or an abstract as written, with its delimiters: $…$ or \(…\) inline,
// $$…$$ or \[…\] with class "math display". KaTeX, shipped with the site under assets/katex/,
// typesets it in place. TeX that KaTeX rejects keeps its source, and so does every formula
// when KaTeX did not load: the page reads the same without JavaScript. Only pages that hold math
// load it, in this order, in <head>:
//   <link rel="stylesheet" href="{{root}}assets/katex/katex.min.css">
//   <script src="{{root}}assets/katex/katex.min.js" defer=""></script>
//   <script src="{{root}}assets/math.js" defer=""></script>
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

  function typeset() {
    if (typeof katex === 'undefined') return;  // KaTeX did not load: the sources stay
    var elements = document.querySelectorAll('.math');
    for (var i = 0; i < elements.length; i++) {
      var el = elements[i];
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
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', typeset);
  else typeset();  // deferred scripts run after parsing, before DOMContentLoaded
})();
