// Many schools in one tab: a results file with many schools opens (through the worker) as a
// table with the same statuses as `dtk schools`; search, filters and sort work; a school opens
// into its report and back; the table exports to CSV for Excel and prints. A national file
// (40 000 schools, 1.08 M rows, ~130 MB) opens with a visible progress bar while the page keeps
// answering, and its table scrolls with only the visible rows in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp, outDir, ROOT } from './harness.mjs';

const ALTAI = join(ROOT, 'tests/fixtures/altai-2021-results.csv');
const LABEL = { shnor: 'ШНОР', risk: 'зона риска', insufficient_data: 'недостаточно данных', not_shnor: 'не выявлена' };
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh() {
  const session = await openPage(browser, server.url, { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await session.page.goto(server.url);
  await waitForApp(session.page);
  return session;
}

/** `dtk schools FILE --json` (the debug build `cargo test` made, or built now). */
function cli(file) {
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'dtk', '--', 'schools', file, '--json'], { cwd: ROOT, maxBuffer: 1 << 28 });
  return JSON.parse(out.toString());
}

/** Splits the app's CSV (BOM, `;`, CRLF, quotes only around fields that need them). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)) {
    const cells = [];
    let cur = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ';') { cells.push(cur); cur = ''; } else cur += c;
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

test('the real Altai results open as a table with the same statuses as `dtk schools`', async () => {
  const expected = cli(ALTAI);
  const { page, context, errors, offHost } = await fresh();
  await page.setInputFiles('#file-input', ALTAI);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  const dir = await outDir('schools');
  await page.screenshot({ path: join(dir, 'altai-table.png'), fullPage: true });

  // Totals per status, as the CLI counts them.
  const totals = await page.locator('.totals').innerText();
  for (const [key, n] of Object.entries(expected.counts)) {
    assert.match(totals, new RegExp(`${n}\\s+${LABEL[key]}`), `${key}: ${n}\n${totals}`);
  }
  assert.match(await page.locator('#schools-h').innerText(), /643 школы/);
  // Virtual scrolling: far fewer rows in the page than schools.
  const inDom = await page.locator('.vt tbody tr.st-row').count();
  assert.ok(inDom > 10 && inDom < 80, `rows in the page: ${inDom}`);
  assert.equal(await page.locator('.vt table').getAttribute('aria-rowcount'), '644');

  // The export holds every school; its statuses are the CLI's, school by school.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать таблицу (CSV для Excel)' }).click(),
  ]);
  const csvPath = join(dir, 'altai-statuses.csv');
  await download.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const [head, ...rows] = parseCsv(bytes.toString('utf8'));
  assert.deepEqual(head.slice(0, 7), ['№', 'ОО', 'Код ОО', 'Муниципалитет', 'Статус', 'Условие', 'Год идентификации']);
  assert.equal(rows.length, expected.schools.length);
  const byCode = new Map(rows.map((r) => [r[2], r]));
  for (const s of expected.schools) {
    const r = byCode.get(s.code);
    assert.ok(r, `school ${s.code} in the export`);
    assert.equal(r[1], s.school);
    assert.equal(r[4], LABEL[s.status], `${s.school}: ${r[4]} vs ${s.status}`);
    const cond = s.condition1 && s.condition2 ? 'У1 + У2' : s.condition1 ? 'У1' : s.condition2 ? 'У2' : '—';
    assert.equal(r[5], cond, s.school);
  }
  // Sorted worst first by default.
  assert.equal(rows[0][4], 'ШНОР');

  // Search (case and «ё» forgiven) and the filters narrow the table.
  await page.fill('#schools-search', 'барнаул');
  await page.waitForFunction(() => /Найдено/.test(document.querySelector('[data-testid=shown]').textContent));
  const barnaul = expected.schools.filter((s) => /барнаул/i.test(`${s.school} ${s.code} ${s.municipality}`)).length;
  assert.match(await page.getByTestId('shown').innerText(), new RegExp(`Найдено ${barnaul} из 643`));
  await page.fill('#schools-search', '');
  await page.selectOption('#schools-status', { label: 'ШНОР' });
  await page.waitForFunction(() => /Найдено 95 из/.test(document.querySelector('[data-testid=shown]').textContent));
  const municipality = 'Алейский район';
  await page.selectOption('#schools-municipality', { label: municipality });
  const aleysk = expected.schools.filter((s) => s.municipality === municipality && s.status === 'shnor');
  await page.waitForFunction((n) => new RegExp(`Найдено ${n} из`).test(document.querySelector('[data-testid=shown]').textContent), aleysk.length);
  const names = await page.locator('.vt tbody tr.st-row td.name button').allInnerTexts();
  assert.deepEqual(names.sort(), aleysk.map((s) => s.school).sort());

  // Print the list (window.print is a no-op here; the print layout is read from the PDF).
  await page.evaluate(() => { window.print = () => {}; });
  await page.getByRole('button', { name: 'Печать списка' }).click();
  await page.locator('.print-list').waitFor({ state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(dir, 'altai-list.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  for (const s of aleysk) assert.ok(printed.includes(s.school), `${s.school} printed`);
  assert.doesNotMatch(printed, /Скачать таблицу|Поиск по названию/);

  // Sorting by a column header; then a school opens into its own report, and back.
  await page.getByRole('button', { name: 'Сбросить' }).click();
  await page.getByRole('button', { name: /^Школа/ }).click();
  assert.equal(await page.locator('th[aria-sort=ascending]').count(), 1);
  const first = expected.schools.find((s) => s.status === 'shnor' && s.condition1);
  await page.fill('#schools-search', first.code);
  await page.locator('.vt tbody tr.st-row td.name button', { hasText: first.school }).click();
  await page.locator('.report-head h1', { hasText: first.school }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'report-title');
  assert.equal((await page.locator('.status .status-word').textContent()).trim(), 'ШНОР');
  assert.match(await page.locator('#identification').innerText(), /Условие 1/);
  await page.screenshot({ path: join(dir, 'altai-school-report.png') });
  // By keyboard: Shift+Tab from the report's heading passes the school's «План…» and reaches
  // «← К списку школ».
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-plan');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'back-to-table');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=schools-table]').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'schools-table');
  assert.equal(await page.inputValue('#schools-search'), first.code, 'the search is kept');

  // A setting recomputes the whole table in the worker, as `dtk schools --and` counts it.
  await page.getByRole('button', { name: 'Сбросить' }).click();
  const and = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'dtk', '--', 'schools', ALTAI, '--json', '--and'], { cwd: ROOT, maxBuffer: 1 << 28 }).toString());
  await page.locator('.schools-settings summary').click();
  await page.getByLabel(/И — нужны оба/).check();
  await page.waitForFunction((n) => new RegExp(`^${n}\\s`).test(document.querySelector('.totals .total.risk')?.innerText.trim()), and.counts.risk);
  const totalsAnd = await page.locator('.totals').innerText();
  for (const [key, n] of Object.entries(and.counts)) {
    assert.match(totalsAnd, new RegExp(`${n}\\s+${LABEL[key]}`), `AND ${key}: ${n}\n${totalsAnd}`);
  }
  await page.getByLabel(/ИЛИ — достаточно одного/).check();
  await page.waitForFunction((n) => new RegExp(`^${n}\\s`).test(document.querySelector('.totals .total.shnor')?.innerText.trim()), expected.counts.shnor);
  assert.deepEqual(offHost(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('spreadsheets are read by the worker: results, a one-school template, a ФИС ОКО protocol', async () => {
  const messy = (f) => join(ROOT, 'tests/fixtures/messy', f);
  const { page, context, errors, offHost } = await fresh();
  const dir = await outDir('schools');
  // XLSX results with two schools: the table.
  const expected = cli(messy('s03_results.xlsx'));
  await page.setInputFiles('#file-input', messy('s03_results.xlsx'));
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  const names = await page.locator('.vt tbody tr.st-row td.name button').allInnerTexts();
  assert.deepEqual(names.sort(), expected.schools.map((s) => s.school).sort());
  assert.match(await page.locator('.source').innerText(), /XLSX/);
  // ODS, the same.
  await page.setInputFiles('#file-input', messy('s04_results.ods'));
  // The file is read asynchronously: wait for the new file, not the table still on the page.
  await page.locator('.start .file-name', { hasText: 's04_results.ods' }).waitFor({ timeout: 60000 });
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  await page.waitForFunction(() => document.querySelectorAll('.vt tbody tr.st-row').length === 2, null, { timeout: 60000 });
  assert.match(await page.locator('.source').innerText(), /ODS|OpenDocument/);
  // A one-school template in XLSX: its report at once, no table.
  await page.setInputFiles('#file-input', messy('s01_template.xlsx'));
  await page.locator('.report-head h1').waitFor({ timeout: 60000 });
  assert.equal(await page.locator('[data-testid=schools-table]').count(), 0);
  assert.equal(await page.locator('#back-to-table').count(), 0);
  assert.equal((await page.locator('.status .status-word').textContent()).trim(), 'ШНОР');
  await page.screenshot({ path: join(dir, 'xlsx-template-report.png') });
  // A ФИС ОКО protocol: recognised and explained.
  await page.setInputFiles('#file-input', join(ROOT, 'tests/data/real/fisoko-protocols-2022/vpr2022_grade5_math.xlsx'));
  await page.locator('.load-error').waitFor({ timeout: 60000 });
  assert.match(await page.locator('.load-error').innerText(), /протокол ВПР из ФИС ОКО/);
  assert.deepEqual(offHost(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The deterministic national file of scripts/bench.sh (generated once). */
