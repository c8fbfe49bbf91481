// A municipality's ДТК (municipal.md): a generated set of 40 schools opens as one format-C
// table and as 40 format-A files chosen at once; both give the municipal report with the
// statuses `dtk municipal --json` gives; a school opens from the report into its own report
// and back; the report prints on A4 (read back with pdftotext) and exports to XLSX.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp, outDir, ROOT } from './harness.mjs';

const DIR = join(ROOT, 'target/municipal-e2e');
let server, browser, set;
before(async () => {
  // The same generator as the host tests (tests/many_gen), nothing committed.
  execFileSync('cargo', ['run', '--quiet', '--example', 'gen_municipality', '--', '40', DIR, '--files'], { cwd: ROOT, stdio: 'inherit' });
  const c = join(DIR, 'municipality-40.csv');
  const files = readdirSync(join(DIR, 'files-40')).sort().map((f) => join(DIR, 'files-40', f));
  const cli = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'dtk', '--', 'municipal', c, '--json'], { cwd: ROOT, maxBuffer: 1 << 26 }).toString());
  set = { c, files, cli };
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function fresh() {
  const session = await openPage(browser, server.url, { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  await session.page.goto(server.url);
  await waitForApp(session.page);
  return session;
}

/** The counts of the report's status tiles. */
async function counts(page) {
  return page.evaluate(() => Object.fromEntries(['shnor', 'risk', 'insufficient_data', 'not_shnor']
    .map((k) => [k, Number(document.querySelector(`[data-testid=municipal] .totals .total.${k} .total-n`).textContent)])));
}

test('a format-C table opens on the municipal report; a school opens and comes back; print and XLSX', { timeout: 180000 }, async () => {
  const { page, errors, offHost } = await fresh();
  const dir = await outDir('municipal');
  await page.setInputFiles('#file-input', set.c);
  await page.locator('[data-testid=municipal]').waitFor({ timeout: 60000 });
  assert.deepEqual(await counts(page), set.cli.summary.counts);
  // Regional indicators and the context are there, with the CLI's numbers.
  const shnor = set.cli.municipal.regional.find((r) => r.key === 'shnor_positive_dynamics');
  await page.locator('.municipal-regional td', { hasText: `${shnor.yes} из ${shnor.of}` }).first().waitFor();
  await page.screenshot({ path: join(dir, 'report-top.png') });

  // Drill into a ШНСУ school (or the first resilient one) and back.
  const link = page.locator('[data-testid=shnsu] button.school-link, [data-testid=resilient] button.school-link').first();
  const name = (await link.textContent()).trim();
  await link.click();
  await page.locator('.report-head h1', { hasText: name }).waitFor({ timeout: 30000 });
  // A school opened from the municipal report is a history entry, as from the list.
  assert.match(page.url(), /#school=\d+$/);
  await page.locator('#back-to-table', { hasText: 'муниципальному отчёту' }).click();
  await page.locator('[data-testid=municipal]').waitFor();
  assert.doesNotMatch(page.url(), /#school=/);
  await link.click();
  await page.locator('.report-head h1', { hasText: name }).waitFor({ timeout: 30000 });
  await page.goBack();
  await page.locator('[data-testid=municipal]').waitFor();
  assert.doesNotMatch(page.url(), /#school=/);

  // One school against the set: ranks «N из M».
  await page.selectOption('#vs-school', { index: 3 });
  await page.waitForFunction(() => /МБОУ «СОШ № 4»/.test(document.querySelector('.school-vs-set p strong')?.textContent));
  assert.match(await page.locator('[data-testid=school-vs-set]').innerText(), /\d+ из \d+/);

  // Print: the A4 PDF carries the report, not the buttons.
  await page.emulateMedia({ media: 'print' });
  const pdfPath = join(dir, 'municipal.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  assert.match(printed, /Муниципальный отчёт/);
  assert.match(printed, /Региональные показатели/);
  assert.match(printed, /Резильентные школы: МБОУ/);
  // School names are printed (on screen they are buttons, which print.css hides elsewhere).
  assert.match(printed, /ШНСУ \(флаг для проверки, не вердикт\): МБОУ «СОШ № \d+»/);
  assert.doesNotMatch(printed, /Скачать XLSX/);

  // XLSX from the worker.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByRole('button', { name: 'Скачать XLSX' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'Муниципальный отчёт.xlsx');
  const xlsx = join(dir, 'municipal.xlsx');
  await download.saveAs(xlsx);
  assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');

  // The schools table is one click away.
  await page.locator('#show-table').click();
  await page.locator('[data-testid=schools-table]').waitFor();
  assert.deepEqual(offHost(), []);
  assert.deepEqual(errors, []);
});

test('40 format-A files chosen at once give the same municipal report', { timeout: 180000 }, async () => {
  const { page, errors } = await fresh();
  const dir = await outDir('municipal');
  await page.setInputFiles('#file-input', set.files);
  await page.locator('[data-testid=municipal]').waitFor({ timeout: 60000 });
  assert.deepEqual(await counts(page), set.cli.summary.counts);
  await page.locator('.lead', { hasText: '40 школ' }).waitFor();
  await page.screenshot({ path: join(dir, 'files-report.png'), fullPage: false });
  // A school of the set opens from the indicators table and comes back.
  const link = page.locator('.municipal-indicators button.school-link').first();
  const name = (await link.textContent()).trim();
  await link.click();
  await page.locator('.report-head h1', { hasText: name }).waitFor({ timeout: 30000 });
  await page.locator('#back-to-table').click();
  await page.locator('[data-testid=municipal]').waitFor();
  assert.deepEqual(errors, []);
});
