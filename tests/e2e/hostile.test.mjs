// Hostile and unlucky inputs in the real page (issue 17): the worker runs under the page's
// Content-Security-Policy and by versioned file names; a workbook beyond the reading budgets
// is refused by the worker with a Russian message (not a frozen machine); a full browser
// storage is said plainly. Hostile files are generated here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { serve, launch, outDir, DIST, FIXTURES, openApp } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const fresh = () => openApp(browser, server.url);

/** A ZIP of stored (uncompressed) parts: enough for a small hostile workbook. */
function zip(parts) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc, 14); head.writeUInt32LE(data.length, 18); head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    local.push(head, nameBytes, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16); dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28); dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

/** The ODS of the issue: one row repeated a million times, 99 filled cells wide (12,4 GB). */
function repeatedOds() {
  const content = '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="ДТК"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="99" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>';
  const manifest = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>';
  return zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['META-INF/manifest.xml', manifest], ['content.xml', content]]);
}

test('the worker starts from a blob: URL under the page CSP: a fetch to another origin from it is blocked', async () => {
  let hits = 0;
  const other = createServer((req, res) => { hits++; res.writeHead(200, { 'access-control-allow-origin': '*' }).end('x'); });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  const otherUrl = `http://127.0.0.1:${other.address().port}/leak`;
  try {
    const { page, context, requests } = await fresh();
    const started = page.waitForEvent('worker');
    await page.setInputFiles('#file-input', join(FIXTURES, 'messy/s01_template.xlsx'));
    const worker = await started;
    assert.match(worker.url(), /^blob:/, 'started from a blob: URL, so the page policy applies');
    await page.locator('.start .file-name', { hasText: 's01_template.xlsx' }).waitFor();
    const result = await worker.evaluate(async (url) => {
      try { await fetch(url, { mode: 'no-cors' }); return 'reached'; } catch (e) { return `blocked: ${e}`; }
    }, otherUrl);
    assert.match(result, /^blocked/);
    assert.equal(hits, 0, 'the request never left the browser');
    // The worker's files were fetched by their versioned names; the old names not at all.
    assert.ok(requests.some((u) => /\/dtk-worker-[0-9a-f]{16}\.js$/.test(u)), requests.join('\n'));
    assert.ok(requests.some((u) => /\/dtk-worker-[0-9a-f]{16}_bg\.wasm$/.test(u)), requests.join('\n'));
    assert.ok(!requests.some((u) => /dtk-worker(_loader)?\.js$|dtk-worker_bg\.wasm$/.test(u)));
    await context.close();
  } finally {
    await new Promise((ok) => other.close(ok));
  }
});

test('the worker files carry a content hash in their names, in the page and in the offline cache', () => {
  const files = readdirSync(DIST);
  const js = files.filter((f) => /^dtk-worker/.test(f));
  assert.equal(js.length, 2, js.join(', '));
  assert.ok(js.every((f) => /^dtk-worker-[0-9a-f]{16}(\.js|_bg\.wasm)$/.test(f)), js.join(', '));
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const meta = html.match(/<meta name="dtk-worker" content="([^"]+)">/);
  assert.ok(meta, 'index.html names the worker');
  assert.deepEqual(meta[1].split(' ').sort(), [...js].sort());
  const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
  for (const f of js) assert.ok(sw.includes(`"./${f}"`), `sw.js caches ${f}`);
});

test('an ODS whose repeated run claims 99 million cells is refused by the worker with a Russian message', async () => {
  const { page, context } = await fresh();
  const dir = await outDir('hostile');
  const path = join(dir, 'repeated.ods');
  writeFileSync(path, repeatedOds());
  await page.setInputFiles('#file-input', path);
  const error = page.locator('.load-error');
  await error.waitFor();
  const text = await error.innerText();
  assert.match(text, /на листе «ДТК» больше 2\s000\s000 ячеек/);
  assert.match(text, /CSV/);
  assert.doesNotMatch(text, /памяти/);
  await page.screenshot({ path: join(dir, 'repeated-ods.png') });
  await context.close();
});

test('a full browser storage is said plainly: the file is not kept and edits may not be either', async () => {
  const { page, context } = await fresh();
  // Fill localStorage (keys outside the app's prefix) until the browser refuses.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(256 * 1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem(`filler-${i}`, chunk); } catch { break; }
    }
    for (let i = 0; ; i++) {
      try { localStorage.setItem(`tiny-${i}`, 'x'.repeat(64)); } catch { break; }
    }
  });
  await page.setInputFiles('#file-input', join(FIXTURES, 'messy/a01_utf8_bom.csv'));
  const notice = page.locator('.notice-area .notice');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /Хранилище браузера заполнено/);
  assert.match(text, /могут тоже не сохраниться/);
  assert.doesNotMatch(text, /Правки текстов сохраняются/);
  await context.close();
});

test('a panic in the worker is shown in its own words, not as a lack of memory', async () => {
  const { page, context } = await fresh();
  const started = page.waitForEvent('worker');
  await page.setInputFiles('#file-input', join(FIXTURES, 'messy/s01_template.xlsx'));
  const worker = await started;
  await page.locator('.start .file-name', { hasText: 's01_template.xlsx' }).waitFor();
  // The report of this file is on screen: the worker has handled the page's «open» job, so a
  // panic now is told under the job the page is waiting on. (Calling the handler as soon as it
  // exists raced the page's queued «open»: a panic under job 0 is, rightly, ignored by the page.)
  await page.locator('.source', { hasText: /XLSX/ }).waitFor();
  // The worker's own message handler, called inside the worker (a message the page never sends).
  assert.equal(await worker.evaluate(() => typeof self.onmessage), 'function');
  // The request in the worker's own envelope (core::wire: the message's JSON bytes as `msg`).
  await worker.evaluate(() => {
    const msg = new TextEncoder().encode(JSON.stringify('test-panic')).buffer;
    setTimeout(() => self.onmessage({ data: { msg } }), 0);
  });
  const error = page.locator('.load-error');
  await error.waitFor();
  const text = await error.innerText();
  assert.match(text, /повреждён/);
  assert.match(text, /проверка: паника в обработчике файлов/);
  assert.doesNotMatch(text, /памяти/);
  await context.close();
});
