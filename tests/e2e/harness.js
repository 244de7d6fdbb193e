// Shared set-up for the browser tests: a static server for Trunk's dist/ and Debian's Chromium
// driven by playwright-core. Never downloads a browser.
import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const distDir = process.env.MYNAWEB_DIST ?? join(repoRoot, 'dist');
export const screenshotDir = process.env.MYNAWEB_SCREENSHOTS ?? join(repoRoot, 'target', 'screenshots');
const chromiumPath = process.env.MYNAWEB_CHROMIUM ?? '/usr/bin/chromium';

const mimeTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves `root` on 127.0.0.1 at a free port; resolves to { url, requests, close }. */
export async function serveStatic(root = distDir) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    requests.push(path);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export const fakeUsbDir = process.env.MYNAWEB_FAKEUSB ?? join(repoRoot, 'target', 'fakeusb');

/**
 * The init script that replaces navigator.usb with the simulator's virtual readers
 * (crates/fakeusb): wasm-bindgen glue, the JS layer, and the install call with the .wasm inlined.
 * `readers` is a list of { model, persona }.
 */
export async function fakeUsbScript(readers) {
  const glue = await readFile(join(fakeUsbDir, 'fakeusb.js'), 'utf8');
  const shim = await readFile(join(fakeUsbDir, 'fake-webusb.js'), 'utf8');
  const wasm = (await readFile(join(fakeUsbDir, 'fakeusb_bg.wasm'))).toString('base64');
  return `${glue}\nglobalThis.wasm_bindgen = wasm_bindgen;\n${shim}\ninstallFakeWebUsb(${JSON.stringify({ wasm, readers })});`;
}

/**
 * Launches headless Chromium with the flags this machine needs; resolves to { context, close }.
 * With `fakeUsb: [{ model, persona }]`, every page gets the fake WebUSB with those readers.
 */
export async function launchBrowser({ fakeUsb } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'mynaweb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1024, height: 768 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (fakeUsb) await context.addInitScript({ content: await fakeUsbScript(fakeUsb) });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as target/screenshots/NAME.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
