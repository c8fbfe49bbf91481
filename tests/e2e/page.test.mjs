// Issue 15, «the page as its users meet it»: every obstacle the issue lists, as a deputy head, a
// consultant and a municipal coordinator meet it — at 1366×768 and on a 390×844 phone, by
// keyboard, and on paper (the printed PDF read back page by page with pdftotext).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp, outDir, ROOT } from './harness.mjs';

const FIX = join(ROOT, 'tests/e2e/fixtures');
const ALTAI = join(ROOT, 'tests/fixtures/altai-2021-results.csv');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function fresh(viewport = DESKTOP, extra = {}) {
  const session = await openPage(browser, server.url, { viewport, ...extra });
  await session.page.goto(server.url);
  await waitForApp(session.page);
  await session.page.locator('.status .status-word').waitFor();
  return session;
}

const statusWord = async (page) => (await page.locator('.status .status-word').textContent()).trim();

test('ask instead of guessing: a bare «3» and «0,4» are questioned, «-» is no data, «1l5» is an error where it stands, the banner jumps to the list', async () => {
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    const { page, context, errors } = await fresh(viewport);
    await page.setInputFiles('#file-input', join(FIX, 'ask-instead.csv'));
    await page.locator('.report-head h1', { hasText: 'СОШ № 9' }).waitFor();
    // Focus moved to the report (not left on the file button).
    await page.waitForFunction(() => document.activeElement?.id === 'report-title');
    // The banner right under the status: 2 warnings (3, 0,4) and 1 error (1l5).
    const banner = page.locator('.remarks-link');
    assert.equal((await banner.innerText()).trim(), 'В файле 3 замечания (1 ошибка) — показать');
    const statusBox = await page.locator('.status').boundingBox();
    const bannerBox = await banner.boundingBox();
    assert.ok(bannerBox.y > statusBox.y && bannerBox.y - (statusBox.y + statusBox.height) < 40, 'the banner is right under the status');
    const ident = await page.locator('table.procedures').innerText();
    // «1l5» is an error where it stands, not «нет данных»; «-» and «—» are «нет данных».
    assert.match(ident, /ошибка: «1l5»/);
    assert.match(ident, /нет данных/);
    assert.doesNotMatch(ident, /ошибка: «-»|ошибка: «—»/);
    const dir = await outDir('page');
    await page.screenshot({ path: join(dir, `ask-${name}.png`) });
    // «показать» opens the list of remarks and moves there.
    await banner.click();
    await page.waitForFunction(() => document.activeElement?.id === 'diagnostics');
    assert.equal(await page.locator('#diagnostics').evaluate((d) => d.open), true);
    const list = await page.locator('#diagnostics').innerText();
    assert.match(list, /3 — это 3 % или 3 ученика\? Принято как 3 %/);
    assert.match(list, /«3\/25»/);
    assert.match(list, /0,4 — это 0,4 % или доля 40 %\?/);
    assert.match(list, /1l5/);
    assert.doesNotMatch(list, /«-»|«—»/, 'a dash is not a remark');
    await page.screenshot({ path: join(dir, `ask-remarks-${name}.png`) });
    if (name === 'desktop') {
      // On paper: no error text as the school's data, no instruction as a «Вывод».
      const pdfPath = join(dir, 'ask-print.pdf');
      await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
      const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
      assert.doesNotMatch(printed, /ошибка: «|заполните показатели|В файле 3 замечания/);
      assert.match(printed, /Данных по блоку нет\./);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('an honest status: an unticked low procedure is named beside the status, the settings line is printed, and the printout has a head, page numbers, signatures and no placeholder or error text', async () => {
  const { page, context } = await fresh();
  assert.equal(await statusWord(page), 'ШНОР');
  assert.equal(await page.locator('.status-note').count(), 0, 'defaults: nothing to say');
  await page.getByLabel(/ВПР математика 5 кл/).uncheck();
  await page.waitForFunction(() => document.querySelector('.status .status-word')?.textContent.trim() !== 'ШНОР');
  const uncounted = await page.locator('.status-note.uncounted').innerText();
  assert.match(uncounted, /среди учитываемых процедур низких результатов нет; не учитываются: ВПР математика 5 кл\. \(2022-2023 — 36,7\s%\)/);
  assert.match(await page.locator('.status-note.settings-differ').innerText(), /Настройки отличаются от методики: не учитываются: ВПР математика 5 кл\./);
  const dir = await outDir('page');
  await page.locator('#identification').screenshot({ path: join(dir, 'honest-status.png') });

  const pdfPath = join(dir, 'print.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath]).toString())[1]);
  assert.ok(pages >= 3, `pages: ${pages}`);
  const texts = [];
  for (let p = 1; p <= pages; p++) {
    texts.push(execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdfPath, '-']).toString());
  }
  texts.forEach((t, i) => {
    assert.match(t, /ДТК · МБОУ «СОШ № 3»/, `the school on page ${i + 1}`);
    assert.match(t, new RegExp(`Стр\\. ${i + 1} из ${pages}`), `page number on page ${i + 1}`);
    assert.doesNotMatch(t, /заполните показатели|ошибка: «|Перейти к отчёту|показать$/m, `no placeholder or screen text on page ${i + 1}`);
    // No near-empty page: the running head and foot alone are ~80 characters.
    const body = t.replace(/ДТК · .*|Дата расчёта .*|Стр\. \d+ из \d+/g, '').replace(/\s+/g, ' ').trim();
    assert.ok(body.length > 300, `page ${i + 1} is near-empty: «${body.slice(0, 200)}»`);
  });
  assert.match(texts[0], /Настройки отличаются от методики/);
  assert.match(texts[0], /среди учитываемых процедур низких результатов нет/);
  assert.match(texts.at(-1), /Руководитель ОО/);
  assert.match(texts.at(-1), /Дата заполнения/);
  // The chart on paper: the compact layout, text at least 8 pt, each bar with its year written.
  await page.emulateMedia({ media: 'print' });
  const chart = await page.evaluate(() => {
    const svg = [...document.querySelectorAll('svg.chart')].find((s) => getComputedStyle(s).display !== 'none');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * scale * 0.75);
    return { cls: svg.getAttribute('class'), min: Math.min(...sizes), text: svg.textContent };
  });
  await page.screenshot({ path: join(dir, 'print-preview.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.match(chart.cls, /chart-compact/);
  assert.ok(chart.min >= 8, `chart text ${chart.min.toFixed(1)} pt on paper`);
  assert.match(chart.text, /2020-2021.*2021-2022.*2022-2023/s, 'years written beside the bars');
  for (let p = 1; p <= Math.min(pages, 3); p++) {
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(p), '-l', String(p), pdfPath, join(dir, `print-page-${p}`)]);
  }
  await context.close();
});

test('a condition that cannot be decided says «проверить нельзя», never «не выполнено»', async () => {
  const { page, context } = await fresh();
  // One year of data with one low procedure: Условие 2 needs the year before.
  const csv = 'код;показатель;2022-2023\nschool.name;Наименование;СОШ один год\nvpr.math.5;ВПР;11/30\n';
  await page.setInputFiles('#file-input', { name: 'one-year.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('.report-head h1', { hasText: 'СОШ один год' }).waitFor();
  const conditions = await page.locator('.conditions').innerText();
  assert.match(conditions, /Условие 2 проверить нельзя/);
  assert.doesNotMatch(conditions, /Условие 2 не выполнено/);
  await context.close();
});

test('«Очистить данные» asks first in a keyboard-accessible dialog; Esc keeps everything', async () => {
  const { page, context } = await fresh();
  const field = page.locator('#text-1-2-conclusion');
  await field.fill('Моя правка');
  await page.locator('#clear-data').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  // «Отмена» has the focus: Enter never deletes by accident.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'clear-cancel');
  const dir = await outDir('page');
  await page.screenshot({ path: join(dir, 'clear-dialog.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal(await field.inputValue(), 'Моя правка', 'nothing deleted on Esc');
  await page.locator('#clear-data').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'clear-confirm');
  await page.keyboard.press('Enter');
  await page.locator('.notice', { hasText: 'удалено' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#text-1-2-conclusion')?.value !== 'Моя правка');
  await context.close();
});

test('the template: last three completed school years from today, ВПР 4/7/8 rows, XLSX share cells as text, «Как заполнить» on the page', async () => {
  const { page, context } = await fresh();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Скачать шаблон' }).click(),
  ]);
  const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  const head = text.split('\r\n')[0].replace('\ufeff', '').split(';');
  const now = new Date();
  const last = now.getMonth() >= 6 ? now.getFullYear() - 1 : now.getFullYear() - 2;
  assert.deepEqual(head.slice(2), [last - 2, last - 1, last].map((y) => `${y}-${y + 1}`));
  assert.doesNotMatch(text, /2020-2021/, 'not the example file\'s years');
  for (const code of ['vpr.rus.4', 'vpr.math.7', 'vpr.rus.8']) assert.match(text, new RegExp(`\\r\\n${code.replace(/\./g, '\\.')};`));
  assert.match(text, /можно переименовать/);
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Шаблон XLSX' }).click(),
  ]);
  const dir = await outDir('page');
  const xlsxPath = join(dir, 'template.xlsx');
  await xlsx.saveAs(xlsxPath);
  // The share cells carry a Text number format («@»): Excel keeps «2/8» as typed.
  const styles = execFileSync('unzip', ['-p', xlsxPath, 'xl/styles.xml']).toString();
  assert.match(styles, /formatCode="@"/);
  await page.locator('.how-to summary').click();
  const how = await page.locator('.how-to').innerText();
  assert.match(how, /Как заполнить/);
  assert.match(how, /11\/30/);
  await page.locator('.start').screenshot({ path: join(dir, 'how-to.png') });
  // README says the same.
  const readme = execFileSync('cat', [join(ROOT, 'README.md')]).toString();
  for (const step of await page.locator('.how-to li').allInnerTexts()) {
    assert.ok(readme.includes(step.trim()), `README lacks: ${step}`);
  }
  await context.close();
});

test('phone 390×844: no sideways page scroll, the status in the first screen, readable chart, tables scroll in their own box', async () => {
  const { page, context } = await fresh(PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const dir = await outDir('page');
  await page.screenshot({ path: join(dir, 'phone-top.png') });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
  const status = await page.locator('.status').boundingBox();
  assert.ok(status.y + 40 < 844, `the status starts at ${status.y} px`);
  const chart = await page.evaluate(() => {
    const svg = [...document.querySelectorAll('#identification svg.chart')].find((s) => getComputedStyle(s).display !== 'none');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll('text')].map((t) => Number(t.getAttribute('font-size')) * scale));
  });
  assert.ok(chart >= 9, `chart text ${chart.toFixed(1)} px`);
  await page.locator('#identification svg.chart-compact').screenshot({ path: join(dir, 'phone-chart.png') });
  // The ДТК table scrolls inside its box; «Динамика» is reachable there.
  const table = page.locator('#block-1-2 table');
  const scrolls = await table.evaluate((t) => t.scrollWidth > t.clientWidth && getComputedStyle(t).overflowX === 'auto');
  assert.ok(scrolls, 'the table scrolls inside its own box');
  await page.locator('#block-1-2').screenshot({ path: join(dir, 'phone-block-1-2.png') });
  // A focused text box keeps its label in view.
  await page.locator('#text-1-2-conclusion').focus();
  const label = await page.locator('label[for=text-1-2-conclusion]').boundingBox();
  assert.ok(label.y >= 0 && label.y < 844, `the label is at ${label.y}`);
  await page.screenshot({ path: join(dir, 'phone-textarea.png') });
  await context.close();
});

test('keyboard: the first Tab is a skip link to the report; block links move focus', async () => {
  const { page, context } = await fresh();
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Tab');
  assert.equal((await page.evaluate(() => document.activeElement?.textContent)).trim(), 'Перейти к отчёту');
  const dir = await outDir('page');
  await page.screenshot({ path: join(dir, 'skip-link.png') });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  // The first «Вывод» is a handful of Tabs away now (the block links), not thirty.
  await page.locator('.report-nav a', { hasText: '1.1' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'block-h-1-1');
  let tabs = 0;
  while (tabs < 10 && (await page.evaluate(() => document.activeElement?.tagName)) !== 'TEXTAREA') {
    await page.keyboard.press('Tab');
    tabs++;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'text-1-1-conclusion', `${tabs} Tabs`);
  await context.close();
});

test('many schools: «Тальменская СОШ № 1» finds «№1»; Back returns to the list with its filter; a school link is kept; cards and heading follow the filter', async () => {
  const { page, context } = await fresh();
  await page.setInputFiles('#file-input', ALTAI);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  const cardsAll = await page.locator('.totals').innerText();
  await page.fill('#schools-search', 'Тальменская СОШ № 1');
  await page.locator('[data-testid=shown]', { hasText: 'Найдено 1 из' }).waitFor();
  assert.match(await page.locator('.vt tbody tr.st-row').first().innerText(), /Тальменская СОШ №1/);
  // The status cards count the one school found; the heading says the filter.
  const cards = await page.locator('.totals').innerText();
  assert.notEqual(cards, cardsAll);
  const counts = (await page.locator('.totals .total-n').allInnerTexts()).map((n) => Number(n.replace(/\D/g, '')));
  assert.equal(counts.reduce((a, b) => a + b, 0), 1, cards);
  assert.match(await page.locator('.filter-caption').innerText(), /поиск «Тальменская СОШ № 1»/);
  // The status badge is not clipped.
  const clipped = await page.evaluate(() => [...document.querySelectorAll('.vt .badge')].some((b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > b.closest('td').getBoundingClientRect().right + 1));
  assert.equal(clipped, false);
  const dir = await outDir('page');
  await page.screenshot({ path: join(dir, 'schools-search.png') });
  await page.locator('.vt tbody tr.st-row td.name button').first().click();
  await page.locator('.report-head h1', { hasText: 'Тальменская СОШ №1' }).waitFor();
  const link = page.url();
  assert.match(link, /#school=\d+$/);
  // The plan over the school is a history entry of its own: Back closes it, the school stays.
  await page.locator('#open-plan').click();
  await page.locator('.plan-view').waitFor();
  await page.goBack();
  await page.locator('#open-plan').waitFor();
  assert.equal(page.url(), link);
  await page.goForward();
  await page.locator('.plan-view').waitFor();
  // «← К отчёту» goes back the same way; the next Back is the list's.
  await page.locator('#plan-back').click();
  await page.locator('#open-plan').waitFor();
  await page.locator('.report-head h1', { hasText: 'Тальменская СОШ №1' }).waitFor();
  // The browser's Back returns to the list, with the search kept.
  await page.goBack();
  await page.locator('[data-testid=schools-table]').waitFor();
  assert.equal(await page.inputValue('#schools-search'), 'Тальменская СОШ № 1');
  assert.doesNotMatch(page.url(), /#school=/);
  await page.goForward();
  await page.locator('.report-head h1', { hasText: 'Тальменская СОШ №1' }).waitFor();
  // The link, opened again (the file is kept in this browser), opens the school.
  const other = await context.newPage();
  await other.goto(link);
  await other.locator('.report-head h1', { hasText: 'Тальменская СОШ №1' }).waitFor({ timeout: 60000 });
  await other.screenshot({ path: join(dir, 'school-link.png') });
  // Another file opened (here the example) takes the school out of the address: a reload
  // then shows the kept file's table, not school N of it.
  await other.getByRole('button', { name: 'Открыть пример' }).click();
  await other.locator('.report-head h1', { hasText: 'СОШ № 3' }).waitFor();
  assert.doesNotMatch(other.url(), /#school=/);
  await other.reload();
  await other.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  assert.equal(await other.locator('.report-head h1').count(), 0);
  await context.close();
});

test('Back never opens a school of the previous file: table → school → plan, then another file, then Back', async () => {
  const { page, context, errors } = await fresh();
  await page.setInputFiles('#file-input', ALTAI);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  await page.fill('#schools-search', 'Баевская');
  await page.locator('[data-testid=shown]', { hasText: 'Найдено 1 из' }).waitFor();
  await page.locator('.vt tbody tr.st-row td.name button').first().click();
  await page.locator('#open-plan').waitFor();
  assert.match(page.url(), /#school=\d+$/);
  await page.locator('#open-plan').click();
  await page.locator('.plan-view').waitFor();
  // Another file, from the plan: the example.
  await page.getByRole('button', { name: 'Открыть пример' }).click();
  await page.locator('.report-head h1', { hasText: 'СОШ № 3' }).waitFor();
  assert.doesNotMatch(page.url(), /#school=/);
  // Back lands on the old file's school entry: it opens nothing, and leaves no school in the
  // address for a reload to open.
  await page.goBack();
  await page.waitForFunction(() => !location.hash);
  await page.locator('.report-head h1', { hasText: 'СОШ № 3' }).waitFor();
  assert.equal(await page.locator('.plan-view').count(), 0);
  // A reload opens the last kept file (the example is not kept): its table, no school of it.
  await page.reload();
  await waitForApp(page);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  assert.doesNotMatch(page.url(), /#school=/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a double-click on «← К отчёту» over a school closes the plan only', async () => {
  const { page, context } = await fresh();
  await page.setInputFiles('#file-input', ALTAI);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 60000 });
  await page.locator('.vt tbody tr.st-row td.name button').first().click();
  await page.locator('#open-plan').click();
  await page.locator('.plan-view').waitFor();
  const school = page.url();
  await page.locator('#plan-back').dblclick();
  await page.locator('#open-plan').waitFor();
  // A round trip through the app after the double-click: a stray second Back would have left
  // the school for the table by now, and this plan would not open.
  await page.locator('#open-plan').click();
  await page.locator('.plan-view').waitFor();
  assert.equal(page.url(), school);
  assert.equal(await page.locator('[data-testid=schools-table]').count(), 0);
  await context.close();
});
