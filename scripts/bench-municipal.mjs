// The municipal half of scripts/bench.sh (figures printed, nothing asserted): a generated
// region of N schools opened in headless Chromium through the page's worker, once as one
// format-C table and once as N format-A files chosen at once, until the municipal report is on
// screen; the longest task on the page's thread meanwhile (the page must stay responsive).
//   node scripts/bench-municipal.mjs FORMAT_C_FILE FILES_DIR
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { serve, launch, openPage, waitForApp } from '../tests/e2e/harness.mjs';

const [cFile, filesDir] = process.argv.slice(2);
if (!cFile || !filesDir) {
  console.error('usage: node scripts/bench-municipal.mjs FORMAT_C_FILE FILES_DIR');
  process.exit(2);
}
const files = readdirSync(filesDir).sort().map((f) => join(filesDir, f));
const server = await serve();
const browser = await launch();

async function run(label, input) {
  const { page, context } = await openPage(browser, server.url, { viewport: { width: 1280, height: 900 } });
  await page.goto(server.url);
  await waitForApp(page);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  const start = Date.now();
  await page.setInputFiles('#file-input', input);
  await page.locator('[data-testid=municipal]').waitFor({ timeout: 600000 });
  const ms = Date.now() - start;
  const facts = await page.evaluate(() => ({
    longest: Math.max(0, ...window.longTasks),
    worker: window.dtkLastRun ? { identify_ms: window.dtkLastRun.identify_ms, total_ms: window.dtkLastRun.total_ms, wasm_mib: window.dtkLastRun.wasm_bytes / 1048576 } : null,
    schools: document.querySelector('[data-testid=municipal] .lead')?.textContent,
  }));
  console.log(`${label}: ${ms} ms to the municipal report (${facts.schools}); in the worker: identify + aggregate ${Math.round(facts.worker?.identify_ms ?? 0)} ms, read → report ${Math.round(facts.worker?.total_ms ?? 0)} ms, wasm memory ${facts.worker?.wasm_mib?.toFixed(0)} MiB; longest task on the page ${Math.round(facts.longest)} ms`);
  await context.close();
}

console.log(`municipal: ${files.length} schools; format C ${(statSync(cFile).size / 1048576).toFixed(1)} MiB`);
await run('  one format-C table', cFile);
await run(`  ${files.length} format-A files at once`, files);
await browser.close();
await server.close();