function nationalFile() {
  const file = join(ROOT, 'target/bench/national-40000.csv');
  if (!existsSync(file) || statSync(file).size < 100e6) {
    mkdirSync(join(ROOT, 'target/bench'), { recursive: true });
    execFileSync('cargo', ['build', '--release', '--quiet', '--example', 'gen_national'], { cwd: ROOT, stdio: 'inherit' });
    writeFileSync(file, execFileSync(join(ROOT, 'target/release/examples/gen_national'), ['40000'], { maxBuffer: 1 << 30 }));
  }
  return file;
}

test('40 000 schools open with a progress bar, the page answers meanwhile, the table scrolls', { timeout: 240000 }, async () => {
  const file = nationalFile();
  const { page, context, errors } = await fresh();
  const dir = await outDir('schools');
  // Long tasks on the page's thread (anything over 50 ms), recorded from now on.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  await page.setInputFiles('#file-input', file);
  await page.locator('#progress-bar').waitFor({ state: 'visible' });
  await page.waitForFunction(() => Number(document.querySelector('#progress-bar')?.value) > 0);
  await page.screenshot({ path: join(dir, 'national-progress.png') });

  // While the worker works: a click handler answers (the template downloads), the elapsed
  // time ticks, and frames keep coming.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать шаблон', exact: true }).click(),
  ]);
  assert.match(download.suggestedFilename(), /Шаблон/);
  assert.ok(await page.locator('#progress-bar').isVisible(), 'still working after the click');
  const gaps = await page.evaluate(() => new Promise((done) => {
    let last = performance.now(), worst = 0, frames = 0;
    const tick = (t) => {
      worst = Math.max(worst, t - last); last = t; frames++;
      if (frames < 30 && document.querySelector('#progress-bar')) requestAnimationFrame(tick); else done({ worst, frames });
    };
    requestAnimationFrame(tick);
  }));
  // Frames kept coming while the worker worked (a state); how long the gaps were is a figure for
  // scripts/bench.sh, not a pass mark here: a loaded CI machine would fail a timed threshold.
  assert.ok(gaps.frames >= 1);
  console.log(`  longest frame gap while the worker works: ${gaps.worst.toFixed(0)} ms over ${gaps.frames} frames`);
  const ticks = await page.getByTestId('elapsed').innerText();

  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 200000 });
  assert.match(await page.locator('#schools-h').innerText(), /40\u202f000 школ/);
  const longTasks = await page.evaluate(() => window.longTasks);
  const worst = Math.max(0, ...longTasks);
  console.log(`  page thread: ${longTasks.length} long task(s), longest ${worst.toFixed(0)} ms; elapsed shown: «${ticks.trim()}»`);

  // Only the visible rows are in the page; scrolling to the end shows the last school.
  const inDom = await page.locator('.vt tbody tr.st-row').count();
  assert.ok(inDom < 100, `rows in the page: ${inDom}`);
  await page.locator('.vt').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.locator('.vt tbody tr.st-row[aria-rowindex="40001"]').waitFor();
  assert.ok(await page.locator('.vt tbody tr.st-row').count() < 100);
  await page.screenshot({ path: join(dir, 'national-table-end.png') });

  // Typing in the search box filters 40 000 rows at once.
  const t0 = Date.now();
  await page.fill('#schools-search', 'СОШ № 39999»');
  await page.waitForFunction(() => /Найдено 1 из/.test(document.querySelector('[data-testid=shown]').textContent));
  const searchMs = Date.now() - t0;
  console.log(`  search over 40 000 rows: ${searchMs} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cancel stops the worker and says so', { timeout: 240000 }, async () => {
  const file = nationalFile();
  const { page, context, errors } = await fresh();
  await page.setInputFiles('#file-input', file);
  await page.locator('#progress-bar').waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Отменить' }).click();
  await page.getByText(/Чтение файла «national-40000\.csv» отменено/).waitFor();
  assert.equal(await page.locator('#progress-bar').count(), 0);
  // The page still works: the example opens.
  await page.getByRole('button', { name: 'Открыть пример' }).click();
  await page.locator('.status .status-word').waitFor();
  // Another file opened while the worker reads: the old file's table never replaces it. The
  // worker reading it is ended (its `close` is the state waited for): nothing of it can come.
  const started = page.waitForEvent('worker');
  await page.setInputFiles('#file-input', file);
  const reading = await started;
  await page.locator('#progress-bar').waitFor({ state: 'visible' });
  const closed = reading.waitForEvent('close');
  await page.getByRole('button', { name: 'Открыть пример' }).click();
  await page.locator('.status .status-word').waitFor();
  await closed;
  assert.equal(await page.locator('[data-testid=schools-table]').count(), 0);
  assert.equal(await page.locator('#progress-bar').count(), 0);
  assert.equal((await page.locator('.status .status-word').textContent()).trim(), 'ШНОР');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single-file page (file://) reads many schools through a blob: worker, and writes XLSX', async () => {
  const { pathToFileURL } = await import('node:url');
  const single = join(ROOT, 'dist-single/dtk-calculator.html');
  const context = await browser.newContext({ locale: 'ru-RU', acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(pathToFileURL(single).href);
  await waitForApp(page);
  await page.setInputFiles('#file-input', ALTAI);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  assert.match(await page.locator('#schools-h').innerText(), /643 школы/);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: 'Шаблон XLSX' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  assert.deepEqual(errors, []);
  await context.close();
});
