// Demo mode: with no reader at all, the virtual card answers. A person reads the card, sees every
// PIN's tries before typing anything, and checks the user-authentication PIN through the PIN
// dialog — including a wrong PIN, the last-try confirmation, a blocked PIN and a phone token.
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

async function openApp({ english = false, persona = 'standard' } = {}) {
  const page = await browser.context.newPage();
  const consoleLines = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (english) await page.getByRole('button', { name: 'English' }).click();
  await page.locator('#persona-picker').selectOption(persona);
  return { page, consoleLines };
}

const pinRow = (page, key) => page.locator(`tr[data-pin="${key}"] td`);

test('demo card: reading shows the token, every PIN and the certificate (ja)', async () => {
  const { page } = await openApp();
  assert.equal(await page.locator('.site-title .badge-demo').textContent(), 'デモ');
  await page.getByRole('button', { name: 'カードを読み取る' }).click();
  await page.getByText('マイナンバーカードを確認しました。').waitFor();
  assert.equal(await page.locator('.token-type').textContent(), 'マイナンバーカード');
  assert.equal(await pinRow(page, 'auth').textContent(), '残り3回');
  assert.equal(await pinRow(page, 'sign').textContent(), '残り5回');
  assert.equal(await pinRow(page, 'card-info').textContent(), '残り3回');
  const facts = await page.locator('dl.certificate dd').allTextContents();
  assert.equal(facts[1], '2025-04-01');
  assert.equal(facts[2], '2029-06-15');
  assert.match(facts[3], /mynaweb simulator/);
  // Demo mode trusts only the simulator's test CA; revocation is never claimed.
  assert.equal(
    await page.locator('.cert-verdict').textContent(),
    '電子証明書はデモ用の認証局まで確認できました(デモモード)。失効しているかどうかは確認していません(ブラウザーからは確認できません)。',
  );
  await page.getByText('技術的な詳細(カードとのやり取りの記録)').click();
  // The JPKI AP was selected when the card was opened; the certificate comes in one extended
  // READ BINARY by SFI (mynacard.md §11), padded EF included.
  assert.equal(
    await page.locator('ol.trace li').first().textContent(),
    '→ 00 B0 8A 00 00 00 00  ← 30 82 05 8D 30 82 04 75 A0 03 … (2050 bytes) … 90 00',
  );
  assert.equal(await page.locator('ol.trace li').count(), 8);
  await screenshot(page, 'demo-card-ja');
  await page.close();
});

test('a wrong PIN reports the tries left, and the table follows (en)', async () => {
  const { page } = await openApp({ english: true });
  await page.getByRole('button', { name: 'Read the card' }).click();
  await page.getByText('My Number Card found.').waitFor();
  await page.getByRole('button', { name: 'Check the user-authentication PIN' }).click();
  const dialog = page.getByRole('dialog', { name: 'Enter your PIN' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('.pin-tries').textContent(), '3 tries left');
  assert.equal(await dialog.locator('#pin-input').getAttribute('autocomplete'), 'off');
  assert.equal(await dialog.locator('#pin-input').getAttribute('type'), 'password');
  // Keyboard only: the input has focus; type and press Enter.
  await page.keyboard.type('1111');
  await screenshot(page, 'pin-dialog-en');
  await page.keyboard.press('Enter');
  await page.getByText('Wrong PIN. 2 tries left.').waitFor();
  await page.locator('tr[data-pin="auth"] td', { hasText: '2 tries left' }).waitFor();
  await screenshot(page, 'wrong-pin-en');
  await page.close();
});

test('a badly formed PIN is refused locally and costs no try', async () => {
  const { page } = await openApp({ english: true });
  await page.getByRole('button', { name: 'Read the card' }).click();
  await page.getByText('My Number Card found.').waitFor();
  await page.getByRole('button', { name: 'Check the user-authentication PIN' }).click();
  await page.locator('#pin-input').fill('12a');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByText('The PIN is 4 digits. Nothing was sent to the card.').waitFor();
  assert.equal(await page.locator('#pin-input').getAttribute('aria-invalid'), 'true');
  // Escape closes the dialog and gives the page back.
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await pinRow(page, 'auth').textContent(), '3 tries left');
  await page.close();
});

test('at one try left nothing is sent without the explicit confirmation, and no PIN leaks', async () => {
  const { page, consoleLines } = await openApp({ english: true, persona: 'auth-one-try' });
  await page.getByRole('button', { name: 'Read the card' }).click();
  await page.getByText('My Number Card found.').waitFor();
  assert.equal(await pinRow(page, 'auth').textContent(), '1 try left');
  await page.getByRole('button', { name: 'Check the user-authentication PIN' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('One try left. A wrong entry blocks the PIN').waitFor();
  await screenshot(page, 'last-try-en');
  const distinctive = '8642';
  await page.locator('#pin-input').fill(distinctive);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('.card-panel > p[role=alert]', { hasText: 'One try left.' }).waitFor();
  assert.equal(await pinRow(page, 'auth').textContent(), '1 try left');

  const html = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!html.includes(distinctive), 'the PIN is in the DOM');
  assert.ok(!storage.includes(distinctive), 'the PIN is in web storage');
  assert.ok(!page.url().includes(distinctive), 'the PIN is in the URL');
  assert.ok(!consoleLines.some((line) => line.includes(distinctive)), 'the PIN is in the console');
  await page.close();
});

test('a blocked PIN offers no input; a phone token needs the PIN before its certificate (ja)', async () => {
  const { page } = await openApp({ persona: 'auth-blocked' });
  await page.getByRole('button', { name: 'カードを読み取る' }).click();
  await page.getByText('マイナンバーカードを確認しました。').waitFor();
  assert.equal(await pinRow(page, 'auth').textContent(), 'ロック中(市区町村の窓口で再設定が必要です)');
  await page.getByRole('button', { name: '利用者証明用の暗証番号を確かめる' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('この暗証番号はロックされているため、入力できません。').waitFor();
  assert.equal(await dialog.locator('input').count(), 0);
  await screenshot(page, 'blocked-ja');
  await dialog.getByRole('button', { name: 'キャンセル' }).click();

  await page.locator('#persona-picker').selectOption('phone-token');
  await page.getByRole('button', { name: 'カードを読み取る' }).click();
  await page.getByText('スマートフォン(Android)の電子証明書').waitFor();
  await page.getByText('スマートフォンの電子証明書は、利用者証明用の暗証番号を確認するまで読み取れません。').waitFor();
  await page.close();
});
