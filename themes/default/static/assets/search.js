// paperpress search (docs/search.md): "/" focuses the search box on every page; on
// search.html, results as you type from the index the build wrote under search/. Plain script,
// no dependency, no request to any other host. Text from the index is only ever set as
// textContent.
(function () {
  'use strict';
  var FORMAT = 4;
  var PAGE = 10;
  var script = document.currentScript;
  var root = new URL('../', script ? script.src : location.href);

  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById('search-q') || document.getElementById('site-search-q');
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  // Folding: the rules of include/paperpress/search/fold.h, exactly.
  var LATIN = ('a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|' +
    'c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|' +
    'e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|l|l|' +
    'l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|' +
    'u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s').split('|');
  function separates(cp) {
    return (cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp < 0x2C00) ||
      (cp >= 0x3000 && cp < 0x3040) || (cp >= 0xFF00 && cp < 0xFF10) ||
      (cp >= 0xD800 && cp <= 0xDFFF);
  }
  // The words of a text, folded but for plurals.
  function words(text) {
    var out = [], cur = '', chars = 0;
    function end() {
      if (cur && chars <= 40) out.push(cur);
      cur = '';
      chars = 0;
    }
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (cp < 0x80) {
        if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) cur += ch;
        else if (cp >= 65 && cp <= 90) cur += String.fromCharCode(cp + 32);
        else { end(); continue; }
        chars++;
        continue;
      }
      if (separates(cp)) { end(); continue; }
      if (cp >= 0xC0 && cp < 0x180) {
        if (!LATIN[cp - 0xC0]) { end(); continue; }
        cur += LATIN[cp - 0xC0];
      } else {
        if (cp >= 0x391 && cp <= 0x3A9) cp += 0x20;
        else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
        else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
        cur += String.fromCodePoint(cp);
      }
      chars++;
    }
    end();
    return out;
  }
  function plural(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    if (/ies$/.test(w)) return w.length >= 5 ? w.slice(0, -3) + 'y' : w;
    if (/sses$/.test(w)) return w.slice(0, -2);
    if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }
  function terms(text) { return words(text).map(plural); }
  function foldKey(text) { return terms(text).join(' '); }
  // Whether `name` is the author the query `q` names as the name keys do: the same last name,
  // the query's first name or initial beginning theirs (`G. Hinton`, `Geoffrey E. Hinton`).
  function sameName(name, q) {
    var a = terms(name), b = terms(q);
    return a.length > 0 && b.length > 0 && a[a.length - 1] === b[b.length - 1] &&
      a[0].startsWith(b[0]);
  }

  var encoder = new TextEncoder();
  var MASK = (1n << 64n) - 1n;
  function hash(s) {  // FNV-1a, 64 bits, over UTF-8
    var h = 0xcbf29ce484222325n, b = encoder.encode(s);
    for (var i = 0; i < b.length; i++) h = ((h ^ BigInt(b[i])) * 0x100000001b3n) & MASK;
    return h;
  }
  function hex(v, digits) { return v.toString(16).padStart(digits, '0'); }

  var form = document.querySelector('form[data-search-page]');
  if (!form) return;
  var box = document.getElementById('search-q');
  var topicSel = document.getElementById('search-topic');
  var yearSel = document.getElementById('search-year');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');

  var base = new URL('search/', root);
  var files = new Map();
  function get(path) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, base)).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' for ' + path);
        return r.json();
      }));
    }
    return files.get(path);
  }
  var manifest = null;
  function shardOf(h, n) { return Number(h % BigInt(n)); }
  function shard(kind, n) { return manifest.dir + kind + '/' + n + '.json'; }
  // The index's segments: [first document, end, term shards, key shards], oldest first, each
  // with its own terms and keys in s<first>/.
  function segDir(seg) { return manifest.dir + 's' + seg[0] + '/'; }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  // A key's documents, newest first (the newest segment's first).
  function lookup(key) {
    var v = hash(key) >> 24n, k = hex(v, 10);
    return Promise.all(manifest.segments.slice().reverse().map(function (seg) {
      return get(segDir(seg) + 'k/' + shardOf(v, seg[3]) + '.json').then(function (s) {
        // Newest first, from the segment's first document: the first, then distances below.
        var out = [], list = has(s, k) ? s[k] : [], d = 0;
        for (var i = 0; i < list.length; i++) out.push(seg[0] + (d = i === 0 ? list[0] : d - list[i]));
        return out;
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }
  // A term's entry in each segment that holds it, and their dfs' sum; null when none does.
  function entry(term) {
    var h = hash(term);
    return Promise.all(manifest.segments.map(function (seg) {
      return get(segDir(seg) + 't/' + shardOf(h, seg[2]) + '.json').then(function (s) {
        return has(s, term) ? { dir: segDir(seg), e: s[term] } : null;
      });
    })).then(function (found) {
      var parts = found.filter(Boolean);
      if (!parts.length) return null;
      return { df: parts.reduce(function (n, p) { return n + p.e[0]; }, 0), parts: parts };
    });
  }
  function completions(word) {
    var prefix = Array.from(word).slice(0, 3).join('');
    return get(shard('x', shardOf(hash(prefix), manifest.prefix_shards))).then(function (s) {
      var list = has(s, prefix) ? s[prefix] : [], out = [];
      for (var i = 0; i < list.length && out.length < 4; i += 2)
        if (list[i].startsWith(word)) out.push(list[i]);
      return out;
    });
  }
  // Chunk c of a term's postings in one segment (`part`, of entry()), in impact order, as a
  // flat array of document, impact.
  function chunk(term, part, c) {
    var flat, e = part.e;
    if (e[1] === 0) flat = Promise.resolve(e[2]);
    else {
      var h = hex(hash(term), 16);
      flat = get(part.dir + 'p/' + h.slice(0, 2) + '/' + h + '.' + c + '.json');
    }
    return flat.then(function (f) {
      var out = [];
      for (var i = 0; i < f.length;) {
        var impact = f[i], n = f[i + 1], doc = 0;
        for (var k = 0; k < n; k++) {
          doc = k === 0 ? f[i + 2] : doc - f[i + 2 + k];
          out.push(doc, impact);
        }
        i += 2 + n;
      }
      return out;
    });
  }
  function record(doc) {
    var per = manifest.doc_shard;
    return get(shard('d', Math.floor(doc / per))).then(function (s) { return s[doc % per]; });
  }

  var ID = /^(?:arxiv:)?([0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[a-z]{2})?\/[0-9]{7})(?:v[0-9]+)?$/i;
  var CATEGORY = /^([a-z]+(-[a-z]+)?\.[a-z]+(-[a-z]+)?|hep-(th|ph|ex|lat)|gr-qc|quant-ph|nucl-(th|ex)|math-ph|astro-ph|cond-mat|nlin|physics)$/i;

  // A query: exact lookups, required groups of terms (a group matches any of its terms),
  // quoted phrases.
  function parse(q) {
    var query = { keys: [], groups: [], phrases: [], text: q.trim() };
    var id = ID.exec(query.text);
    if (id) query.keys.push('i:' + id[1].toLowerCase());
    var rest = q.replace(/"([^"]*)"?/g, function (_, p) {
      if (terms(p).length) query.phrases.push(foldKey(p));
      return ' ' + p + ' ';
    });
    var plain = [];
    rest.split(/\s+/).forEach(function (tok) {
      if (!tok) return;
      if (CATEGORY.test(tok) && !id) query.groups.push({ terms: [tok.toLowerCase()], category: true });
      else plain.push(tok);
    });
    var key = foldKey(q);
    if (key && !id) query.keys.push('t:' + key);
    var ws = words(plain.join(' '));
    var typing = ws.length && !/[\s"]$/.test(q) && (q.split('"').length % 2 === 1);
    ws.forEach(function (w, i) {
      if (w.length < 2 && ws.length > 1) return;  // an initial
      var g = { terms: [plural(w)] };
      if (typing && i === ws.length - 1 && Array.from(w).length >= 3) g.prefix = w;
      if (!query.groups.some(function (o) { return o.terms[0] === g.terms[0]; })) query.groups.push(g);
    });
    if (id) query.groups = [];
    return query;
  }

  function idf(df) { return Math.log(1 + (manifest.docs - df + 0.5) / (df + 0.5)); }

  var generation = 0;
  var shownFinal = 0;  // the generation whose whole results are shown
  var state = null;

  function search(q, topic, year, limit) {
    var gen = ++generation;
    var query = parse(q);
    if (!query.keys.length && !query.groups.length) {
      list.textContent = '';
      more.hidden = true;
      status.textContent = q.trim() ? 'Type a word of a title, an author, an id or a category.' : '';
      list.dataset.query = q;
      return Promise.resolve();
    }
    var range = null;
    if (year) manifest.years.forEach(function (y) { if (String(y[0]) === year) range = y; });
    var exact = Promise.all(query.keys.map(lookup)).then(function (lists) {
      // byName: found by the text's key (a title or an author's name; render tells them apart)
      var seen = new Set(), first = [], byName = new Set();
      lists.forEach(function (docs, k) {
        var name = query.keys[k].startsWith('t:');
        docs.forEach(function (d) {
          if (name) byName.add(d);
          if (!seen.has(d)) { seen.add(d); first.push(d); }
        });
      });
      return { first: first, byName: byName };
    });
    var groups = Promise.all(query.groups.map(function (g) {
      var alts = g.prefix ? completions(g.prefix).then(function (c) {
        return g.terms.concat(c.filter(function (t) { return t !== g.terms[0]; }));
      }) : Promise.resolve(g.terms);
      return alts.then(function (ts) {
        return Promise.all(ts.map(entry)).then(function (es) {
          var alts = [];
          ts.forEach(function (t, i) { if (es[i]) alts.push({ term: t, entry: es[i] }); });
          g.alts = alts;
          g.df = alts.reduce(function (s, a) { return s + a.entry.df; }, 0);
          return g;
        });
      });
    }));
    // Exact matches (an id, a whole title, an author's name) are shown as soon as their keys
    // and records are in, while the words' shards of every segment are still coming; the
    // ranked results then join them below, the exact ones staying where they were.
    exact.then(function (x) {
      if (gen !== generation || !x.first.length) return;
      var st = { q: q, topic: topic, range: range, exact: x.first, byName: x.byName,
                 groups: query.groups, missing: false, limit: limit, gen: gen,
                 phrases: query.phrases, partial: true };
      var take = page(st, []);
      return Promise.all(take.map(function (c) { return record(c.doc); })).then(function (recs) {
        if (gen === generation && shownFinal !== gen) render(st, rows(st, take, recs));
      });
    }).catch(function () {});
    return Promise.all([exact, groups]).then(function (r) {
      if (gen !== generation) return;
      var gs = r[1].slice().sort(function (a, b) { return a.df - b.df; });
      var missing = gs.some(function (g) { return g.df === 0; });
      // An author found by name whose place in a long list the record does not reach (it keeps
      // the first 10) is named after them: the reader sees why the paper came up.
      state = { q: q, topic: topic, range: range, exact: r[0].first, byName: r[0].byName, groups: gs,
                missing: missing, chunks: 1, limit: limit, gen: gen, phrases: query.phrases };
      return rank(state);
    });
  }

  // The candidates whose records a page needs (four pages with a topic, which drops rows):
  // exact matches first, newest first, however many there are (an author of thousands of
  // papers in a large archive), then the ranked ones, so a query reads at most `want` records.
  // Each record is a request, 6 at a time over HTTP/1.1: a page of 10 rather than 20 took the
  // slowest of 100 cold queries at 2.5M papers from 153–167 to 120–136 ms (docs/search.md).
  function page(st, cands) {
    var want = st.limit * (st.topic ? 4 : 1);
    var take = [], inTake = new Set(), exactLeft = false;
    st.exact.forEach(function (d) {
      if (st.range && (d < st.range[1] || d > st.range[2])) return;
      if (inTake.has(d)) return;
      if (take.length >= want) { exactLeft = true; return; }
      inTake.add(d);
      take.push({ doc: d, exact: 1, score: 0, confirmed: 0 });
    });
    var i = 0;
    for (; i < cands.length && take.length < want; i++)
      if (!inTake.has(cands[i].doc)) { inTake.add(cands[i].doc); take.push(cands[i]); }
    st.total = cands.length + st.exact.length;
    st.truncated = exactLeft || i < cands.length;
    return take;
  }

  // The rows of a page: its candidates with their records, re-ranked by what their titles and
  // authors hold (the words, before their shards are in, as typed).
  function rows(st, take, recs) {
    var topicIndex = -1;
    manifest.topics.forEach(function (t, i) { if (t[0] === st.topic) topicIndex = i; });
    var out = [];
    take.forEach(function (c, i) {
      var rec = recs[i];
      if (!rec) return;
      if (topicIndex >= 0 && rec[8].indexOf(topicIndex) < 0) return;
      var title = terms(rec[2]), titleKey = ' ' + title.join(' ') + ' ';
      var names = ' ' + terms(rec[3].join(' ')).join(' ') + ' ';
      c.titleHits = 0;
      st.groups.forEach(function (g) {
        var alts = g.alts || g.terms.map(function (t) { return { term: t }; });
        var hit = alts.some(function (a) {
          return title.indexOf(a.term) >= 0 || names.indexOf(' ' + a.term + ' ') >= 0;
        }) || (g.prefix && title.some(function (t) { return t.startsWith(g.prefix); }));
        if (hit) c.titleHits++;
      });
      c.phrase = st.phrases.every(function (p) {
        return titleKey.indexOf(' ' + p + ' ') >= 0 || names.indexOf(' ' + p + ' ') >= 0;
      }) ? 1 : 0;
      c.rec = rec;
      out.push(c);
    });
    out.sort(function (a, b) {
      return (b.exact || 0) - (a.exact || 0) || b.phrase - a.phrase ||
        b.titleHits - a.titleHits || b.confirmed - a.confirmed || b.score - a.score ||
        b.doc - a.doc;
    });
    return out;
  }

  // Fetches what the state needs, ranks, renders.
  function rank(st) {
    var gs = st.groups;
    var ranked = Promise.resolve([]);
    if (gs.length && !st.missing) {
      // A word in more than a quarter of the papers ("the", "of") tells little (its idf is
      // under ln 4, 1.39) and its best postings are a small part of its papers: beside rarer
      // words its chunks are not read, and it neither excludes nor scores a paper (its title
      // still counts).
      var common = manifest.docs / 4, rare = gs[0].df <= common;
      ranked = Promise.all(gs.map(function (g, gi) {
        var n = gi === 0 ? st.chunks : 1;
        var parts = [];
        g.complete = true;
        if (rare && gi > 0 && g.df > common) {
          g.complete = false;
          g.postings = new Map();
          g.idf = idf(g.df);
          return g;
        }
        g.alts.forEach(function (a) {
          a.entry.parts.forEach(function (part) {
            var chunks = Math.max(1, part.e[1]);
            for (var c = 0; c < Math.min(n, chunks); c++) parts.push(chunk(a.term, part, c));
            if (n < chunks) g.complete = false;
          });
        });
        return Promise.all(parts).then(function (ps) {
          var m = new Map();
          ps.forEach(function (p) {
            for (var i = 0; i < p.length; i += 2) if (!(m.get(p[i]) >= p[i + 1])) m.set(p[i], p[i + 1]);
          });
          g.postings = m;
          g.idf = idf(g.df);
          return g;
        });
      })).then(function () {
        var driver = gs[0], out = [];
        st.more = !driver.complete;
        driver.postings.forEach(function (impact, doc) {
          if (st.range && (doc < st.range[1] || doc > st.range[2])) return;
          var score = driver.idf * impact, confirmed = 1;
          for (var i = 1; i < gs.length; i++) {
            var imp = gs[i].postings.get(doc);
            if (imp !== undefined) { score += gs[i].idf * imp; confirmed++; }
            else if (gs[i].complete) return;
          }
          out.push({ doc: doc, score: score, confirmed: confirmed });
        });
        out.sort(function (a, b) {
          return b.confirmed - a.confirmed || b.score - a.score || b.doc - a.doc;
        });
        return out;
      });
    }
    return ranked.then(function (cands) {
      if (st.gen !== generation) return;
      var take = page(st, cands);
      return Promise.all(take.map(function (c) { return record(c.doc); })).then(function (recs) {
        if (st.gen === generation) render(st, rows(st, take, recs));
      });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Appends `text` to `parent` as text, its TeX spans as <span class="math"> for math.js, by the
  // rules of include/paperpress/render/math_text.h ($…$ opens before a non-space and closes
  // after one, not before a digit; $$…$$; \(…\); a backslash escapes the next character; at
  // most 1000 bytes), as the lists mark them.
  function appendWithMath(parent, text) {
    var done = 0, i = 0, n = text.length;
    function span(begin, end, display) {
      if (begin > done) parent.appendChild(document.createTextNode(text.slice(done, begin)));
      var s = el('span', display ? 'math display' : 'math', text.slice(begin, end));
      parent.appendChild(s);
      done = end;
    }
    while (i < n) {
      var c = text[i];
      if (c === '\\' && text[i + 1] === '(') {
        var close = text.indexOf('\\)', i + 2);
        if (close > i + 2 && close + 2 - i <= 1000 && text.slice(i + 2, close).trim()) {
          span(i, close + 2, false);
          i = close + 2;
          continue;
        }
      }
      if (c === '\\') { i += 2; continue; }
      if (c === '$' && text[i + 1] === '$') {
        var end = text.indexOf('$$', i + 2);
        if (end > i + 2 && end + 2 - i <= 1000 && !/\d/.test(text[end + 2] || '') &&
            text.slice(i + 2, end).trim()) {
          span(i, end + 2, true);
          i = end + 2;
          continue;
        }
        i += 2;
        continue;
      }
      if (c === '$' && text[i + 1] && !/\s/.test(text[i + 1])) {
        var j = i + 1;
        while (j < n && text[j] !== '$') j += text[j] === '\\' ? 2 : 1;
        if (j < n && !/\s/.test(text[j - 1]) && !/\d/.test(text[j + 1] || '') && j + 1 - i <= 1000) {
          span(i, j + 1, false);
          i = j + 1;
          continue;
        }
      }
      i += 1;
    }
    if (done < n) parent.appendChild(document.createTextNode(text.slice(done)));
  }

  // Shows a page of rows: the whole results, or (st.partial) the exact matches found first.
  function render(st, rows) {
    if (st.partial && !rows.length) return;
    var shown = rows.slice(0, st.limit);
    list.textContent = '';
    shown.forEach(function (c) {
      var r = c.rec;
      var li = el('li', 'search-result');
      li.dataset.arxivId = r[0];
      var h = el('h2');
      var a = el('a');
      appendWithMath(a, r[2]);
      a.href = new URL(r[7], root).href;
      h.appendChild(a);
      li.appendChild(h);
      var meta = el('p', 'paper-meta');
      var time = el('time', null, r[5]);
      time.dateTime = r[5];
      meta.appendChild(time);
      meta.appendChild(document.createTextNode(' · arXiv:' + r[0] + (r[1] ? 'v' + r[1] : '')));
      li.appendChild(meta);
      var authors = r[3].join(', ') + (r[4] > r[3].length ? ', et al.' : '');
      if (st.byName.has(c.doc) && r[4] > r[3].length && foldKey(r[2]) !== foldKey(st.q) &&
          !r[3].some(function (a) { return sameName(a, st.q); }))
        authors += ', including ' + st.q.trim();
      if (authors) li.appendChild(el('p', 'paper-authors', authors));
      var tags = el('p', 'paper-tags');
      r[8].forEach(function (t) {
        if (manifest.topics[t]) { tags.appendChild(el('span', 'tag', manifest.topics[t][1])); tags.appendChild(document.createTextNode(' ')); }
      });
      r[6].split(' ').forEach(function (cat) {
        if (cat) { tags.appendChild(el('span', 'tag', cat)); tags.appendChild(document.createTextNode(' ')); }
      });
      li.appendChild(tags);
      list.appendChild(li);
    });
    if (window.paperpressTypeset) window.paperpressTypeset(list);  // math.js, when the site has it
    var n = shown.length;
    list.dataset.shown = st.q;
    if (st.partial) {
      status.textContent = (n === 1 ? 'An exact match' : n + ' exact matches') + ' for “' + st.q.trim() + '”; looking for more…';
      more.hidden = true;
      return;
    }
    shownFinal = st.gen;
    if (st.missing && !n) status.textContent = 'No paper holds every word of “' + st.q.trim() + '”.';
    else if (!n) status.textContent = 'No results for “' + st.q.trim() + '”.';
    else status.textContent = (rows.length > n || st.truncated || st.more ? 'The best ' + n : n) +
      (n === 1 ? ' result' : ' results') + ' for “' + st.q.trim() + '”.';
    more.hidden = !(rows.length > n || st.truncated || st.more);
    list.dataset.query = st.q;
  }

  function params() {
    var p = new URLSearchParams(location.search);
    return { q: p.get('q') || '', topic: p.get('topic') || '', year: p.get('year') || '' };
  }
  function url(q, topic, year) {
    var p = new URLSearchParams();
    if (q) p.set('q', q);
    if (topic) p.set('topic', topic);
    if (year) p.set('year', year);
    var s = p.toString();
    return location.pathname + (s ? '?' + s : '');
  }
  var timer = 0, lastInput = -Infinity;
  var baseTitle = document.title;
  function run(push) {
    var q = box.value, topic = topicSel.value, year = yearSel.value;
    var next = url(q, topic, year);
    if (next !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', next);
    document.title = (q.trim() ? q.trim() + ' · ' : '') + baseTitle;
    return search(q, topic, year, PAGE).catch(fail);
  }
  function fail(err) {
    shownFinal = generation;
    status.textContent = 'The search index could not be loaded (' + (err && err.message || err) +
      '). Search needs the site served over http(s), as paperpress serve or any static host does; ' +
      'every paper is also listed by topic and month on the papers page.';
    list.dataset.query = box.value;
  }
  function fill() {
    var p = params();
    box.value = p.q;
    topicSel.value = p.topic;
    yearSel.value = p.year;
    return p;
  }

  status.textContent = 'Loading the search index…';
  get('manifest.json').then(function (m) {
    if (m.format !== FORMAT) throw new Error('the index is format ' + m.format + ', this page reads format ' + FORMAT + ': reload the page');
    manifest = m;
    m.years.slice().reverse().forEach(function (y) {
      var o = el('option', null, String(y[0]));
      o.value = String(y[0]);
      yearSel.appendChild(o);
    });
    status.textContent = '';
    fill();
    box.addEventListener('input', function () {
      // A query pasted or begun after a pause runs at once; the keys of a burst wait until it
      // pauses for 30 ms.
      var now = Date.now(), idle = now - lastInput > 300;
      lastInput = now;
      clearTimeout(timer);
      if (idle) run(false);
      else timer = setTimeout(function () { run(false); }, 30);
    });
    topicSel.addEventListener('change', function () { run(true); });
    yearSel.addEventListener('change', function () { run(true); });
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); run(true); });
    window.addEventListener('popstate', function () {
      var p = fill();
      search(p.q, p.topic, p.year, PAGE).catch(fail);
    });
    more.addEventListener('click', function () {
      if (!state) return;
      state.limit += PAGE;
      if (state.more) state.chunks++;
      rank(state).catch(fail);
    });
    var p = params();
    return search(p.q, p.topic, p.year, PAGE);
  }).catch(fail);
})();
