// Injected by site_test.cpp before the end of the body of a throwaway copy of each page of the
// course site. Once MathJax has typeset the page it writes what a reader would see, as JSON, into
// a new pre element with id site-check, which the test reads back from chromium's --dump-dom.
// (This comment is careful not to spell that element's opening tag: the test looks for it.)
(function () {
  'use strict';

  // Text that MathJax should have replaced: Doxygen's own maths markers, Markdown's $$, and
  // the \( \[ delimiters Doxygen hands to MathJax.
  var RAW_TEX = ['\\f$', '\\f[', '\\f]', '$$', '\\frac', '\\begin{', '\\(', '\\['];
  // Where TeX-looking text is legitimate (code, scripts) or not shown as prose.
  var NOT_PROSE = 'script, style, pre, code, div.fragment, textarea, noscript';

  function trimmed(text, max) {
    text = text.replace(/\s+/g, ' ').trim();
    return text.length > max ? text.slice(0, max) + '…' : text;
  }

  function rawTex() {
    var found = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var parent = node.parentElement;
      if (!parent || parent.closest(NOT_PROSE)) continue;
      var text = node.nodeValue;
      for (var i = 0; i < RAW_TEX.length; ++i) {
        var at = text.indexOf(RAW_TEX[i]);
        if (at < 0) continue;
        // A little context either side, so the failure message shows which formula it is.
        found.push(trimmed(text.slice(Math.max(0, at - 40), at + 60), 120));
        break;
      }
    }
    return found;
  }

  // Formulas MathJax took out of the text but did not typeset. Its script keeps the TeX; a
  // typeset one has a frame of class MathJax next to it (id + "-Frame"), a failed one a frame of
  // class MathJax_Error ("[Math Processing Error]") or none.
  function untypeset() {
    var found = [];
    document.querySelectorAll('script[type^="math/tex"]').forEach(function (script) {
      var frame = script.id ? document.getElementById(script.id + '-Frame') : null;
      if (frame && frame.classList.contains('MathJax')) return;
      found.push(trimmed(script.textContent, 120) +
                 (frame ? ' (shown as ' + trimmed(frame.textContent, 60) + ')' : ' (not shown)'));
    });
    return found;
  }

  // TeX that MathJax could not parse: it typesets the error message in red (class merror).
  function texErrors() {
    var found = [];
    document.querySelectorAll('.MathJax .merror, .MathJax_Display .merror').forEach(function (error) {
      var frame = error.closest('.MathJax');
      var script = frame && frame.id ? document.getElementById(frame.id.replace(/-Frame$/, '')) : null;
      found.push(trimmed(error.textContent, 120) + ' in: ' + trimmed(script ? script.textContent : '?', 120));
    });
    return found;
  }

  function fragments() {
    return Array.prototype.map.call(document.querySelectorAll('div.fragment'), function (div) {
      var text = div.textContent;
      var lines = text.split('\n').filter(function (l) { return l.trim() !== ''; });
      return { first_line: lines.length ? trimmed(lines[0], 160) : '', chars: text.trim().length };
    });
  }

  // Doxygen puts a page's own text in div.contents; the tabs, tree and footer are around it.
  function inContents(element) { return !!element.closest('div.contents'); }

  function images() {
    var list = [];
    document.querySelectorAll('img').forEach(function (img) {
      list.push({ tag: 'img', src: img.getAttribute('src') || '', in_contents: inContents(img),
                  loaded: img.complete && img.naturalWidth > 0 });
    });
    document.querySelectorAll('object').forEach(function (obj) {
      // Under file:// each file is its own origin, so contentDocument stays null even when
      // the SVG loaded: null means "unknown", and the test checks the file and the box instead
      // (an object whose data failed shows its empty fallback content, 0 x 0).
      var doc = null;
      try { doc = obj.contentDocument; } catch (e) { doc = null; }
      var box = obj.getBoundingClientRect();
      list.push({ tag: 'object', src: obj.getAttribute('data') || '', in_contents: inContents(obj),
                  type: obj.getAttribute('type') || '',
                  loaded: doc ? true : null, width: box.width, height: box.height });
    });
    return list;
  }

  function links(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (a) {
      return a.getAttribute('href');
    });
  }

  // The start of the page's own text (without its table of contents), where a warning belongs.
  function contentsStart() {
    var contents = document.querySelector('div.contents');
    if (!contents) return '';
    var copy = contents.cloneNode(true);
    copy.querySelectorAll('div.toc, script').forEach(function (e) { e.remove(); });
    return trimmed(copy.textContent, 600);
  }

  function headings() {
    var h1 = document.querySelector('h1');
    var title = document.querySelector('.headertitle .title');  // Doxygen's page heading
    return { title: document.title, h1: h1 ? trimmed(h1.textContent, 300) : '',
             heading: title ? trimmed(title.textContent, 300) : '' };
  }

  function report(mathjaxDone) {
    var result = headings();
    result.mathjax = { present: !!(window.MathJax && window.MathJax.Hub), finished: mathjaxDone };
    result.maths = document.querySelectorAll('.MathJax, .MathJax_Display').length;
    result.raw_tex = rawTex();
    result.untypeset = untypeset();
    result.tex_errors = texErrors();
    result.fragments = fragments();
    result.images = images();
    result.links = links('a[href]');
    result.content_links = links('div.contents a[href]');
    result.contents_start = contentsStart();

    var pre = document.getElementById('site-check');
    if (!pre) {
      pre = document.createElement('pre');
      pre.id = 'site-check';
      document.body.appendChild(pre);
    }
    // ASCII-only JSON: the test then only has to undo the few entities of --dump-dom.
    pre.textContent = JSON.stringify(result).replace(/[\u007f-\uffff]/g, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function whenTypeset(callback) {
    if (window.MathJax && window.MathJax.Hub && window.MathJax.Hub.Queue) {
      window.MathJax.Hub.Queue(callback);  // runs after the startup typeset in MathJax's queue
    } else if (document.readyState === 'complete') {
      callback();
    } else {
      window.addEventListener('load', callback);
    }
  }

  // MathJax.js loads async, so it may not have defined MathJax.Hub yet when this runs.
  function start() {
    whenTypeset(function () { setTimeout(function () { report(true); }, 0); });
  }
  if (document.readyState === 'complete') start(); else window.addEventListener('load', start);

  // If MathJax never finishes, still leave a report (saying so) before chromium's virtual
  // time budget (10 s) runs out; the report from the queue overwrites it when it comes.
  setTimeout(function () {
    if (!document.getElementById('site-check')) report(false);
  }, 8000);
})();
