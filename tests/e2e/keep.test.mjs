// Take it away and take it along: exports that re-open as the same report, work kept across
// reloads, «Очистить данные», and the app working offline after one visit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, waitForApp, outDir, ROOT, openApp } from './harness.mjs';

const FIX = join(ROOT, 'tests/e2e/fixtures');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = () => openApp(browser, server.url);

const statusWord = async (page) => (await page.locator('.status .status-word').textContent()).trim();
const identText = (page) => page.locator('#identification table.procedures').innerText();

async function download(page, name) {
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const dir = await outDir('keep');
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

test('CSV export re-opens as the identical report', async () => {
  const { page, context } = await fresh();
  const before = { status: await statusWord(page), table: await identText(page), blocks: await page.locator('.dtk').innerText() };
  const path = await download(page, 'CSV');
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  await page.setInputFiles('#file-input', path);
  await page.locator('.start .file-name').waitFor();
  assert.equal(await statusWord(page), before.status);
  assert.equal(await identText(page), before.table);
  assert.equal(await page.locator('.dtk').innerText(), before.blocks);
  await context.close();
});

test('XLSX export re-opens with the same status and numbers; JSON carries the edited texts', async () => {
  const { page, context } = await fresh();
  const mine = 'Вывод куратора для выгрузки.';
  await page.locator('#text-1-1-conclusion').fill(mine);
  const json = JSON.parse(readFileSync(await download(page, 'JSON'), 'utf8'));
  assert.equal(json.identification.status, 'shnor');
  assert.equal(json.pairs.find((s) => s.id === '1.1').conclusion, mine);
  const before = { status: await statusWord(page), table: await identText(page) };
  const xlsx = await download(page, 'XLSX');
  assert.deepEqual([...readFileSync(xlsx).subarray(0, 2)], [0x50, 0x4b], 'a ZIP container');
  await page.setInputFiles('#file-input', xlsx);
  await page.locator('.start .file-name', { hasText: '.xlsx' }).waitFor();
  await page.locator('.status').waitFor();
  assert.equal(await statusWord(page), before.status);
  assert.equal(await identText(page), before.table);
  // A spreadsheet is kept like any file: after a reload the same school is back.
  await page.reload();
  await waitForApp(page);
  await page.locator('.start .file-name', { hasText: '.xlsx' }).waitFor();
  await page.locator('.status').waitFor();
  assert.equal(await statusWord(page), before.status);
  assert.equal(await identText(page), before.table);
  await context.close();
});

test('the opened file and the edits survive a reload; «Очистить данные» removes them', async () => {
  const { page, context } = await fresh();
  await page.setInputFiles('#file-input', join(FIX, 'cp1251-tab.csv'));
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  const mine = 'Правка, которая должна пережить перезагрузку.';
  await page.locator('#text-2-conclusion').fill(mine);
  await page.reload();
  await waitForApp(page);
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  assert.equal(await page.locator('#text-2-conclusion').inputValue(), mine);
  await page.locator('details.recent summary').click();
  assert.match(await page.locator('details.recent').innerText(), /cp1251-tab\.csv/);
  // Issue 15: «Очистить данные…» asks first (a dialog); «Удалить» confirms.
  await page.getByRole('button', { name: 'Очистить данные…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Удалить' }).click();
  await page.locator('.report-head h1', { hasText: 'СОШ № 3' }).waitFor();
  await page.reload();
  await waitForApp(page);
  await page.locator('.report-head h1', { hasText: 'СОШ № 3' }).waitFor();
  assert.equal(await page.locator('details.recent').count(), 0);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('dtk.')));
  assert.deepEqual(stored.filter((k) => !k.endsWith('settings')), []);
  await context.close();
});

test('an edit stays when the file is read again with another encoding or delimiter', async () => {
  const { page, context } = await fresh();
  await page.setInputFiles('#file-input', join(FIX, 'cp1251-tab.csv'));
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  const mine = 'Правка, которая переживает выбор кодировки.';
  await page.locator('#text-2-conclusion').fill(mine);
  // Choosing the encoding by hand reads the file again: a new report, the same school.
  await page.selectOption('#enc', { value: 'Windows-1251' });
  await page.locator('#enc option:checked', { hasText: /^Windows-1251$/ }).waitFor({ state: 'attached' });
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  assert.equal(await page.locator('#text-2-conclusion').inputValue(), mine);
  await page.selectOption('#delim', { value: 'табуляция' });
  await page.locator('#delim option:checked', { hasText: /^табуляция$/ }).waitFor({ state: 'attached' });
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  assert.equal(await page.locator('#text-2-conclusion').inputValue(), mine);
  await context.close();
});

test('after one visit the page opens and works with the network off', async () => {
  const { page, context } = await fresh();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await page.locator('.status').waitFor();
  assert.equal(await statusWord(page), 'ШНОР');
  // And a file still opens.
  await page.setInputFiles('#file-input', join(FIX, 'results-one-school.csv'));
  await page.locator('.report-head h1', { hasText: 'Гимназия № 1' }).waitFor();
  const dir = await outDir('keep');
  await page.screenshot({ path: join(dir, 'offline.png') });
  await context.close();
});
