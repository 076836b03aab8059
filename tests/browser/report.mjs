// Opens a QA report (tm qa --format html) in headless Chromium and checks that it renders:
// the highlighted spans are there, the check and severity filters hide and show rows, and
// user text stays text. Saves a screenshot beside the report.
//
//   node tests/browser/report.mjs REPORT.html SCREENSHOT.png
import { launchChromium } from './chromium.mjs';
import { pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

const [report, shot] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Nothing may be fetched from the network: the report is one self-contained file.
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(report).href);
  assert.deepEqual(requests, [], 'the report fetched something');

  const rows = page.locator('tr.finding');
  const total = await rows.count();
  assert.ok(total > 0, 'no findings shown');

  // Every finding row highlights a span, and the seeds' typo is highlighted as itself.
  const marks = await page.locator('tr.finding mark').allTextContents();
  assert.ok(marks.length >= total, `only ${marks.length} highlights for ${total} rows`);
  assert.ok(marks.includes('relatiomns'), 'the misspelt word is not highlighted');
  const bg = await page.locator('tr.finding mark').first().evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'the highlight has no background');

  // Filter by check: only spelling rows remain visible.
  await page.selectOption('#f-check', 'spelling');
  const visible = page.locator('tr.finding:visible');
  const nSpelling = await visible.count();
  assert.ok(nSpelling > 0 && nSpelling < total, `spelling filter shows ${nSpelling} of ${total}`);
  for (const c of await visible.evaluateAll((rs) => rs.map((r) => r.dataset.check))) {
    assert.equal(c, 'spelling');
  }
  assert.equal(await page.textContent('#shown'), String(nSpelling));
  await page.screenshot({ path: shot, fullPage: true });

  // Filter by severity on top, then clear both.
  const severities = await page.locator('#f-severity option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await page.selectOption('#f-check', '');
  await page.selectOption('#f-severity', severities[0]);
  const nSev = await page.locator('tr.finding:visible').count();
  for (const s of await page.locator('tr.finding:visible').evaluateAll((rs) => rs.map((r) => r.dataset.severity))) {
    assert.equal(s, severities[0]);
  }
  assert.ok(nSev > 0);
  await page.selectOption('#f-severity', '');
  assert.equal(await page.locator('tr.finding:visible').count(), total);
  console.log(`report ok: ${total} findings, ${nSpelling} spelling, ${nSev} ${severities[0]}; screenshot ${shot}`);
} finally {
  await browser.close();
}
