// The report as a person uses it: open the example, load files through the file button and
// the drop zone, read the status and numbers as written («36,7 %»), change a setting and see the
// status change, edit a «Вывод», reload and find the edit kept, print to PDF and read it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp, outDir, ROOT } from './harness.mjs';

const FIX = join(ROOT, 'tests/e2e/fixtures');
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh() {
  const session = await openPage(browser, server.url);
  const dialogs = [];
  session.page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await session.page.goto(server.url);
  await waitForApp(session.page);
  return { ...session, dialogs };
}

const statusWord = (page) => page.locator('.status .status-word');

test('the example opens with its status, condition and numbers as a reader sees them', async () => {
  const { page, context, offHost, errors } = await fresh();
  await page.locator('.status').waitFor();
  assert.equal((await statusWord(page).textContent()).trim(), 'ШНОР');
  const ident = await page.locator('#identification').innerText();
  assert.match(ident, /Условие 2/);
  assert.match(ident, /36,7\s%/);
  // Every ДТК block is on the page, in the form's order.
  const headings = await page.locator('.dtk-block h4').allInnerTexts();
  assert.ok(headings[0].startsWith('1.1. Сохранность контингента'), headings[0]);
  assert.equal(headings.length, 10);
  assert.ok(headings[9].startsWith('3.4.'), headings[9]);
  const dir = await outDir('report');
  await page.screenshot({ path: join(dir, 'example-report.png'), fullPage: true });
  await page.screenshot({ path: join(dir, 'example-top.png') });
  await page.locator('#identification').screenshot({ path: join(dir, 'identification.png') });
  await page.locator('#block-1-2').screenshot({ path: join(dir, 'block-1-2.png') });
  assert.deepEqual(offHost(), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a CP1251, tab-separated file opens through the file button; bad cells are listed and text stays inert', async () => {
  const { page, context, dialogs } = await fresh();
  await page.setInputFiles('#file-input', join(FIX, 'cp1251-tab.csv'));
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  assert.equal((await statusWord(page).textContent()).trim(), 'ШНОР');
  assert.match(await page.locator('#identification').innerText(), /Условие 1/);
  // The school name holds a <script>: it is shown as text, nothing runs.
  assert.match(await page.locator('.report-head h1').innerText(), /<script>alert\(1\)<\/script>/);
  assert.equal(await page.locator('.report script').count(), 0);
  assert.deepEqual(dialogs, []);
  // Detected settings and the diagnostic for «1l5».
  const source = await page.locator('.source').innerText();
  assert.match(source, /Windows-1251/);
  assert.match(source, /табуляция/);
  await page.locator('.diagnostics').evaluate((d) => { d.open = true; });
  const diag = await page.locator('.diagnostics').innerText();
  assert.match(diag, /1l5/);
  // Changing the encoding recomputes at once (and the status is then a different story).
  await page.selectOption('#enc', { label: 'UTF-8' });
  await page.locator('#enc').evaluate((el) => el.value);
  await page.selectOption('#enc', { label: 'Windows-1251' });
  await page.locator('.report-head h1', { hasText: 'Лесная' }).waitFor();
  await context.close();
});

test('a file dropped on the drop zone opens (format B, one school)', async () => {
  const { page, context } = await fresh();
  const bytes = [...readFileSync(join(FIX, 'results-one-school.csv'))];
  const transfer = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], 'results.csv', { type: 'text/csv' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer: transfer });
  await page.locator('.report-head h1', { hasText: 'Гимназия № 1' }).waitFor();
  assert.equal((await statusWord(page).textContent()).trim(), 'ШНОР');
  const ident = await page.locator('#identification').innerText();
  assert.match(ident, /34,3\s%/); // ВПР русский 6: 12 из 35
  assert.match(ident, /Условие 2/);
  await context.close();
});

test('changing a setting recomputes the status at once', async () => {
  const { page, context } = await fresh();
  assert.equal((await statusWord(page).textContent()).trim(), 'ШНОР');
  await page.getByLabel(/И — нужны оба/).check();
  await page.waitForFunction(() => document.querySelector('.status .status-word')?.textContent.trim() !== 'ШНОР');
  assert.equal((await statusWord(page).textContent()).trim(), 'зона риска');
  await page.getByLabel(/ИЛИ — достаточно одного/).check();
  await page.waitForFunction(() => document.querySelector('.status .status-word')?.textContent.trim() === 'ШНОР');
  await context.close();
});

