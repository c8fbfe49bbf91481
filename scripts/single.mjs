// Builds dist-single/dtk-calculator.html: the whole app in one self-contained HTML file (styles,
// the JS glue and the wasm inlined) that works when opened from disk (file://) — to carry on a
// flash drive or send by mail. Made from a finished dist/ (scripts/build.sh runs first).
//
// The JS glue and the wasm travel as base64 in non-executable <script type="application/
// octet-stream"> data blocks; a small module script turns the glue into a blob: URL, imports
// it and instantiates the wasm from the bytes, so nothing is fetched. The Content-Security-
// Policy is rewritten for this file: only that loader (by hash), blob: modules, wasm and the
// inlined styles (by hash) may run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const out = process.argv[3] || 'dist-single';
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
let html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = readdirSync(dist);
const glue = files.find((f) => /^dtk-app-.*\.js$/.test(f));
const wasm = files.find((f) => /^dtk-app-.*_bg\.wasm$/.test(f));
if (!glue || !wasm) {
  console.error(`single.mjs: no dtk-app js/wasm in ${dist}`);
  process.exit(1);
}

// Styles inline.
const styleHashes = [];
html = html.replace(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*>/g, (_, name) => {
  const css = readFileSync(join(dist, name), 'utf8');
  styleHashes.push(sha(css));
  return `<style>${css}</style>`;
});
// Preloads, the manifest and the service worker's files make no sense from disk.
html = html.replace(/<link rel="(modulepreload|preload|manifest)"[^>]*>/g, '');
// The loader.
const loader = `
const bytes = (id) => Uint8Array.from(atob(document.getElementById(id).textContent.trim()), (c) => c.charCodeAt(0));
const url = URL.createObjectURL(new Blob([bytes('dtk-glue')], { type: 'text/javascript' }));
const glue = await import(url);
await glue.default({ module_or_path: bytes('dtk-wasm') });
`;
// The worker (large files, spreadsheets, XLSX export): its glue and wasm as two more data
// blocks; the page makes a blob: worker of them (src/ui/edge/worker_client.rs).
// (Named dtk-worker-<hash>.js / _bg.wasm by scripts/worker.mjs.)
const workerJs = files.find((f) => /^dtk-worker(-[0-9a-f]+)?\.js$/.test(f));
const workerWasm = files.find((f) => /^dtk-worker(-[0-9a-f]+)?_bg\.wasm$/.test(f));
const workerBlocks = workerJs && workerWasm
  ? `<script type="application/octet-stream" id="dtk-worker-glue">${readFileSync(join(dist, workerJs)).toString('base64')}</script>\n` +
    `<script type="application/octet-stream" id="dtk-worker-wasm">${readFileSync(join(dist, workerWasm)).toString('base64')}</script>\n`
  : '';
// The served build's worker names mean nothing in one file.
html = html.replace(/<meta name="dtk-worker"[^>]*>\n?/, '');
const blocks =
  `<script type="application/octet-stream" id="dtk-glue">${readFileSync(join(dist, glue)).toString('base64')}</script>\n` +
  `<script type="application/octet-stream" id="dtk-wasm">${readFileSync(join(dist, wasm)).toString('base64')}</script>\n` +
  workerBlocks +
  `<script type="module">${loader}</script>`;
const before = html.length;
html = html.replace(/<script type="module">[\s\S]*?<\/script>/, () => blocks);
if (html.length === before) {
  console.error('single.mjs: the Trunk loader script was not found in index.html');
  process.exit(1);
}
// index.html's own inline scripts (the returning-visitor check) keep running, by hash.
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sha(m[1]));
const csp = [
  "default-src 'none'",
  `script-src ${[sha(loader), ...inline].join(' ')} blob: 'wasm-unsafe-eval'`,
  `style-src ${styleHashes.join(' ')}`,
  "img-src data: blob:",
  "worker-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
mkdirSync(out, { recursive: true });
const target = join(out, 'dtk-calculator.html');
writeFileSync(target, html);
console.error(`single.mjs: ${target} (${(html.length / 1024).toFixed(0)} KiB)`);
