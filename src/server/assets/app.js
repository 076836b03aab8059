// tm's pages: lookup as you type, QA report with filters, memory import with progress, and
// on a server started with --allow-write: adding, editing and deleting single units.
// All user text goes into the page through textContent, never as HTML.
'use strict';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// Text with the char ranges [[a, b], …] wrapped in <mark> (offsets count code points).
function marked(text, spans) {
  const frag = document.createDocumentFragment();
  const chars = Array.from(text || '');
  let at = 0;
  for (const [a, b] of (spans || []).slice().sort((x, y) => x[0] - y[0])) {
    if (a < at) continue;
    frag.append(chars.slice(at, a).join(''));
    frag.append(el('mark', null, chars.slice(a, b).join('')));
    at = b;
  }
  frag.append(chars.slice(at).join(''));
  return frag;
}

// A word diff `a [-removed-] {+added+}` as text with <del> and <ins>.
function diffed(diff) {
  const frag = document.createDocumentFragment();
  const re = /\[-([\s\S]*?)-\]|\{\+([\s\S]*?)\+\}/g;
  let at = 0, m;
  while ((m = re.exec(diff)) !== null) {
    frag.append(diff.slice(at, m.index));
    frag.append(m[1] !== undefined ? el('del', null, m[1]) : el('ins', null, m[2]));
    at = re.lastIndex;
  }
  frag.append(diff.slice(at));
  return frag;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const t = el('textarea'); t.value = text; document.body.append(t); t.select();
    document.execCommand('copy'); t.remove();
  }
}

async function getJson(url, opts) {
  const r = await fetch(url, opts);
  const body = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) {
    const e = new Error(body.error || r.statusText);
    e.status = r.status;
    throw e;
  }
  return body;
}

// Whether the server takes writes (started with --allow-write).
function writable() { return document.body.dataset.write === '1'; }

// The name written into changed_by: remembered in this browser.
function userName() { return localStorage.getItem('tm-user') || ''; }
function rememberUser(name) { if (name.trim()) localStorage.setItem('tm-user', name.trim()); }

