// The single-file build: dist-single/dtk-calculator.html opened straight from disk (file://),
// with no server at all, shows the example and reads a school's file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, waitForApp, outDir, ROOT } from './harness.mjs';

const FILE = join(ROOT, 'dist-single/dtk-calculator.html');
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the single HTML file works from file:// and makes no request but to itself', async () => {
  assert.ok(statSync(FILE).size > 100_000, 'the single file exists');
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const url = pathToFileURL(FILE).href;
  await page.goto(url);
  await waitForApp(page);
  assert.equal((await page.locator('.status .status-word').textContent()).trim(), 'ШНОР');
  await page.setInputFiles('#file-input', join(ROOT, 'tests/e2e/fixtures/results-one-school.csv'));
  await page.locator('.report-head h1', { hasText: 'Гимназия № 1' }).waitFor();
  assert.match(await page.locator('#identification').innerText(), /34,3\s%/);
  const dir = await outDir('single');
  await page.screenshot({ path: join(dir, 'single-file.png') });
  assert.deepEqual(requests.filter((u) => !(u === url || u.startsWith('blob:') || u.startsWith('data:'))), []);
  assert.deepEqual(errors, []);
  await context.close();
});
