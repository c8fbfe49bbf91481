// Methodology, edition 2, the parts a person checks by eye (issue 11): an expected empty cell
// is marked as expected and flagged where it decides the status, a condition that empty cells could
// still make hold says «проверить нельзя»; blocks 3.2–3.4 show their «Описание» with the
// monitoring date, on screen and in print; the report CSV carries the five pairs and the
// user's texts come back from it in a browser that never saw them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, outDir, ROOT, openApp } from './harness.mjs';

const FIX = join(ROOT, 'tests/e2e/fixtures');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = () => openApp(browser, server.url);

test('an empty expected cell is marked, the one that decides the status is flagged, and Условие 1 cannot be checked', async () => {
  const { page, context, errors } = await fresh();
  await page.setInputFiles('#file-input', join(FIX, 'deciding-gap.csv'));
  await page.locator('.report-head h1', { hasText: 'СОШ № 9' }).waitFor();
  assert.equal((await page.locator('.status .status-word').textContent()).trim(), 'недостаточно данных');
  const gap = page.locator('#identification table.procedures td.expected-empty');
  assert.equal(await gap.count(), 1);
  assert.match(await gap.innerText(), /нет данных/);
  assert.match(await gap.getAttribute('title'), /ожидался результат/);
  assert.match(await gap.innerText(), /решает статус/);
  const conditions = await page.locator('#identification ul.conditions').innerText();
  assert.match(conditions, /Условие 1 проверить нельзя/);
  assert.match(conditions, /Условие 2 не выполнено/);
  await page.locator('#identification').screenshot({ path: join(await outDir('gaps'), 'deciding-gap.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('blocks 3.2–3.4 show their «Описание» with the monitoring date, on screen and in print', async () => {
  const { page, context, errors } = await fresh();
  const described = page.locator('#block-3-2 tr.described');
  assert.equal(await described.count(), 1);
  assert.match(await described.innerText(), /Описание \(мониторинг на 31\.03\.2023\): Диагностику профессиональных дефицитов в школе прошли 25 из 42 педагогов/);
  assert.equal(await page.locator('#block-3-3 tr.described').count(), 2);
  assert.equal(await page.locator('#block-3-4 tr.described').count(), 1);
  const dir = await outDir('gaps');
  await page.locator('#block-3-3').screenshot({ path: join(dir, 'described-3-3.png') });
  const pdfPath = join(dir, 'described-print.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', [pdfPath, '-']).toString().replace(/\s+/g, ' ');
  assert.match(text, /Описание \(мониторинг на 31\.03\.2023\): В методической работе 40 из 42 учителей/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the report CSV carries the five pairs; the user\'s text comes back in a browser that never saw it', async () => {
  const { page, context } = await fresh();
  const mine = 'Вывод куратора о качестве образования; проверено на месте.';
  await page.locator('#text-1-2-conclusion').fill(mine);
  const [d] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV', exact: true }).click(),
  ]);
  const path = join(await outDir('gaps'), 'with-texts.csv');
  await d.saveAs(path);
  const csv = readFileSync(path, 'utf8');
  assert.match(csv, /^text\.1\.2\.conclusion;[^\r\n]*;"Вывод куратора о качестве образования; проверено на месте\."/m);
  for (const key of ['1.1', '1.3', '2', '3']) assert.match(csv, new RegExp(`^auto\\.${key.replace('.', '\\.')}\\.conclusion;`, 'm'));
  await context.close();
  // Another browser profile: no kept edits, only the file.
  const other = await fresh();
  await other.page.setInputFiles('#file-input', path);
  await other.page.locator('.start .file-name', { hasText: 'with-texts.csv' }).waitFor();
  await other.page.waitForFunction((t) => document.querySelector('#text-1-2-conclusion')?.value === t, mine);
  // A generated text is generated again, not read: 1.1 is the example's own.
  assert.match(await other.page.locator('#text-1-1-conclusion').inputValue(), /^Численность обучающихся/);
  await other.context.close();
});