function sendJson(url, method, body) {
  return getJson(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// Edit and Delete for the unit `id` shown in `li`; `changed()` runs after a saved change.
// The editor starts from the unit as stored now (GET, which gives its version); a save made
// from a version someone has since changed is refused by the server (409) and said so here,
// the typed texts kept, with the stored texts one click away.
function unitTools(li, id, changed) {
  const bar = el('span', 'unit-tools');
  const edit = el('button', 'edit', 'Edit');
  const del = el('button', 'delete', 'Delete');
  edit.type = del.type = 'button';
  const msg = el('div', 'unit-status muted');
  edit.addEventListener('click', (e) => { e.stopPropagation(); openEditor(li, id, msg, changed); });
  del.addEventListener('click', async (e) => {
    e.stopPropagation();
    if (!confirm('Delete unit ' + id + ' from the memory?')) return;
    try {
      const unit = await getJson('/api/units/' + id);
      await getJson('/api/units/' + id + '?version=' + unit.version, { method: 'DELETE' });
      li.classList.add('deleted');
      msg.className = 'unit-status muted';
      msg.textContent = 'Deleted unit ' + id + '.';
      bar.remove();
    } catch (err) { msg.className = 'unit-status error'; msg.textContent = err.message; }
  });
  bar.append(edit, del);
  return [bar, msg];
}

async function openEditor(li, id, msg, changed) {
  if (li.querySelector('form.editor')) return;
  let unit;
  try { unit = await getJson('/api/units/' + id); } catch (e) {
    msg.className = 'unit-status error'; msg.textContent = e.message; return;
  }
  const form = el('form', 'editor');
  const src = el('textarea'); src.name = 'source'; src.rows = 2; src.value = unit.src;
  const tgt = el('textarea'); tgt.name = 'target'; tgt.rows = 2; tgt.value = unit.tgt ?? '';
  const who = el('input'); who.name = 'user'; who.placeholder = 'Your name'; who.size = 14; who.value = userName();
  const save = el('button', null, 'Save'); save.type = 'submit';
  const cancel = el('button', null, 'Cancel'); cancel.type = 'button';
  const reload = el('button', null, 'Load the stored texts'); reload.type = 'button'; reload.hidden = true;
  const fields = [el('label', null, unit.src_lang + ' '), src];
  if (unit.tgt !== null) fields.push(el('label', null, unit.tgt_lang + ' '), tgt);
  form.append(...fields, who, save, cancel, reload);
  form.addEventListener('click', (e) => e.stopPropagation());
  cancel.addEventListener('click', () => form.remove());
  reload.addEventListener('click', async () => {
    try {
      unit = await getJson('/api/units/' + id);
      src.value = unit.src; tgt.value = unit.tgt ?? '';
      reload.hidden = true;
      msg.className = 'unit-status muted';
      msg.textContent = 'Version ' + unit.version + ' loaded; redo your change and save.';
    } catch (e) { msg.className = 'unit-status error'; msg.textContent = e.message; }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    rememberUser(who.value);
    const body = { source: src.value, version: unit.version, user: who.value };
    if (unit.tgt !== null) body.target = tgt.value;
    try {
      const saved = await sendJson('/api/units/' + id, 'PUT', body);
      form.remove();
      msg.className = 'unit-status muted';
      changed('Saved: unit ' + id + ' is at version ' + saved.version + '.');
    } catch (err) {
      msg.className = 'unit-status error';
      msg.textContent = err.message;
      reload.hidden = err.status !== 409;
    }
  });
  li.append(form);
  src.focus();
}

function initLookup() {
  const q = document.getElementById('q');
  const conc = document.getElementById('mode-concordance');
  const list = document.getElementById('results');
  const status = document.getElementById('status');
  let timer = null, seq = 0, selected = -1, proposals = [];

  function select(i) {
    const items = list.querySelectorAll('li');
    if (!items.length) return;
    selected = Math.max(0, Math.min(items.length - 1, i));
    items.forEach((li, k) => li.classList.toggle('selected', k === selected));
    items[selected].scrollIntoView({ block: 'nearest' });
  }

  async function search() {
    clearTimeout(timer);
    const text = q.value.trim();
    const mine = ++seq;
    if (!text) { list.replaceChildren(); status.textContent = ''; return; }
    const url = conc.checked
      ? '/api/concordance?q=' + encodeURIComponent(text) + '&limit=50'
      : '/api/lookup?q=' + encodeURIComponent(text) + '&min=50&limit=10';
    const t0 = performance.now();
    let data;
    try { data = await getJson(url); } catch (e) {
      if (mine === seq) { status.textContent = e.message; status.className = 'error'; }
      return;
    }
    if (mine !== seq) return; // a newer search is under way
    status.className = 'muted';
    const ms = Math.round(performance.now() - t0);
    list.replaceChildren();
    proposals = []; selected = -1;
    if (conc.checked) {
      for (const h of data.hits) {
        const li = el('li', 'hit');
        const s = el('div', 'src'); s.append(el('span', 'lang', h.src_lang), marked(h.src, h.src_spans));
        li.append(s);
        if (h.tgt !== null) {
          const t = el('div', 'tgt'); t.append(el('span', 'lang', h.tgt_lang), marked(h.tgt, h.tgt_spans));
          li.append(t);
        }
        if (writable()) li.append(...unitTools(li, h.segment, changed));
        proposals.push(h.tgt || h.src);
        list.append(li);
      }
      status.textContent = data.hits.length + ' segments contain these words (' + ms + ' ms)';
    } else {
      for (const m of data.matches) {
        const li = el('li', 'match');
        const cls = m.score >= 100 ? 's100' : m.score >= 85 ? 'high' : 'low';
        const head = el('div');
        head.append(el('span', 'score ' + cls, m.score + '%'));
        const copy = el('button', 'copy', 'Copy');
        copy.type = 'button';
        copy.addEventListener('click', () => { copyText(m.proposal); copy.textContent = 'Copied'; });
        head.append(copy);
        const src = el('div', 'src'); src.append(el('span', 'lang', m.source_lang), diffed(m.diff || m.source));
        const tgt = el('div', 'tgt'); tgt.append(el('span', 'lang', m.target_lang), m.target);
        const prop = el('div', 'proposal'); prop.append(el('span', 'lang', 'proposal'), m.proposal);
        li.append(head, src, tgt, prop);
        if (writable()) {
          const [tools, msg] = unitTools(li, m.segment, changed);
          head.append(tools);
          li.append(msg);
        }
        li.addEventListener('click', () => select(Array.from(list.children).indexOf(li)));
        proposals.push(m.proposal);
        list.append(li);
      }
      status.textContent = data.matches.length
        ? data.matches.length + (data.matches.length === 1 ? ' match (' : ' matches (') + ms + ' ms)'
        : 'No match of 50% or more (' + ms + ' ms)';
    }
    if (proposals.length) select(0);
  }

  // After a saved change: the search again, so the list shows the stored texts.
  async function changed(note) {
    await search();
    status.textContent = note + ' ' + status.textContent;
  }

  q.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, 200); });
  conc.addEventListener('change', search);
  document.addEventListener('keydown', (e) => {
    if (e.target.closest && e.target.closest('form.editor')) return; // typing in an editor
    if (e.key === 'Enter' && document.activeElement === q) { e.preventDefault(); search(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); select(selected + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); select(selected - 1); }
    else if ((e.ctrlKey || e.metaKey) && e.key === 'c' && selected >= 0 &&
             !String(window.getSelection()) && q.selectionStart === q.selectionEnd) {
      e.preventDefault();
      copyText(proposals[selected]);
      status.textContent = 'Copied the proposal of match ' + (selected + 1);
    }
  });
}

