// Versions the worker's file names and tells the page where they are. Trunk hashes the page's
// own glue and wasm but not a worker's (dtk-worker.js, dtk-worker_bg.wasm, and its loader
// dtk-worker_loader.js), so after a deploy a plain HTTP cache could serve the old worker to the
// new page. Here both files get a content hash in their names (dtk-worker-<hash>.js and
// dtk-worker-<hash>_bg.wasm), the loader (not used: the page starts the worker itself, from a
// blob: URL, so the page's Content-Security-Policy covers the worker too) is removed, and
// index.html gets <meta name="dtk-worker" content="<js> <wasm>">, which
// src/ui/edge/worker_client.rs reads. Runs in scripts/build.sh right after Trunk.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const js = join(dist, 'dtk-worker.js');
const wasm = join(dist, 'dtk-worker_bg.wasm');
if (!existsSync(js) || !existsSync(wasm)) {
  console.error(`worker.mjs: no dtk-worker.js / dtk-worker_bg.wasm in ${dist}`);
  process.exit(1);
}
const hash = createHash('sha256').update(readFileSync(js)).update(readFileSync(wasm)).digest('hex').slice(0, 16);
const names = [`dtk-worker-${hash}.js`, `dtk-worker-${hash}_bg.wasm`];
renameSync(js, join(dist, names[0]));
renameSync(wasm, join(dist, names[1]));
rmSync(join(dist, 'dtk-worker_loader.js'), { force: true });
const index = join(dist, 'index.html');
let html = readFileSync(index, 'utf8');
// Trunk may preload the worker's files under their old names.
html = html.replace(/<link[^>]*dtk-worker[^>]*>\s*/g, '');
const meta = `<meta name="dtk-worker" content="${names.join(' ')}">`;
if (!html.includes('</head>')) {
  console.error('worker.mjs: no </head> in index.html');
  process.exit(1);
}
html = html.replace('</head>', `${meta}\n</head>`);
writeFileSync(index, html);
console.error(`worker.mjs: ${names.join(', ')}`);
