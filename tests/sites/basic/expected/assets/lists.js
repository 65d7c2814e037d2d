// Lists of papers (part and day pages): each abstract (.paper-abstract-text) shows its first
// three lines with a "Read more" button that opens it, and the button.expand-all at the top of
// the list opens every abstract; the reader's choice is remembered (localStorage) for every
// list of the site. Without this script every abstract shows in full: the lines are cut only
// while <html> has the class "abstracts-clamp", which this script sets.
// Loaded with defer by the pages that list papers. Plain script, no dependency.
(function () {
  'use strict';
  var KEY = 'paperpress-expand-abstracts';
  var root = document.documentElement;

  function remembered() {
    try { return window.localStorage.getItem(KEY) === '1'; } catch (e) { return false; }
  }
  function remember(on) {
    try {
      if (on) window.localStorage.setItem(KEY, '1');
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* storage off: the choice lasts for this page */ }
  }

  function setUp() {
    var texts = document.querySelectorAll('.paper-abstract-text');
    if (texts.length === 0) return;
    var toggle = document.querySelector('button.expand-all');
    var items = [];
    Array.prototype.forEach.call(texts, function (text) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'read-more';
      button.hidden = true;
      if (text.id) button.setAttribute('aria-controls', text.id);
      button.addEventListener('click', function () {
        var open = !text.classList.contains('is-open');
        text.classList.toggle('is-open', open);
        update(item);
        if (!open) {
          // Closing a long abstract from below: keep its paper in view.
          var paper = text.closest('.paper') || text;
          if (paper.getBoundingClientRect().top < 0) paper.scrollIntoView();
          button.focus();
        }
      });
      text.parentNode.insertBefore(button, text.nextSibling);
      var item = {text: text, button: button};
      items.push(item);
    });

    // An abstract's button: shown when the abstract has more to show or can be closed again.
    function show(item, more) {
      var open = item.text.classList.contains('is-open');
      item.button.hidden = root.classList.contains('abstracts-expanded') || !(open || more);
      item.button.textContent = open ? 'Show less' : 'Read more';
      item.button.setAttribute('aria-expanded', open ? 'true' : 'false');
    }
    function hasMore(text) {
      return text.scrollHeight > text.clientHeight + 1;
    }
    function update(item) {
      show(item, hasMore(item.text));
    }
    function refresh() {
      // Every height first, then every button: one layout for the whole list.
      var more = items.map(function (item) { return hasMore(item.text); });
      items.forEach(function (item, i) { show(item, more[i]); });
    }
    function expandAll(on) {
      root.classList.toggle('abstracts-expanded', on);
      if (toggle) toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
      if (!on) items.forEach(function (item) { item.text.classList.remove('is-open'); });
      refresh();
    }

    root.classList.add('abstracts-clamp');
    expandAll(remembered());
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener('click', function () {
        var on = toggle.getAttribute('aria-pressed') !== 'true';
        remember(on);
        expandAll(on);
      });
    }
    // Lines move when the window is resized, once the page has loaded and when math is typeset.
    var pending = false;
    function later() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; refresh(); });
    }
    window.addEventListener('resize', later);
    window.addEventListener('load', later);
    document.addEventListener('paperpress:typeset', later);
    // Another tab changed the choice.
    window.addEventListener('storage', function (event) {
      if (event.key === KEY) expandAll(remembered());
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
