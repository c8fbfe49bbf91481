// Foundation end to end: the built dist/ opens in headless Chromium with the example school
// rendered, no request leaves 127.0.0.1, and a screenshot and a print-to-PDF are saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp, outDir } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the example school renders and nothing leaves the machine', async () => {
  const { page, offHost, errors, context } = await openPage(browser, server.url);
  await page.goto(server.url);
  await waitForApp(page);
  await page.getByText('МБОУ «СОШ № 3»').first().waitFor();
  assert.deepEqual(offHost(), [], 'requests left 127.0.0.1');
  assert.deepEqual(errors, [], 'console errors');
  const dir = await outDir('foundation');
  await page.screenshot({ path: join(dir, 'example.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(dir, 'example.pdf'), format: 'A4', printBackground: true });
  await context.close();
});

test('the off-host detector works, and the CSP stops a request before it leaves', async () => {
  // 1. Without the app's CSP, a request to another origin (a second loopback address, so
  //    nothing ever leaves this machine) is caught by the detector.
  const bare = await openPage(browser, server.url);
  await bare.page.goto(server.url + 'no-such-page');
  const seen = bare.page.waitForRequest((r) => r.url().startsWith('http://127.0.0.2'));
  await bare.page.setContent('<img src="http://127.0.0.2:9/leak.png">');
  await seen;
  assert.ok(bare.offHost().some((u) => u.startsWith('http://127.0.0.2')), 'detector must see it');
  await bare.context.close();

  // 2. In the app, the Content-Security-Policy blocks the same request outright.
  const app = await openPage(browser, server.url);
  await app.page.goto(server.url);
  await waitForApp(app.page);
  const failed = app.page.waitForEvent('requestfailed', (r) => r.url() === 'http://127.0.0.2:9/leak.png');
  const violated = await app.page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
    const img = new Image();
    img.src = 'http://127.0.0.2:9/leak.png';
  }));
  assert.equal(violated, 'img-src');
  await failed;
  assert.ok(app.blocked.has('http://127.0.0.2:9/leak.png'), 'the attempt is reported as blocked by CSP');
  assert.deepEqual(app.offHost(), []);
  await app.context.close();
});
