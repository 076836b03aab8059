// End to end in headless Chromium: `tm serve` on a memory seeded from seeds/, then the
// Lookup page (type the English headline of 003, see the Russian headline at 100%, keyboard
// copy), concordance (НАТО), the QA page (check the memory, filter by spelling) and the
// Memory page; then, with --allow-write, a unit added, edited (a conflicting change refused)
// and deleted through the pages. Screenshots go to OUT_DIR.
//
//   node tests/browser/serve.mjs path/to/tm OUT_DIR
import { launchChromium } from './chromium.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [tm, out] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'tm-e2e-'));
const db = join(dir, 'memory.db');
execFileSync(tm, ['--db', db, 'ingest', 'seeds/'], { stdio: 'ignore' });

const seed003 = readdirSync('seeds').find((f) => f.startsWith('003_'));
const headline = readFileSync(join('seeds', seed003), 'utf8').split('\n').find((l) => l.trim()).trim();

// Port 0: the server picks a free port and prints its URL.
function serve(dbPath, ...flags) {
  const server = spawn(tm, ['--db', dbPath, 'serve', '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/http:\/\/[^\s]+/);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error('tm serve exited with ' + code)));
    setTimeout(() => reject(new Error('tm serve did not print its URL')), 15000);
  });
  return [server, url];
}
const [server, urlP] = serve(db);
const url = await urlP;

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
  const page = await context.newPage();
  const offsite = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) offsite.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Lookup: typing (not pasting) triggers the debounced search.
  await page.goto(url);
  await page.locator('#q').pressSequentially(headline, { delay: 5 });
  const first = page.locator('#results li').first();
  await first.waitFor();
  await page.waitForFunction(() => document.querySelector('#results li .score')?.textContent === '100%');
  const tgt = await first.locator('.tgt').textContent();
  assert.match(tgt, /Штайнмайер заявил о готовности НАТО работать вместе с Россией/);
  assert.equal(await first.locator('.score').textContent(), '100%');
  await page.screenshot({ path: join(out, 'serve-lookup.png'), fullPage: true });

  // Keyboard: the first match is selected; Ctrl+C copies its proposal.
  assert.ok(await first.evaluate((li) => li.classList.contains('selected')));
  await page.keyboard.press('Control+c');
  await page.waitForFunction(() => /Copied/.test(document.getElementById('status').textContent));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(clip, /^Штайнмайер заявил/);

  // Concordance: НАТО, highlighted in the Russian text.
  await page.check('#mode-concordance');
  await page.fill('#q', 'НАТО');
  await page.keyboard.press('Enter');
  await page.locator('#results li.hit mark').first().waitFor();
  const marks = await page.locator('#results li.hit mark').allTextContents();
  assert.ok(marks.includes('НАТО'), `marks: ${marks}`);
  await page.screenshot({ path: join(out, 'serve-concordance.png'), fullPage: true });

  // QA page: check the memory, then filter by spelling.
  await page.click('nav a[href="/qa"]');
  await page.click('#qa-run-memory');
  await page.locator('#qa-findings tr.finding').first().waitFor();
  const total = await page.locator('#qa-findings tr.finding').count();
  await page.selectOption('#f-check', 'spelling');
  const rows = page.locator('#qa-findings tr.finding:visible');
  assert.equal(await rows.count(), 1);
  assert.ok(total > 1);
  assert.equal(await rows.first().locator('mark').textContent(), 'relatiomns');
  assert.equal(await page.textContent('#qa-shown'), '1');
  // The Russian–English pair of the seeds (the headlines) has a quality score.
  await page.locator('#qa-worst:not([hidden])').waitFor();
  assert.match(await page.textContent('#qa-quality tbody'), /\d\.\d\d/);
  // Worst quality first keeps every finding and the filter.
  await page.selectOption('#f-order', 'quality');
  assert.equal(await page.textContent('#qa-shown'), '1');
  await page.selectOption('#f-check', '');
  assert.equal(await page.locator('#qa-findings tr.finding').count(), total);
  await page.screenshot({ path: join(out, 'serve-qa.png'), fullPage: true });

  // Memory page: statistics, and the server is read-only.
  await page.click('nav a[href="/memory"]');
  assert.match(await page.textContent('#stats'), /Segments\s*36/);
  assert.match(await page.textContent('main'), /read-only/);
  await page.screenshot({ path: join(out, 'serve-memory.png'), fullPage: true });

  // A server that takes writes, on a copy of the memory: add a unit on the Memory page, find
  // it, edit it after someone else changed it meanwhile (refused, typed text kept, redone
  // from the stored version), delete it.
  copyFileSync(db, join(dir, 'team.db'));
  const [wserver, wurlP] = serve(join(dir, 'team.db'), '--allow-write');
  try {
    const wurl = await wurlP;
    const wp = await context.newPage();
    wp.on('pageerror', (e) => errors.push(e.message));
    wp.on('dialog', (d) => d.accept());
    await wp.goto(wurl + 'memory');
    await wp.fill('#add-form textarea[name=source]', 'The harbour opens at dawn.');
    await wp.fill('#add-form textarea[name=target]', 'Гавань открывается на рассвете.');
    await wp.fill('#user', 'Anna');
    await wp.click('#add-form button[type=submit]');
    await wp.waitForFunction(() => /Added unit \d+/.test(document.getElementById('add-status').textContent));
    const id = Number((await wp.textContent('#add-status')).match(/Added unit (\d+)/)[1]);

    await wp.goto(wurl);
    await wp.locator('#q').pressSequentially('The harbour opens at dawn.', { delay: 5 });
    await wp.waitForFunction(() => document.querySelector('#results li .score')?.textContent === '100%');
    const match = wp.locator('#results li').first();
    await match.locator('button.edit').click();
    const editor = match.locator('form.editor');
    await editor.waitFor();
    assert.equal(await editor.locator('input[name=user]').inputValue(), 'Anna');
    await editor.locator('textarea[name=target]').fill('Порт открывается на рассвете.');
    // Someone else saves a change first.
    await wp.evaluate(async (id) => {
      const u = await (await fetch('/api/units/' + id)).json();
      const r = await fetch('/api/units/' + id, {
        method: 'PUT', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target: 'Гавань открывается с рассветом.', version: u.version, user: 'Boris' }),
      });
      if (!r.ok) throw new Error('PUT ' + r.status);
    }, id);
    await editor.locator('button[type=submit]').click();
    await match.locator('.unit-status.error').waitFor();
    assert.match(await match.locator('.unit-status').textContent(), /changed by Boris/);
    assert.equal(await editor.locator('textarea[name=target]').inputValue(), 'Порт открывается на рассвете.');
    await editor.locator('text=Load the stored texts').click();
    await wp.waitForFunction(() => document.querySelector('form.editor textarea[name=target]')?.value === 'Гавань открывается с рассветом.');
    await editor.locator('textarea[name=target]').fill('Порт открывается с рассветом.');
    await editor.locator('button[type=submit]').click();
    await wp.waitForFunction(() => /Saved: unit \d+ is at version 3/.test(document.getElementById('status').textContent));
    assert.match(await wp.locator('#results li').first().locator('.tgt').textContent(), /Порт открывается с рассветом\./);
    const stored = await wp.evaluate(async (id) => (await fetch('/api/units/' + id)).json(), id);
    assert.equal(stored.changed_by, 'Anna');
    assert.equal(stored.tgt, 'Порт открывается с рассветом.');
    await wp.screenshot({ path: join(out, 'serve-edit.png'), fullPage: true });

    await wp.locator('#results li').first().locator('button.delete').click();
    await wp.locator('#results li.deleted').first().waitFor();
    assert.equal(await wp.evaluate(async (id) => (await fetch('/api/units/' + id)).status, id), 404);
  } finally {
    wserver.kill();
  }

  assert.deepEqual(offsite, [], 'the pages fetched something from elsewhere');
  assert.deepEqual(errors, [], 'script errors');
  console.log(`serve ok: ${url} lookup 100%, concordance, QA ${total} findings → 1 spelling, add/edit (conflict refused)/delete on the page; screenshots in ${out}`);
} finally {
  await browser.close();
  server.kill();
}
