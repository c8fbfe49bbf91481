// ВПР protocols from ФИС ОКО in the page (issue 14): a template of МБОУ "Вавилонская СОШ" plus
// two of its protocols (the real grade-5 mathematics one and a grade-6 fixture) give a ДТК whose
// vpr.* rows and status follow from the protocols, after the typed value that differs was shown
// side by side; damaged, other-school and no-journal files each give a Russian message while the
// rest works; the analysis prints alone on A4 and downloads as XLSX. No sleeps: every wait is
// for a state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp, outDir, ROOT, FIXTURES } from './harness.mjs';

const REAL = join(ROOT, 'tests/data/real/fisoko-protocols-2022');
const PROTO = join(FIXTURES, 'protocols');

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openTemplate(page) {
  await page.goto(server.url);
  await waitForApp(page);
  await page.setInputFiles('#file-input', join(PROTO, 'vavilon-template.csv'));
  await page.locator('#report-title', { hasText: 'Вавилонская СОШ' }).waitFor();
}

/** Opens protocol files and waits until each has its article. */
async function openProtocols(page, files) {
  await page.setInputFiles('#protocol-input', files);
  await page.waitForFunction((n) => document.querySelectorAll('article.protocol').length >= n, files.length);
}

async function setScale(page, file, cuts) {
  const article = page.locator(`article.protocol[data-file="${file}"]`);
  for (let i = 0; i < 3; i++) await article.locator(`input.cut[data-cut="${i}"]`).fill(String(cuts[i]));
  await article.locator('button.apply-scale').click();
  await article.locator('table.protocol-marks').first().waitFor();
  return article;
}

