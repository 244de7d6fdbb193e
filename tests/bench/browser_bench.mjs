// Browser numbers for `cargo xtask bench` (run by mynaweb-bench, not by `npm test`):
//   node bench/browser_bench.mjs DIST_DIR WASM_DIR
// 1. First render: cold loads of the app from DIST_DIR on 127.0.0.1 in headless Chromium (cache
//    disabled), each timed from navigation start to the first contentful paint and to the frame
//    after the app's <h1> first appears.
// 2. Verify speed in Wasm: the mynaweb-bench library built for wasm32 (WASM_DIR/mynaweb_bench.js)
//    runs RSA-2048 verify, the JPKI chain check and the demo card's creation with
//    performance.now() as its clock.
// Prints one JSON object on stdout; progress goes to stderr.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic, launchBrowser } from '../e2e/harness.js';

const RUNS = Number(process.env.MYNAWEB_BENCH_RUNS ?? 7);
const distDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'dist'));
const wasmDir = resolve(process.argv[3] ?? join(import.meta.dirname, '..', '..', 'target', 'bench', 'wasm'));

// Installed before any page script: notes when the app's heading first exists, then waits two
// animation frames so the time is that of the frame that painted it.
const renderProbe = `
  (() => {
    window.__appRenderedAt = null;
    const seen = () => {
      if (window.__appRenderedAt !== null || !document.querySelector('h1')) return false;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        if (window.__appRenderedAt === null) window.__appRenderedAt = performance.now();
      }));
      return true;
    };
    new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
      .observe(document, { childList: true, subtree: true });
  })();`;

// Servers are closed after the browser: Chromium keeps its connections open until it exits.
const servers = [];

async function firstRender(browser, report) {
  const server = await serveStatic(distDir);
  servers.push(server);
  for (let i = 0; i < RUNS; i += 1) {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript({ content: renderProbe });
    await page.goto(server.url);
    await page.waitForFunction(() => window.__appRenderedAt !== null, null, { timeout: 30_000 });
    const t = await page.evaluate(async () => {
      // the paint entry can be queued after the frame; wait for it briefly (buffered observer)
      const paint = await new Promise((ok) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) ok(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => ok(null), 1000);
      });
      return { rendered: window.__appRenderedAt, paint };
    });
    report.app_rendered_ms.push(t.rendered);
    if (t.paint !== null) report.first_paint_ms.push(t.paint);
    process.stderr.write(`first render run ${i + 1}: app ${t.rendered.toFixed(1)} ms, FCP ${t.paint}\n`);
    await page.close();
  }
}

async function wasmVerify(browser, report) {
  if (!existsSync(join(wasmDir, 'mynaweb_bench.js'))) {
    report.notes.push(`Wasm verify not measured: ${wasmDir}/mynaweb_bench.js was not built`);
    return;
  }
  const server = await serveStatic(wasmDir);
  servers.push(server);
  const page = await browser.context.newPage();
  // any same-origin page will do; the module is imported from the served directory
  await page.goto(`${server.url}mynaweb_bench.js`);
  const [rsa, chain, , demoCard] = await page.evaluate(async (base) => {
    const module = await import(`${base}mynaweb_bench.js`);
    await module.default();
    const result = module.verify_bench(() => performance.now(), 7, 50);
    return Array.from(result);
  }, server.url);
  report.wasm_rsa_verify_us = rsa;
  report.wasm_chain_validate_us = chain;
  report.wasm_demo_card_us = demoCard;
  process.stderr.write(`wasm: RSA verify ${rsa.toFixed(1)} µs, chain ${chain.toFixed(1)} µs, demo card ${demoCard.toFixed(0)} µs\n`);
  await page.close();
}

const report = { first_paint_ms: [], app_rendered_ms: [], wasm_rsa_verify_us: null, wasm_chain_validate_us: null, wasm_demo_card_us: null, notes: [] };
const browser = await launchBrowser();
try {
  try {
    await firstRender(browser, report);
  } catch (e) {
    report.notes.push(`first render not measured: ${e.message.split('\n')[0]}`);
  }
  try {
    await wasmVerify(browser, report);
  } catch (e) {
    report.notes.push(`Wasm verify failed: ${e.message.split('\n')[0]}`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
process.stdout.write(`${JSON.stringify(report)}\n`);
