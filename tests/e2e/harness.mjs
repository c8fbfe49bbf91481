// Shared end-to-end harness: serves dist/ on 127.0.0.1 (an ephemeral port), launches Debian's
// Chromium through playwright-core, and records every request the page makes so tests can
// assert that nothing leaves this machine.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const DIST = process.env.DTK_DIST || join(ROOT, 'dist');
export const OUT = join(ROOT, 'test-output');
export const FIXTURES = join(ROOT, 'tests/fixtures');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.csv': 'text/csv', '.xlsx': 'application/octet-stream',
};

/** Starts a static server over `dir`; resolves to { url, close }. */
export async function serve(dir = DIST) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

/** The flags this workplace needs (no network beyond loopback, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a fresh page that records every request and every console error.
 * `requests` collects URLs; `offHost()` lists those that are not this server, data: or blob:
 * (attempts the CSP blocked inside the browser are in `blocked`, not in `offHost()`).
 */
export async function openPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'ru-RU', ...contextOptions });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const blocked = new Set();
  page.on('request', (r) => requests.push(r.url()));
  // A request the Content-Security-Policy stopped never left the browser.
  page.on('requestfailed', (r) => { if (/^csp$|BLOCKED_BY_CSP/i.test(r.failure()?.errorText || '')) blocked.add(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const origin = new URL(baseUrl).origin;
  const offHost = () => requests.filter((u) => !(u.startsWith(origin + '/') || u.startsWith('data:') || u.startsWith('blob:')) && !blocked.has(u));
  return { context, page, requests, errors, offHost, blocked };
}

/** Waits until the app has mounted and rendered the report or the start screen. */
/**
 * A new context on the app, once it shows the example report (its first state): the `fresh()`
 * of most test files.
 */
export async function openApp(browser, baseUrl, contextOptions = { acceptDownloads: true }) {
  const session = await openPage(browser, baseUrl, contextOptions);
  await session.page.goto(baseUrl);
  await waitForApp(session.page);
  await session.page.locator('.status').waitFor();
  return session;
}

export async function waitForApp(page) {
  await page.waitForSelector('[data-app-ready]', { timeout: 30000 });
}

export async function outDir(...parts) {
  const dir = join(OUT, ...parts);
  await mkdir(dir, { recursive: true });
  return dir;
}
