// Prerenders the example report into a built dist/index.html, so a first visit shows the
// product working at first paint (HTML + CSS, ~30 KiB gzip) instead of after the app's wasm
// (~560 KiB gzip) has downloaded and started. The page's own app renders the example in
// Chromium; its DOM, with the values of its fields, is written into the page's boot element,
// marked `inert` (it does nothing until the app takes over: `ui::start()` removes the boot
// element before it mounts). The snapshot comes from this very build, so it cannot drift from
// the app.
//
// A visitor who has anything kept (a file, edits, settings: any `dtk.v1.` key) or an address
// with a school in it does not see it: their own state, not the example, opens when the app
// starts (the inline script in index.html hides it before first paint).
//
//   node scripts/prerender.mjs dist      (after csp.mjs: the app must run under its own CSP)
//
// Without Chromium (it comes with `scripts/setup.sh test`), the page is left as it is: the
// first visit then waits for the wasm, as before; nothing else differs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const file = join(dist, 'index.html');
const PLACEHOLDER = '<!--prerendered-example-->';
let html = readFileSync(file, 'utf8');
if (!html.includes(PLACEHOLDER)) {
  console.error(`prerender.mjs: no ${PLACEHOLDER} in ${file}`);
  process.exit(1);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`prerender.mjs: no Chromium at ${chromiumPath}: the example report is not prerendered ` +
    '(the first visit waits for the wasm). scripts/setup.sh test installs it.');
  process.exit(0);
}

const { serve, launch } = await import('../tests/e2e/harness.mjs');
const server = await serve(join(process.cwd(), dist));
let browser;
try {
  browser = await launch();
} catch (e) {
  // A Chromium that is there but cannot start here: the build goes on without the snapshot
  // (tests/e2e/prerender.test.mjs fails in CI if it is missing).
  console.error(`prerender.mjs: Chromium did not start (${String(e).split('\n')[0]}): the example ` +
    'report is not prerendered (the first visit waits for the wasm).');
  await server.close();
  process.exit(0);
}
let snapshot;
try {
  // sw.js is written after this step (its cache list covers this file).
  const context = await browser.newContext({ locale: 'ru-RU', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await page.waitForSelector('[data-app-ready] .status .status-word', { timeout: 60000 });
  if (errors.length) throw new Error(`the app reported errors: ${errors.join('; ')}`);
  snapshot = await page.evaluate(() => {
    const live = document.querySelector('[data-app-ready]');
    const copy = live.cloneNode(true);
    copy.removeAttribute('data-app-ready');
    // Field values live in properties, which a clone's markup does not carry.
    const pairs = (sel) => [...live.querySelectorAll(sel)].map((el, i) => [el, copy.querySelectorAll(sel)[i]]);
    for (const [from, to] of pairs('textarea')) to.textContent = from.value;
    for (const [from, to] of pairs('input')) {
      if (from.type === 'checkbox' || from.type === 'radio') to.toggleAttribute('checked', from.checked);
      else if (from.type !== 'file') to.setAttribute('value', from.value);
    }
    for (const [from, to] of pairs('select')) {
      [...to.options].forEach((o, i) => o.toggleAttribute('selected', i === from.selectedIndex));
    }
    // The CSP forbids style attributes in markup (the app sets styles through the CSSOM, which
    // it allows); none are expected, and any would only be ignored.
    const styled = copy.querySelectorAll('[style]').length;
    return { html: copy.outerHTML, styled };
  });
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
// The calculation date is the build's: the app writes today's when it takes over.
snapshot.html = snapshot.html.replace(/ · дата расчёта \d{2}\.\d{2}\.\d{4}/g, '');
if (/<script\b/i.test(snapshot.html)) {
  console.error('prerender.mjs: the snapshot contains a <script>: refused');
  process.exit(1);
}
if (snapshot.styled) {
  console.error(`prerender.mjs: ${snapshot.styled} element(s) with a style attribute: the CSP will ignore them`);
}
const note = 'Это пример отчёта. Калькулятор загружается — через несколько секунд можно будет ' +
  'открыть свой файл и править тексты.';
const block = `<div class="prerendered"><p class="boot-note no-print" role="status">${note}</p>` +
  `<div inert>${snapshot.html}</div></div>`;
html = html.replace(PLACEHOLDER, () => block);
writeFileSync(file, html);
console.error(`prerender.mjs: the example report prerendered into ${file} (${(block.length / 1024).toFixed(0)} KiB)`);
