// accordiff HTML report: keyboard navigation between changes (n / p, or j / k), the
// previous/next buttons and "expand all". Everything else (filters, collapsed unchanged
// text, links between a moved sentence and its old place) works without this script.
// Embedded at build time; the page's Content-Security-Policy carries its SHA-256.
(function () {
  'use strict';
  var d = document;
  var bar = d.getElementById('bar');
  var tools = d.getElementById('jsbar');
  var pos = d.getElementById('pos');
  var rows = Array.prototype.slice.call(d.querySelectorAll('main .chg'));

  function shown(el) {
    return el.getClientRects().length > 0;
  }

  function barBottom() {
    return bar ? bar.getBoundingClientRect().bottom : 0;
  }

  function say(text) {
    if (pos) pos.textContent = text;
  }

  // The change to go to: the one after (or before) the focused change, or else the first
  // one below (or the last one above) the top of the window.
  function target(list, step) {
    var i = list.indexOf(d.activeElement);
    if (i >= 0) return Math.max(0, Math.min(list.length - 1, i + step));
    var top = barBottom() + 2;
    var k;
    if (step > 0) {
      for (k = 0; k < list.length; k++) {
        if (list[k].getBoundingClientRect().top > top) return k;
      }
      return list.length - 1;
    }
    for (k = list.length - 1; k >= 0; k--) {
      if (list[k].getBoundingClientRect().top < top - 4) return k;
    }
    return 0;
  }

  function go(step) {
    var list = rows.filter(shown);
    if (!list.length) {
      say('no change shown');
      return;
    }
    var k = target(list, step);
    var row = list[k];
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'center' });
    say('change ' + (k + 1) + ' of ' + list.length);
  }

  d.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
    if (tag === 'INPUT' && t.type !== 'checkbox') return;
    if (e.key === 'n' || e.key === 'j') {
      e.preventDefault();
      go(1);
    } else if (e.key === 'p' || e.key === 'k') {
      e.preventDefault();
      go(-1);
    }
  });

  // Following a link to a row (a moved sentence and its old place) focuses it, so that
  // n and p go on from there.
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && d.getElementById(id);
    if (el && el.classList.contains('row')) el.focus({ preventScroll: true });
  }
  window.addEventListener('hashchange', focusTarget);

  if (tools) {
    tools.hidden = false;
    d.getElementById('next').addEventListener('click', function () {
      go(1);
    });
    d.getElementById('prev').addEventListener('click', function () {
      go(-1);
    });
    var expand = d.getElementById('expand');
    var open = false;
    expand.addEventListener('click', function () {
      open = !open;
      var all = d.querySelectorAll('details.same');
      for (var k = 0; k < all.length; k++) all[k].open = open;
      expand.textContent = open ? 'collapse unchanged' : 'expand unchanged';
      expand.setAttribute('aria-pressed', open ? 'true' : 'false');
    });
  }

  // The column heads stick below the bar, whose height depends on the window's width.
  function fit() {
    if (bar) d.documentElement.style.setProperty('--bar-h', bar.offsetHeight + 'px');
  }
  say(rows.length + (rows.length === 1 ? ' change' : ' changes'));
  if (window.ResizeObserver && bar) new ResizeObserver(fit).observe(bar);
  window.addEventListener('resize', fit);
  fit();
})();
