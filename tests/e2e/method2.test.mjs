// Methodology, edition 2 as a person meets it on the page (issue 11): the form's five
// «Вывод / Проблема» pairs on the page and in the printed PDF (read back with pdftotext), the
// «Готово к сдаче?» self-check, the identification heading and «how to leave the list», and an
// edit kept before the change (per-block keys 2.1…3.4) carried over to its pair or offered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, launch, waitForApp, outDir, FIXTURES, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = () => openApp(browser, server.url, {});

test('the example shows five pairs, the heading, how to leave and the self-check; print has them too', async () => {
  const { page, context, errors } = await fresh();
  // Five pairs, after 1.1, 1.2, 1.3, 2.3 and 3.4, with the form's keys.
  const pairs = await page.locator('.texts.pair').evaluateAll((els) => els.map((e) => e.dataset.pair));
  assert.deepEqual(pairs, ['1.1', '1.2', '1.3', '2', '3']);
  for (const key of ['1-1', '1-2', '1-3', '2', '3']) {
    await page.locator(`#text-${key}-conclusion`).waitFor();
    await page.locator(`#text-${key}-problems`).waitFor();
  }
  assert.equal(await page.locator('#text-2-1-conclusion').count(), 0);
  // «Вывод» of 1.2 names the ВПР results behind the status; «Проблема» has themes and factors.
  const c12 = await page.locator('#text-1-2-conclusion').inputValue();
  assert.match(c12, /^Школа относится к ШНОР \(Условие 2/);
  const p12 = await page.locator('#text-1-2-problems').inputValue();
  assert.match(p12, /Математика — неуспешность \(/);
  assert.match(p12, /возможные факторы риска: «Высокая доля обучающихся с рисками учебной неуспешности» \(8\)/);
  // Identification, edition 2.
  const ident = await page.locator('#identification').innerText();
  assert.match(ident, /Идентификация в 2023-2024 учебном году — по результатам 2022-2023 и 2021-2022/);
  assert.match(ident, /Как выйти из списка/);
  assert.match(ident, /ВПР математика 5 кл\.: не более 8 «2» из 30/);
  // The self-check on top.
  assert.equal((await page.locator('#readiness .readiness-headline').innerText()).trim(), 'Можно сдавать');
  const dir = await outDir('report');
  await page.locator('#pair-2').screenshot({ path: join(dir, 'pair-2.png') });
  await page.locator('#readiness').screenshot({ path: join(dir, 'readiness.png') });

  const pdfPath = join(dir, 'method2-print.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', [pdfPath, '-']).toString().replace(/\s+/g, ' ');
  for (const title of [
    'Вывод и проблема: Сохранность контингента (1.1)',
    'Вывод и проблема: Качество образования (1.2)',
    'Вывод и проблема: Результаты ГИА (1.3)',
    'Вывод и проблема: Социальный критерий (2.1–2.3)',
    'Вывод и проблема: Профессионально-педагогический критерий (3.1–3.4)',
  ]) {
    assert.ok(text.includes(title), `«${title}» in the PDF`);
  }
  assert.equal(text.split('Вывод и проблема:').length - 1, 5, 'exactly five pairs printed');
  assert.match(text, /Готово к сдаче\?/);
  assert.match(text, /Идентификация в 2023-2024 учебном году/);
  const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-']).toString();
  assert.doesNotMatch(firstPage, /Готово к сдаче/, 'page one stays the heading and the status');
  assert.deepEqual(errors, []);
  await context.close();
});

test('edits kept under the old block keys are carried over to the pair, or offered, never lost', async () => {
  const { page, context } = await fresh();
  // Make the page write this school's edits once, to learn its storage key.
  await page.locator('#text-1-1-conclusion').fill('Вывод 1.1 куратора.');
  const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('dtk.v1.edits.')));
  assert.ok(key, 'the edits key');
  // As an older version kept them: per block.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({
    '1.1/conclusion': 'Вывод 1.1 куратора.',
    '2.1/conclusion': 'Старый вывод по 2.1.',
    '2.3/conclusion': 'Старый вывод по 2.3.',
    '3/problems': 'Проблема 3, уже по паре.',
    '3.2/problems': 'Старая проблема по 3.2.',
  })), key);
  await page.reload();
  await waitForApp(page);
  await page.locator('#text-2-conclusion').waitFor();
  assert.equal(await page.locator('#text-1-1-conclusion').inputValue(), 'Вывод 1.1 куратора.');
  assert.equal(await page.locator('#text-2-conclusion').inputValue(), 'Старый вывод по 2.1.\n\nСтарый вывод по 2.3.');
  assert.equal(await page.locator('#text-3-problems').inputValue(), 'Проблема 3, уже по паре.');
  // 3.2's old problem could not be merged into the pair's own edit: it is offered.
  const offered = page.locator('#pair-3 .offered-edit');
  await offered.waitFor();
  assert.match(await offered.innerText(), /3\.2, Проблема: Старая проблема по 3\.2\./);
  await offered.getByRole('button', { name: 'Добавить к тексту' }).click();
  await page.waitForFunction(() => document.querySelector('#text-3-problems')?.value.includes('Старая проблема по 3.2.'));
  assert.equal(await page.locator('#pair-3 .offered-edit').count(), 0);
  const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), key);
  assert.equal(stored['3/problems'], 'Проблема 3, уже по паре.\n\nСтарая проблема по 3.2.');
  assert.equal(stored['offered/3.2/problems'], undefined);
  assert.equal(stored['2.1/conclusion'], undefined);
  await context.close();
});

test('retake, missing data, an empty last column and one pupil, through the page', async () => {
  const { page, context } = await fresh();
  await page.setInputFiles('#file-input', join(FIXTURES, 'edition2-school.csv'));
  await page.locator('.report-head h1', { hasText: 'Проверка' }).waitFor();
  // The empty 2023-2024 column is not the year of identification.
  assert.equal(
    (await page.locator('#ident-h').innerText()).trim(),
    'Идентификация в 2023-2024 учебном году — по результатам 2022-2023 и 2021-2022',
  );
  assert.equal((await page.locator('.status .status-word').textContent()).trim(), 'недостаточно данных');
  assert.match(
    await page.locator('#deciding-missing').innerText(),
    /если ВПР русский язык 5 кл\. 2022-2023 окажется ≥ 30 % — ШНОР \(Условие 1\)/,
  );
  // The self-check names the same cell.
  assert.match(await page.locator('#readiness').innerText(), /статус решают 1 пустая ячейка/);
  // 3/7 beside 7/39 is shown re-based, 3/39, with a diagnostic.
  assert.match(await page.locator('#block-1-3').innerText(), /7,7\s%\s\(3\/39\)/);
  await page.locator('.diagnostics').evaluate((d) => { d.open = true; });
  assert.match(await page.locator('.diagnostics').innerText(), /пересчитано/);
  // ВПР математика 6 кл. 7/31 → 8/29: one pupil, «стабильная».
  const row = page.locator('#block-1-2 tr', { hasText: '6 класс' }).last();
  assert.match(await row.innerText(), /стабильная/);
  await context.close();
});