test('an edited «Вывод» survives a reload, can be reset, and is printed in a boxed field', async () => {
  const { page, context } = await fresh();
  const field = page.locator('#text-1-2-conclusion');
  const generated = await field.inputValue();
  assert.ok(generated.length > 20, 'a generated conclusion');
  const mine = 'Правка куратора: результаты ВПР по математике требуют адресной работы.';
  await field.fill(mine);
  await page.reload();
  await waitForApp(page);
  await page.locator('#text-1-2-conclusion').waitFor();
  assert.equal(await page.locator('#text-1-2-conclusion').inputValue(), mine);

  // Print to PDF and read the text back.
  const dir = await outDir('report');
  const pdfPath = join(dir, 'example-print.pdf');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(dir, 'print-preview.png'), fullPage: true });
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  assert.match(text, /ШНОР/);
  assert.match(text, /1\.1\. Сохранность контингента/);
  assert.match(text, /Правка куратора/);
  assert.doesNotMatch(text, /Выбрать файл|Скачать шаблон|Вернуть автоматический текст/);
  const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-']).toString();
  assert.match(firstPage, /ШНОР/, 'status on page one');
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdfPath, join(dir, 'print-page')]);

  await page.getByRole('button', { name: 'Вернуть автоматический текст' }).first().click();
  assert.equal(await page.locator('#text-1-2-conclusion').inputValue(), generated);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.locator('#text-1-2-conclusion').inputValue(), generated);
  await context.close();
});

test('the template downloads as UTF-8 with BOM and semicolons', async () => {
  const { page, context } = await fresh();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать шаблон' }).click(),
  ]);
  const path = await download.path();
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.match(text, /^\uFEFFкод;показатель;/);
  assert.match(text, /vpr\.math\.5;/);
  await context.close();
});

test('every fixture opens both through the file button and through the drop zone', async () => {
  const cases = [
    ['cp1251-tab.csv', 'Лесная', 'ШНОР'],
    ['results-one-school.csv', 'Гимназия № 1', 'ШНОР'],
  ];
  for (const [file, name, status] of cases) {
    for (const how of ['button', 'drop']) {
      const { page, context } = await fresh();
      if (how === 'button') {
        await page.setInputFiles('#file-input', join(FIX, file));
      } else {
        const bytes = [...readFileSync(join(FIX, file))];
        const transfer = await page.evaluateHandle(([bytes, file]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(bytes)], file, { type: 'text/csv' }));
          return dt;
        }, [bytes, file]);
        await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer: transfer });
      }
      await page.locator('.report-head h1', { hasText: name }).waitFor();
      assert.equal((await statusWord(page).textContent()).trim(), status, `${file} via ${how}`);
      await context.close();
    }
  }
});

test('without a mouse: every control has a label, the file button is reached by Tab and opens the file dialog', async () => {
  const { page, context } = await fresh();
  const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.textContent.trim()))
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabeled, []);
  // The example has rendered (the app moves focus to a new report's heading, so the page must
  // be settled before the keyboard walk starts).
  await page.locator('.status').waitFor();
  // The report is on the page with its kept edits applied (its heading exists only then).
  await page.locator('#report-title').waitFor();
  // Tab from the top of the page reaches the file input (its visible label is the button), and
  // Space opens the file dialog. (The page may still move focus once — to a new report's
  // heading — so the walk is retried; a real user simply tabs again.)
  let chooser = null;
  for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
    // Start the walk from the top of the page.
    await page.evaluate(() => {
      const top = document.querySelector('.app');
      top.setAttribute('tabindex', '-1');
      top.focus();
    });
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'file-input');
    }
    assert.ok(reached, 'the file input is reachable by Tab');
    [chooser] = await Promise.all([
      page.waitForEvent('filechooser', { timeout: 4000 }).catch(() => null),
      page.keyboard.press('Space'),
    ]);
  }
  assert.ok(chooser, 'Space on the focused file button opens the file dialog');
  await chooser.setFiles(join(FIX, 'results-one-school.csv'));
  await page.locator('.report-head h1', { hasText: 'Гимназия № 1' }).waitFor();
  // A keyboard user sees where the focus is.
  const outline = await page.evaluate(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent.includes('Открыть пример'));
    b.focus();
    return getComputedStyle(b).outlineStyle;
  });
  assert.notEqual(outline, 'none');
  await context.close();
});
