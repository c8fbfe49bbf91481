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
