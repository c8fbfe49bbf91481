// The browser half of scripts/bench-wire.sh (figures printed, nothing asserted): the table of a
// national file (`FromWorker::Overview`) made in a worker and sent to the page, alternately
// (a) `json`: serde_json bytes in a transferred ArrayBuffer (what the app does) and
// (b) `js`: a serde-wasm-bindgen JS value, structured-cloned by postMessage.
// Per repetition: encode in the worker, postMessage (the sender's share of the clone), post → data
// (from the call to postMessage until the page has read `event.data`: the clone both sides and
// the hand-over), decode on the page; the median of REPS after one warm-up each.
//   node scripts/bench-wire.mjs DIR FILE [REPS]   (DIR: wasm-bindgen output, page.wasm, worker.wasm)
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const [dir, file, repsArg] = process.argv.slice(2);
if (!dir || !file) {
  console.error('usage: node scripts/bench-wire.mjs DIR FILE [REPS]');
  process.exit(2);
}
const reps = Number(repsArg) || 7;

const WORKER = `importScripts('wire_carrier.js');
(async () => {
  await wasm_bindgen({ module_or_path: 'worker.wasm' });
  const bytes = new Uint8Array(await (await fetch('data.csv')).arrayBuffer());
  const schools = wasm_bindgen.prepare(bytes);
  postMessage({ schools, json: wasm_bindgen.json_bytes() });
})().catch((e) => postMessage({ error: String(e) }));
onmessage = (e) => {
  const carrier = e.data;
  if (self.gc) gc();
  const t0 = performance.now();
  const msg = carrier === 'json' ? wasm_bindgen.encode_json() : wasm_bindgen.encode_js();
  const t1 = performance.now();
  const at = performance.timeOrigin + t1;
  if (carrier === 'json') postMessage({ msg, at }, [msg]); else postMessage({ msg, at });
  const t2 = performance.now();
  postMessage({ encode: t1 - t0, post: t2 - t1 });
};
`;
const PAGE = `<!doctype html><meta charset="utf-8"><title>wire</title><link rel="icon" href="data:,"><script src="wire_carrier.js"></script>`;
const files = {
  '/': [PAGE, 'text/html; charset=utf-8'],
  '/worker.js': [WORKER, 'text/javascript'],
  '/wire_carrier.js': [readFileSync(join(dir, 'wire_carrier.js')), 'text/javascript'],
  '/page.wasm': [readFileSync(join(dir, 'page.wasm')), 'application/wasm'],
  '/worker.wasm': [readFileSync(join(dir, 'worker.wasm')), 'application/wasm'],
};
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/data.csv') {
    res.writeHead(200, { 'content-type': 'text/csv' });
    return res.end(readFileSync(file));
  }
  const f = files[path];
  if (!f) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': f[1] });
  res.end(f[0]);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'],
});
const page = await browser.newPage();
page.on('console', (m) => console.error(`[page] ${m.text()}`));
await page.goto(url);
const result = await page.evaluate(async (reps) => {
  await wasm_bindgen({ module_or_path: 'page.wasm' });
  const worker = new Worker('worker.js');
  let next;
  const inbox = [];
  worker.onmessage = (e) => {
    const arrived = performance.timeOrigin + performance.now();
    const data = e.data; // deserialised here (Chromium clones lazily, on first read)
    const msg = data.msg;
    const read = performance.timeOrigin + performance.now();
    inbox.push({ data, msg, arrived, read });
    if (next) { const n = next; next = null; n(); }
  };
  const receive = async () => {
    while (!inbox.length) await new Promise((ok) => { next = ok; });
    return inbox.shift();
  };
  const ready = (await receive()).data;
  if (ready.error) throw new Error(ready.error);
  const round = async (carrier) => {
    if (self.gc) gc();
    worker.postMessage(carrier);
    const got = await receive();
    const t0 = performance.now();
    const n = carrier === 'json' ? wasm_bindgen.decode_json(got.msg) : wasm_bindgen.decode_js(got.msg);
    const decode = performance.now() - t0;
    got.msg = null;
    const same = wasm_bindgen.release();
    const times = (await receive()).data;
    if (n !== ready.schools || !same) throw new Error(`${carrier}: ${n} schools, same message: ${same}`);
    return {
      encode: times.encode, post: times.post,
      data: got.read - got.data.at, decode,
      total: times.encode + (got.read - got.data.at) + decode,
    };
  };
  const runs = { json: [], js: [] };
  await round('json');
  await round('js');
  for (let i = 0; i < reps; i++) {
    for (const c of i % 2 ? ['js', 'json'] : ['json', 'js']) runs[c].push(await round(c));
  }
  worker.terminate();
  return { ready, runs };
}, reps);
await browser.close();
server.close();

const fmt = (n, d = 0) => n.toLocaleString('ru-RU', { minimumFractionDigits: d, maximumFractionDigits: d });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const steps = ['encode', 'post', 'data', 'decode', 'total'];
const med = (c) => Object.fromEntries(steps.map((s) => [s, median(result.runs[c].map((r) => r[s]))]));
const json = med('json');
const js = med('js');
console.log(`\nCarrier of FromWorker::Overview, ${fmt(result.ready.schools)} schools `
  + `(${file.split('/').pop()}, ${fmt(statSync(file).size / 2 ** 20, 1)} MiB; the message as JSON `
  + `${fmt(result.ready.json / 2 ** 20, 1)} MiB); headless Chromium, median of ${reps}, ms\n`);
const head = ['carrier', 'encode (worker)', 'postMessage', 'post → data', 'decode (page)', 'total'];
const rows = [
  ['(a) JSON bytes, transferred', ...steps.map((s) => fmt(json[s], 1))],
  ['(b) serde-wasm-bindgen, cloned', ...steps.map((s) => fmt(js[s], 1))],
  ['(b) / (a)', ...steps.map((s) => (json[s] < 5 ? '—' : `${fmt(js[s] / json[s], 2)}×`))],
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
console.log(`\nFaster: ${json.total <= js.total ? '(a) JSON bytes' : '(b) serde-wasm-bindgen'}, `
  + `by ${fmt(Math.max(json.total, js.total) / Math.min(json.total, js.total), 2)}× in total`);
console.log('all runs (total ms): json ' + result.runs.json.map((r) => fmt(r.total)).join(' ')
  + '; js ' + result.runs.js.map((r) => fmt(r.total)).join(' '));