function initQa() {
  const form = document.getElementById('qa-form');
  const file = document.getElementById('qa-file');
  const status = document.getElementById('qa-status');
  const body = document.querySelector('#qa-findings tbody');
  const fCheck = document.getElementById('f-check');
  const fSev = document.getElementById('f-severity');
  const shown = document.getElementById('qa-shown');
  const fOrder = document.getElementById('f-order');
  const worst = document.getElementById('qa-worst');
  const worstBody = document.querySelector('#qa-quality tbody');
  let last = null; // what was checked: 'memory' or a File
  let shownData = null; // the last answer, re-rendered when the order changes

  function applyFilters() {
    let n = 0;
    body.querySelectorAll('tr.finding').forEach((r) => {
      const ok = (!fCheck.value || r.dataset.check === fCheck.value) &&
                 (!fSev.value || r.dataset.severity === fSev.value);
      r.hidden = !ok; if (ok) n++;
    });
    shown.textContent = String(n);
  }

  function fill(select, counts) {
    select.replaceChildren(el('option', null, 'all'));
    select.firstChild.value = '';
    for (const [k, n] of Object.entries(counts).sort()) {
      const o = el('option', null, k + ' (' + n + ')'); o.value = k; select.append(o);
    }
  }

  // Findings in segment order, or the pairs of lowest quality score first.
  function order(findings) {
    if (fOrder.value !== 'quality') return findings;
    const q = (f) => (f.quality === null || f.quality === undefined ? 2 : f.quality);
    return findings.map((f, i) => [f, i]).sort((a, b) => q(a[0]) - q(b[0]) || a[1] - b[1]).map((x) => x[0]);
  }

  function renderWorst(pairs) {
    worstBody.replaceChildren();
    for (const p of pairs || []) {
      const tr = el('tr');
      tr.append(el('td', null, (p.origin || '') + ':' + p.segment), el('td', null, p.score.toFixed(2)),
                el('td', null, p.source));
      const td = el('td'); td.append(marked(p.target || '', p.spans)); tr.append(td);
      worstBody.append(tr);
    }
    worst.hidden = !(pairs && pairs.length);
  }

  function render(data) {
    body.replaceChildren();
    const sev = {};
    for (const f of order(data.findings)) {
      sev[f.severity] = (sev[f.severity] || 0) + 1;
      const tr = el('tr', 'finding');
      tr.dataset.check = f.check; tr.dataset.severity = f.severity;
      const side = (text, which) => {
        const td = el('td');
        if (text === null || text === undefined) td.append(el('span', 'muted', '—'));
        else td.append(f.side === which ? marked(text, [[f.start, f.end]]) : text);
        return td;
      };
      const chk = el('td', 'sev-' + f.severity, f.check);
      chk.append(el('br'), el('span', 'muted', f.severity));
      tr.append(el('td', null, (f.origin || '') + ':' + f.segment), chk, side(f.source, 'src'),
                side(f.target, 'tgt'), el('td', null, f.message), el('td', 'sugg', f.suggestion || ''));
      body.append(tr);
    }
    fill(fCheck, data.counts); fill(fSev, sev); renderWorst(data.quality);
    status.textContent = data.units + ' segments checked, ' + data.findings.length + ' findings (' + data.title + ').';
    applyFilters();
  }

  async function run(what, format) {
    let url = '/api/qa?format=' + format, opts = { method: 'POST' };
    if (what === 'memory') url += '&source=memory';
    else { const fd = new FormData(); fd.append('file', what); opts.body = fd; }
    return fetch(url, opts);
  }

  async function check(what) {
    status.className = 'muted'; status.textContent = 'Checking…';
    try {
      const r = await run(what, 'json');
      const data = await r.json();
      if (!r.ok) throw new Error(data.error);
      last = what; shownData = data; render(data);
    } catch (e) { status.className = 'error'; status.textContent = e.message; }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!file.files.length) { status.className = 'error'; status.textContent = 'Choose a file first.'; return; }
    check(file.files[0]);
  });
  document.getElementById('qa-run-memory').addEventListener('click', () => check('memory'));
  document.getElementById('qa-download').addEventListener('click', async () => {
    if (!last) { status.textContent = 'Run a check first.'; return; }
    const format = document.getElementById('qa-download-format').value;
    const r = await run(last, format);
    if (!r.ok) { status.className = 'error'; status.textContent = (await r.json()).error; return; }
    const a = el('a'); a.href = URL.createObjectURL(await r.blob()); a.download = 'qa-report.' + format;
    document.body.append(a); a.click(); a.remove();
  });
  fOrder.addEventListener('change', () => {
    if (!shownData) return;
    const [c, v] = [fCheck.value, fSev.value];
    render(shownData); fCheck.value = c; fSev.value = v; applyFilters();
  });
  fCheck.addEventListener('change', applyFilters);
  fSev.addEventListener('change', applyFilters);
}