test('a template and two protocols give a ДТК whose ВПР rows and status follow from them', async () => {
  const { page, context, errors, offHost } = await openPage(browser, server.url);
  await openTemplate(page);
  const status = page.locator('#identification .status-word');
  // Edition 2 (domain.md §1): one low result and the other expected procedures empty — the
  // missing cells decide, so «недостаточно данных» until the protocols fill them.
  assert.equal((await status.textContent()).trim().toLowerCase(), 'недостаточно данных');

  await openProtocols(page, [join(REAL, 'vpr2022_grade5_math.xlsx'), join(PROTO, 'edu223017_math6_2022.xlsx')]);
  const m5 = page.locator('article.protocol[data-file="vpr2022_grade5_math.xlsx"]');
  // The guess is preselected with its source; nothing is analysed until the user applies a scale.
  assert.equal(await m5.locator('input.cut[data-cut="0"]').inputValue(), '7');
  assert.match(await m5.locator('.scale-source').textContent(), /предположение: шкала ВПР 2020\/2021/);

  await setScale(page, 'vpr2022_grade5_math.xlsx', [8, 11, 15]);
  const m6 = await setScale(page, 'edu223017_math6_2022.xlsx', [6, 10, 14]);
  // By hand from the rows (tests/protocol.rs): «2» ×3 of 7; the journal: 4 lower, 3 same.
  const row5 = await m5.locator('table.protocol-marks tbody tr').first().textContent();
  assert.match(row5, /3 \(42,9\s%\)/);
  assert.match(await m5.locator('p.journal').textContent(), /ниже отметок в журнале у 57,1\s% участников \(4 из 7\)/);
  assert.match(await m6.locator('td.share2').first().textContent(), /33,3\s% \(3\/9\)/);
  assert.equal(await m5.locator('svg.marks-chart').count(), 1);
  assert.equal(await m5.locator('svg.tasks-chart').count(), 1);

  await page.click('#protocols-to-dtk');
  const question = page.locator('.merge-question');
  await question.waitFor();
  const differs = await question.locator('tr.differs').textContent();
  assert.match(differs, /14,3\s% \(1\/7\)/);
  assert.match(differs, /42,9\s% \(3\/7\)/);
  await page.screenshot({ path: join(await outDir('protocols'), 'merge-question.png'), fullPage: false });
  await page.click('#merge-replace');
  await page.locator('.merge-outcome', { hasText: 'из протокола ФИС ОКО' }).waitFor();

  // The ДТК now: математика 5 and 6 of 2021-2022 from the protocols; with русский 5 (10/20)
  // three low procedures → ШНОР (Условие 1).
  await page.waitForFunction(() => document.querySelector('#identification .status-word')?.textContent.trim().toLowerCase() === 'шнор');
  const procedures = await page.locator('#identification table.procedures').textContent();
  assert.match(procedures, /42,9\s%/);
  assert.match(procedures, /33,3\s%/);
  assert.match(await page.locator('main').textContent(), /из протокола ФИС ОКО/);
  await page.screenshot({ path: join(await outDir('protocols'), 'after-merge.png'), fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(offHost(), []);
  await context.close();
});

test('damaged, other-school and no-journal files say so in Russian and the rest works', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await openTemplate(page);
  await openProtocols(page, [
    join(PROTO, 'damaged.xlsx'),
    join(REAL, 'vpr2022_grade6_math.xlsx'),
    join(PROTO, 'edu223017_math6_no_journal.xlsx'),
  ]);
  const damaged = page.locator('article.protocol[data-file="damaged.xlsx"] .protocol-error');
  assert.match(await damaged.textContent(), /файл не открывается как книга Excel/);
  const nj = await setScale(page, 'edu223017_math6_no_journal.xlsx', [6, 10, 14]);
  assert.match(await nj.locator('.protocol-notes').textContent(), /в протоколе нет столбца «Отметка за предыдущий/);
  assert.equal(await nj.locator('table.protocol-journal').count(), 0);
  await setScale(page, 'vpr2022_grade6_math.xlsx', [6, 10, 14]);
  await page.click('#protocols-to-dtk');
  const outcome = page.locator('.merge-outcome');
  await outcome.waitFor();
  const text = await outcome.textContent();
  assert.match(text, /ни одна не совпадает с открытой ДТК/);
  // The school's own protocol (no journal column) still went in: 1 of 2 got «2».
  assert.match(text, /Вписано: .*50,0\s% \(1\/2\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the analysis prints alone on A4 and downloads as XLSX', async () => {
  const { page, context } = await openPage(browser, server.url, { acceptDownloads: true });
  await openTemplate(page);
  await openProtocols(page, [join(REAL, 'vpr2022_grade5_math.xlsx')]);
  await setScale(page, 'vpr2022_grade5_math.xlsx', [8, 11, 15]);
  // The print dialog itself is the browser's; here the page's print mode is checked as a PDF.
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#protocols-print');
  await page.waitForFunction(() => document.body.classList.contains('print-protocols'));
  await page.emulateMedia({ media: 'print' });
  const dir = await outDir('protocols');
  const pdf = join(dir, 'analysis.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  assert.match(text, /Протоколы ВПР из ФИС ОКО/);
  assert.match(text, /Математика, 5 класс, 2021-2022/);
  assert.doesNotMatch(text, /Диагностико-технологическая карта качества/);
  await page.emulateMedia({ media: 'screen' });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#protocols-xlsx')]);
  assert.equal(download.suggestedFilename(), 'Анализ протоколов ВПР.xlsx');
  const path = join(dir, 'analysis.xlsx');
  await download.saveAs(path);
  const bytes = await readFile(path);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  await writeFile(join(dir, 'analysis-size.txt'), String(bytes.length));
  await context.close();
});

test('what a protocol does not say is asked: subject and year chosen, then it is analysed', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await page.goto(server.url);
  await waitForApp(page);
  await openProtocols(page, [join(PROTO, 'no-date-no-textbook.csv')]);
  const article = page.locator('article.protocol[data-file="no-date-no-textbook.csv"]');
  await article.locator('.identify').waitFor();
  assert.equal(await article.locator('select.pick-grade').count(), 0); // 50001 → grade 5
  await article.locator('select.pick-subject').selectOption('math');
  await article.locator('select.pick-year').selectOption('2021');
  await page.locator('article.protocol h3', { hasText: 'Математика, 5 класс, 2021-2022 учебный год' }).waitFor();
  // The 2020/2021 scale of mathematics 5 is now offered as the guess.
  assert.equal(await article.locator('input.cut[data-cut="2"]').inputValue(), '15');
  await setScale(page, 'no-date-no-textbook.csv', [2, 3, 4]);
  assert.match(await article.locator('td.share2').first().textContent(), /50,0\s% \(1\/2\)/);
  assert.deepEqual(errors, []);
  await context.close();
});
