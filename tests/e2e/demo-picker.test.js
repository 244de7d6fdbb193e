// The demo box a newcomer meets first: the persona picker reads cleanly in every language (an
// <option> cannot hold <ruby>, so やさしい日本語 shows its plain text there, not base and reading run
// together as "40歳さいより"), and the notice says which PINs the virtual card takes.
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

const options = (page) => page.locator('#persona-picker option');

test('demo picker: options are plain text in やさしい日本語, and the notice gives the PINs', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await options(page).first().textContent(), '40歳以上・一般的な住所');

  await page.getByRole('button', { name: 'やさしい にほんご' }).click();
  await page.locator('html[lang="ja"] .demo-box rt').first().waitFor();
  assert.equal(await options(page).count(), 11);
  assert.equal(await options(page).first().textContent(), '40歳より 上・ふつうの 住所');
  assert.equal(
    await options(page).nth(5).textContent(),
    '利用者証明用の 暗証番号が ロックされて いる',
  );
  assert.equal(await page.locator('#persona-picker ruby, #persona-picker rt').count(), 0);
  // The notice itself keeps its furigana (it is ordinary text).
  assert.equal(
    await page.locator('.demo-box p').first().evaluate((p) => p.cloneNode(true).textContent),
    'デモ デモです。本当ほんとうには いない 人ひとの カードを まねした ものを 使つかいます。本物ほんものの カードは 使つかいません。暗証番号あんしょうばんごうは どれも 1234 です。署名用しょめいようの 暗証番号あんしょうばんごうは ABC123 です。',
  );
  await screenshot(page, 'demo-picker-ja-easy');

  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await options(page).first().textContent(), 'Over 40, ordinary address');
  assert.equal(
    await page.locator('.demo-box p').first().textContent(),
    'Demo Demo mode: a virtual card of a fictional person is used. No real card is involved. Its PINs are all 1234; the signature password is ABC123.',
  );
  await page.close();
});

test('demo picker: on a phone-width screen the picker fits, in every language', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  for (const lang of ['English', 'やさしい にほんご', '日本語']) {
    await page.getByRole('button', { name: lang, exact: true }).click();
    await page.locator('#persona-picker').waitFor();
    // The longest persona label ("Face-authentication-only card (no PIN set)") once made the
    // select wider than the screen, and the whole page scrolled sideways.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, lang);
    const box = await page.locator('#persona-picker').boundingBox();
    assert.ok(box.x + box.width <= 375, `${lang}: picker ends at ${box.x + box.width}`);
  }
  await screenshot(page, 'demo-picker-narrow');
  await page.close();
});