// The Memory page's form for one new unit (POST /api/units).
function initAdd() {
  const form = document.getElementById('add-form');
  if (!form) return;
  const status = document.getElementById('add-status');
  form.elements.user.value = userName();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = form.elements;
    rememberUser(f.user.value);
    const body = { source: f.source.value, src_lang: f.src_lang.value, user: f.user.value };
    if (f.target.value.trim()) { body.target = f.target.value; body.tgt_lang = f.tgt_lang.value; }
    try {
      const unit = await sendJson('/api/units', 'POST', body);
      status.className = 'muted';
      status.textContent = 'Added unit ' + unit.id + ' (' + unit.src_lang + (unit.tgt_lang ? '→' + unit.tgt_lang : '') + ').';
      f.source.value = ''; f.target.value = '';
    } catch (err) { status.className = 'error'; status.textContent = err.message; }
  });
}

function initMemory() {
  initAdd();
  const form = document.getElementById('import-form');
  if (!form) return;
  const bar = document.getElementById('import-progress');
  const status = document.getElementById('import-status');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import');
    xhr.upload.onprogress = (p) => { if (p.lengthComputable) bar.value = Math.round(100 * p.loaded / p.total); };
    xhr.onload = () => {
      let data = {};
      try { data = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      if (xhr.status === 200) {
        bar.value = 100;
        status.textContent = 'Imported ' + data.added + ' units (' + data.duplicates + ' already there, ' + data.overwritten + ' replaced). Reload to see the counts.';
      } else { status.className = 'error'; status.textContent = data.error || xhr.statusText; }
    };
    status.className = 'muted'; status.textContent = 'Uploading…';
    xhr.send(new FormData(form));
  });
}

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  if (page === 'lookup') initLookup();
  else if (page === 'qa') initQa();
  else if (page === 'memory') initMemory();
});
