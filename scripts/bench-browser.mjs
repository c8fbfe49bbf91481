// The browser half of scripts/bench.sh (figures printed, nothing asserted). In one headless
// Chromium: the national file through the page's worker (wasm), PapaParse parsing the same text,
// the tab's peak memory, the bundle's gzip sizes and the time to the example report.
//   node scripts/bench-browser.mjs FILE NATIVE_MS [RUNS]
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, DIST, launch, waitForApp } from '../tests/e2e/harness.mjs';

const [file, nativeArg, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/bench-browser.mjs FILE NATIVE_MS [RUNS]');
  process.exit(2);
}
const nativeMs = Number(nativeArg) || 0;
const runs = Number(runsArg) || 3;
const size = statSync(file).size;
const MiB = 1024 * 1024;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.csv': 'text/csv', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json' };
const PAPA_PAGE = `<!doctype html><meta charset="utf-8"><title>PapaParse</title><script src="papaparse.min.js"></script>`;
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const send = (body, type) => { res.writeHead(200, { 'content-type': type }); res.end(body); };
  try {
    if (path === '/bench/papa.html') return send(PAPA_PAGE, TYPES['.html']);
    if (path === '/bench/papaparse.min.js') return send(readFileSync(join(ROOT, 'node_modules/papaparse/papaparse.min.js')), TYPES['.js']);
    if (path === '/bench/data.csv') return send(readFileSync(file), TYPES['.csv']);
    const f = join(DIST, path.endsWith('/') ? path + 'index.html' : path);
    if (!f.startsWith(DIST)) throw new Error('outside');
    send(readFileSync(f), TYPES[extname(f)] || 'application/octet-stream');
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
/** Children of a process, from /proc. */
function processes() {
  const list = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      list.push({ pid: Number(pid), ppid, cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch { /* gone */ }
  }
  return list;
}
const known = new Set(processes().map((p) => p.pid));
const browser = await launch();
// The browser Playwright started is a new child of this process.
const browserPid = processes().find((p) => p.ppid === process.pid && !known.has(p.pid) && /chrom/i.test(p.cmd))?.pid;

/** Resident memory of this browser's renderer processes, in bytes, by pid: the peak (VmHWM)
 *  or, with `now`, the current (VmRSS). */
function rendererPeaks(now = false) {
  const out = new Map();
  if (!browserPid) return out;
  const parent = new Map(processes().map((p) => [p.pid, p.ppid]));
  const ours = (pid) => { for (let p = pid, n = 0; p > 1 && n < 10; p = parent.get(p), n++) if (p === browserPid) return true; return false; };
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const hwm = (now ? /VmRSS:\s+(\d+) kB/ : /VmHWM:\s+(\d+) kB/).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) out.set(pid, Number(hwm[1]) * 1024);
    } catch { /* gone */ }
  }
  return out;
}

const fmt = (n, d = 0) => n.toLocaleString('ru-RU', { minimumFractionDigits: d, maximumFractionDigits: d });
const best = (xs) => Math.min(...xs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// 1. Time from navigation to the example report, and what the first load fetches. The report
// is first painted from the HTML (prerendered at build time, scripts/prerender.mjs): its time
// is the first contentful paint, its bytes the HTML and the render-blocking CSS. The working
// app (a file can be opened) comes when the app's wasm has started: `[data-app-ready]`.
const prerenderedBuild = readFileSync(join(DIST, 'index.html'), 'utf8').includes('class="prerendered"');
const firstLoad = [];
const appLoad = [];
let fetched = new Set();
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  const seen = new Set();
  page.on('request', (r) => seen.add(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-app-ready] .status .status-word')) { window.__appAt = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__appAt !== undefined, null, { timeout: 30000 });
  const [paint, ready] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime, window.__appAt,
  ]);
  // Without the prerender (no Chromium at build time) the report comes with the app.
  firstLoad.push(prerenderedBuild ? paint : ready);
  appLoad.push(ready);
  if (i === 0) fetched = new Set(seen);
  await context.close();
}
const gz = (name) => gzipSync(readFileSync(join(DIST, name)), { level: 9 }).length;
const distFiles = [];
(function walk(dir) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p); else distFiles.push(p.slice(DIST.length + 1));
  }
})(DIST);
const appFiles = distFiles.filter((f) => fetched.has('/' + f) || (f === 'index.html' && fetched.has('/')));
const appGz = appFiles.reduce((s, f) => s + gz(f), 0);
const firstFiles = prerenderedBuild ? appFiles.filter((f) => /\.(html|css)$/.test(f)) : appFiles;
const firstGz = firstFiles.reduce((s, f) => s + gz(f), 0);
const allGz = distFiles.reduce((s, f) => s + gz(f), 0);

