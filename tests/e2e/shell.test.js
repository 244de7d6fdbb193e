// The app shell: it loads from Trunk's release build, speaks Japanese first, switches to English,
// and can be used with the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launchBrowser, screenshot } from './harness.js';

let server;
let browser;

before(async () => {
  server = await serveStatic();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app shell renders in Japanese and fetches its Wasm', async () => {
  const page = await browser.context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1, name: 'マイナンバーカード 手続きアシスタント' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.equal(await page.locator('#reader-panel-title').textContent(), 'カードリーダー');
  assert.equal(await page.locator('.reader-status').textContent(), 'カードリーダーは接続されていません。');
  assert.ok(server.requests.some((path) => path.endsWith('_bg.wasm')), `requests: ${server.requests}`);
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'shell-ja');
  await page.close();
});

test('the language switch turns the page into English and back, by keyboard', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();

  // Keyboard only: Tab past the skip link to the language buttons, then press Enter on English.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '日本語');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'English');
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 1, name: 'My Number Card procedure assistant' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('.reader-status').textContent(), 'No card reader is connected.');
  assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed'), 'false');
  await screenshot(page, 'shell-en');

  await page.getByRole('button', { name: '日本語' }).press('Space');
  await page.getByRole('heading', { level: 1, name: 'マイナンバーカード 手続きアシスタント' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  await page.close();
});
