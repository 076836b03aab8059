// End to end in headless Chromium: `tm serve` on a memory seeded from seeds/, then the
// Lookup page (type the English headline of 003, see the Russian headline at 100%, keyboard
// copy), concordance (НАТО), the QA page (check the memory, filter by spelling) and the
// Memory page. Screenshots go to OUT_DIR.
//
//   node tests/browser/serve.mjs path/to/tm OUT_DIR
import { launchChromium } from './chromium.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
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
const server = spawn(tm, ['--db', db, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let buf = '';
  server.stdout.on('data', (d) => {
    buf += d;
    const m = buf.match(/http:\/\/[^\s]+/);
    if (m) resolve(m[0]);
  });
  server.on('exit', (code) => reject(new Error('tm serve exited with ' + code)));
  setTimeout(() => reject(new Error('tm serve did not print its URL')), 15000);
});

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

  assert.deepEqual(offsite, [], 'the pages fetched something from elsewhere');
  assert.deepEqual(errors, [], 'script errors');
  console.log(`serve ok: ${url} lookup 100%, concordance, QA ${total} findings → 1 spelling; screenshots in ${out}`);
} finally {
  await browser.close();
  server.kill();
}