// 1b. The same on a slow link (Chromium's emulation: 1,6 Mbit/s, 150 ms; this test server does
// not compress, so every byte counts as sent raw): what a school on a poor connection waits.
const slow = { paint: [], ready: [] };
for (let i = 0; i < 2; i++) {
  const context = await browser.newContext({ locale: 'ru-RU', serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('[data-app-ready] .status .status-word', { timeout: 180000 });
  const [paint, now] = await page.evaluate(() => [performance.getEntriesByName('first-contentful-paint')[0]?.startTime, performance.now()]);
  slow.paint.push(prerenderedBuild ? paint : now);
  slow.ready.push(now);
  await context.close();
}

// 2. The national file through the page's worker.
const worker = [];
let memory = null;
for (let i = 0; i < runs; i++) {
  const before = rendererPeaks();
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(url);
  await waitForApp(page);
  await page.locator('.status').waitFor();
  const base = [...rendererPeaks(true)].filter(([pid]) => !before.has(pid)).map(([, v]) => v);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let heapPeak = 0;
  const sample = setInterval(async () => {
    try {
      const m = await cdp.send('Performance.getMetrics');
      heapPeak = Math.max(heapPeak, m.metrics.find((x) => x.name === 'JSHeapUsedSize')?.value || 0);
    } catch { /* closed */ }
  }, 100);
  await page.evaluate(() => performance.clearMarks());
  await page.setInputFiles('#file-input', file);
  await page.locator('[data-testid=schools-table]').waitFor({ timeout: 300000 });
  clearInterval(sample);
  const r = await page.evaluate(() => {
    const mark = (n) => performance.getEntriesByName(n)[0]?.startTime;
    return {
      read: window.dtkTiming.read_ms, parse: window.dtkTiming.parse_ms,
      identify: window.dtkLastRun.identify_ms, wasm: window.dtkLastRun.wasm_bytes,
      page: mark('dtk:overview') - mark('dtk:open'),
    };
  });
  worker.push(r);
  const after = rendererPeaks();
  const peaks = [...after].filter(([pid]) => !before.has(pid)).map(([, v]) => v);
  const rss = peaks.length ? Math.max(...peaks) : Math.max(0, ...after.values());
  const baseRss = base.length ? Math.max(...base) : 0;
  if (!memory || rss > memory.rss) memory = { rss, base: baseRss, wasm: r.wasm, heap: heapPeak };
  await context.close();
}
const work = (r) => r.read + r.parse + r.identify;
const w = worker.reduce((a, b) => (work(b) < work(a) ? b : a));
const wasmMs = work(w);

// 3. PapaParse parsing the same text in the same browser (decoding not timed).
const papa = [];
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + 'bench/papa.html');
  await page.evaluate(async () => {
    window.text = new TextDecoder().decode(await (await fetch('data.csv')).arrayBuffer());
  });
  for (let i = 0; i < runs; i++) {
    papa.push(await page.evaluate(() => {
      const t0 = performance.now();
      const r = Papa.parse(window.text, { delimiter: ';' });
      const ms = performance.now() - t0;
      if (r.data.length < 1000) throw new Error('PapaParse read too few rows');
      return ms;
    }));
  }
  await context.close();
}
await browser.close();
server.close();

const papaMs = best(papa);
const oursParse = w.parse + w.identify;
const rows = [
  ['1. dtk schools (native)', `${fmt(nativeMs)} ms`, `${fmt(size / MiB / (nativeMs / 1000), 1)} MiB/s`, ''],
  ['2. the page\'s worker (wasm): read + parse + identify', `${fmt(wasmMs)} ms (${fmt(w.read)} + ${fmt(w.parse)} + ${fmt(w.identify)})`, `${fmt(size / MiB / (wasmMs / 1000), 1)} MiB/s`, `goal 3: ${fmt(nativeMs / wasmMs, 2)}× native (aim ≥ 0,8×)`],
  ['   file chosen → table on screen', `${fmt(w.page)} ms`, '', ''],
  ['3. PapaParse 5.7.1, parse only', `${fmt(papaMs)} ms`, `${fmt(size / MiB / (papaMs / 1000), 1)} MiB/s`, `goal 3: ours (parse + identify, ${fmt(oursParse)} ms) at ${fmt(papaMs / oursParse, 2)}× its speed (aim ≥ 2×)`],
  ['4. peak memory of the tab (renderer RSS)', `${fmt(memory.rss / MiB)} MiB`, `${fmt(memory.rss / size, 2)}× file`, `page before the file ${fmt(memory.base / MiB)} MiB; goal 4: growth ${fmt((memory.rss - memory.base) / MiB)} MiB = ${fmt((memory.rss - memory.base) / size, 2)}× file (aim ≤ 1,5×); worker wasm ${fmt(memory.wasm / MiB)} MiB; page JS heap ${fmt(memory.heap / MiB, 1)} MiB`],
  ['5. first load, gzip: to the example report', `${fmt(firstGz / 1024, 1)} KiB`, `${firstFiles.length} files`, `goal 1: ${fmt(firstGz / 150000, 2)}× the aim of 150 KB${prerenderedBuild ? ' (prerendered HTML + CSS)' : ' (NOT prerendered: no Chromium at build time)'}`],
  ['   … to a working app (a file can be opened)', `${fmt(appGz / 1024, 1)} KiB`, `${appFiles.length} files`, `${fmt(appGz / 150000, 2)}× 150 KB; everything in dist/: ${fmt(allGz / 1024, 1)} KiB`],
  ['6. navigation → example report', `${fmt(median(firstLoad))} ms`, `median of ${firstLoad.length}`, `aim ≤ 250 ms${prerenderedBuild ? ' (first contentful paint)' : ''}`],
  ['   navigation → working app', `${fmt(median(appLoad))} ms`, `median of ${appLoad.length}`, ''],
  ['   on a 1,6 Mbit/s link: → example report / → working app', `${fmt(best(slow.paint))} ms / ${fmt(best(slow.ready))} ms`, `best of ${slow.paint.length}`, 'uncompressed, as this test server sends'],
];
console.log(`\nBrowser: headless Chromium; file ${file.split('/').pop()} — ${fmt(size / MiB, 1)} MiB; best of ${runs} runs\n`);
const width = rows.reduce((m, r) => Math.max(m, r[0].length), 0);
for (const r of rows) console.log(`${r[0].padEnd(width)}  ${r.slice(1).filter(Boolean).join('  |  ')}`);
console.log(`\nFirst load files: ${firstFiles.join(', ')}; the working app adds ${appFiles.filter((f) => !firstFiles.includes(f)).join(', ')}`);
