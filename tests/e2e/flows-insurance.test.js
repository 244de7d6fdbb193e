// Insurance-use registration pre-check (flows.md §1A), in demo mode and on the virtual RC-S300
// behind the fake WebUSB (every APDU through the real RC-S300 driver), in Japanese and English:
// a valid card, an expired certificate, a blocked PIN, a wrong PIN with the tries left, and the
// last-try confirmation. axe-core runs on every screen; a distinctive PIN typed in the test is
// searched for in the DOM, web storage, the URL and the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launchBrowser, screenshot } from './harness.js';
import { suffix, axe, openFlow as openFlow_ } from './flows.js';

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

const openFlow = (persona, lang, via = 'demo') =>
  openFlow_({ browser, server, flowPage: 'insurance', persona, lang, via });

async function assertNoLeak(page, consoleLines, secret) {
  const html = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!html.includes(secret), 'the PIN is in the DOM');
  assert.ok(!storage.includes(secret), 'the PIN is in web storage');
  assert.ok(!page.url().includes(secret), 'the PIN is in the URL');
  assert.ok(!consoleLines.some((line) => line.includes(secret)), 'the PIN is in the console');
}

const T = {
  ja: {
    check: 'カードを確認する',
    next: '次へ',
    validUntil: { standard: '2029年6月15日', expired: '2024年9月9日' },
    triesAuth3: '残り3回',
    noProblems: '登録の妨げになる問題は見つかりませんでした。',
    mynaportal: 'マイナポータル(パソコン・スマートフォン)',
    choose: 'この方法で進む',
    openPortal: 'マイナポータルを開く(新しいタブ)',
    reminder: '資格情報のお知らせ',
    expired: '電子証明書の有効期限が切れています。市区町村で更新してください(満了の3か月前から更新できます)。',
    locked: 'ロックされています。お住まいの市区町村の窓口で再設定してください(顔写真付きの本人確認書類が必要です)。',
    blockedRow: 'ロック中(市区町村の窓口で再設定が必要です)',
    restart: '最初からやり直す',
    whichDocument: 'どの書類を見せる?',
    testPin: '暗証番号を試す',
    confirmTest: '残り回数を確認しました。入力に進む',
    submit: '確認する',
    wrong2: '暗証番号が違います。残り2回です。',
    tries1: '残り1回',
    lastTry: '残り1回です。間違えるとロックされ',
    lockedNow: '暗証番号が違います。暗証番号はロックされました。市区町村の窓口で再設定してください。',
  },
  en: {
    check: 'Check my card',
    next: 'Next',
    validUntil: { standard: '2029-06-15', expired: '2024-09-09' },
    triesAuth3: '3 tries left',
    noProblems: 'Nothing stands in the way of registering.',
    mynaportal: 'Mynaportal (PC or smartphone)',
    choose: 'Continue with this',
    openPortal: 'Open Mynaportal (new tab)',
    reminder: '資格情報のお知らせ',
    expired: 'The certificate has expired. Renew it at your municipal office (renewal opens 3 months before expiry).',
    locked: 'The PIN is locked. Have it reset at your municipal office (bring photo ID).',
    blockedRow: 'Blocked (must be reset at your municipal office)',
    restart: 'Start again',
    whichDocument: 'Which document do I show?',
    testPin: 'Test my PIN',
    confirmTest: 'I have seen the tries left: enter the PIN',
    submit: 'Check',
    wrong2: 'Wrong PIN. 2 tries left.',
    tries1: '1 try left',
    lastTry: 'One try left. A wrong entry blocks the PIN',
    lockedNow: 'Wrong PIN. The PIN is now blocked; have it reset at your municipal office.',
  },
};

const authRow = (page) => page.locator('.page-insurance tr[data-role="UserAuthentication"] td');

for (const [via, lang] of [['demo', 'ja'], ['demo', 'en'], ['rcs300', 'ja'], ['rcs300', 'en']]) {
  const t = T[lang];
  const on = via === 'demo' ? '' : `, ${via}`;

  test(`valid card: pre-check, channel, hand-off (${lang}${on})`, async () => {
    const { page } = await openFlow('standard', lang, via);
    await axe(page, 'R0 before you start');
    await screenshot(page, `flows-insurance-start-${lang}${suffix(via)}`);
    await page.getByRole('button', { name: t.check }).click();
    await page.locator('.page-insurance .cert-valid-until').waitFor();
    assert.equal(await page.locator('.page-insurance .cert-valid-until').textContent(), t.validUntil.standard);
    assert.equal(await authRow(page).textContent(), t.triesAuth3);
    await page.getByText(t.noProblems).waitFor();
    assert.equal(await page.locator('.step-indicator [aria-current="step"]').count(), 1);
    await axe(page, 'R1 card checked');
    await screenshot(page, `flows-insurance-checked-${lang}${suffix(via)}`);

    await page.getByRole('button', { name: t.next, exact: true }).click();
    // Keyboard: the radio group is reachable and Space picks an option.
    await page.getByRole('radio', { name: t.mynaportal }).focus();
    await page.keyboard.press('Space');
    assert.equal(await page.getByRole('radio', { name: t.mynaportal }).isChecked(), true);
    await axe(page, 'R3 choose channel');
    await page.getByRole('button', { name: t.choose }).click();
    const link = page.getByRole('link', { name: t.openPortal });
    assert.equal(await link.getAttribute('href'), 'https://myna.go.jp/');
    await page.getByText(t.reminder, { exact: false }).first().waitFor();
    assert.equal(await page.locator('.step-indicator [aria-current="step"] .step-number').textContent(), '4');
    await axe(page, 'R4 done');
    await screenshot(page, `flows-insurance-done-${lang}${suffix(via)}`);
    await page.close();
  });

  test(`expired certificate: renewal help, no channel (${lang}${on})`, async () => {
    const { page } = await openFlow('expired-auth', lang, via);
    await page.getByRole('button', { name: t.check }).click();
    await page.locator('.page-insurance .cert-valid-until').waitFor();
    assert.equal(await page.locator('.page-insurance .cert-valid-until').textContent(), t.validUntil.expired);
    await page.getByRole('button', { name: t.next, exact: true }).click();
    const help = page.locator('[data-situation="E8"]');
    await help.waitFor();
    assert.match(await help.textContent(), new RegExp(t.expired.replace(/[()]/g, '\\$&')));
    assert.equal(await page.getByRole('button', { name: t.next, exact: true }).count(), 0);
    await page.getByRole('button', { name: t.restart }).waitFor();
    await axe(page, 'R2 expired');
    await screenshot(page, `flows-insurance-expired-${lang}${suffix(via)}`);
    // Until the certificate is renewed, the clinic needs another document: §1C is one press away.
    await page.locator('.page-insurance').getByRole('button', { name: t.whichDocument }).click();
    await page.locator('main[data-page="document"]').waitFor();
    await page.close();
  });

  test(`blocked PIN: municipal window, no PIN test (${lang}${on})`, async () => {
    const { page } = await openFlow('auth-blocked', lang, via);
    await page.getByRole('button', { name: t.check }).click();
    await authRow(page).waitFor();
    assert.equal(await authRow(page).textContent(), t.blockedRow);
    // No PIN may be sent to a blocked PIN: the test is not offered at all.
    assert.equal(await page.getByRole('button', { name: t.testPin }).count(), 0);
    await page.getByRole('button', { name: t.next, exact: true }).click();
    const help = page.locator('[data-situation="E2"]');
    await help.waitFor();
    assert.equal((await help.textContent()).trim(), t.locked);
    await axe(page, 'R2 blocked');
    await screenshot(page, `flows-insurance-blocked-${lang}${suffix(via)}`);
    await page.close();
  });

  test(`face-only card: no PIN to test, the clinic's face reader is the way (${lang}${on})`, async () => {
    const { page } = await openFlow('face-only', lang, via);
    await page.getByRole('button', { name: t.check }).click();
    await authRow(page).waitFor();
    // No PIN is set: nothing can be tested, and nothing is ever sent.
    assert.equal(await page.getByRole('button', { name: t.testPin }).count(), 0);
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await page.locator('[data-situation="E10"]').waitFor();
    await axe(page, 'R2 face-only');
    await screenshot(page, `flows-insurance-face-only-${lang}${suffix(via)}`);
    await page.close();
  });

  test(`PIN test: tries first, a wrong PIN shows the tries left, nothing leaks (${lang}${on})`, async () => {
    const { page, consoleLines } = await openFlow('standard', lang, via);
    await page.getByRole('button', { name: t.check }).click();
    await page.getByRole('button', { name: t.testPin }).click();
    // The tries left are shown before anything can be typed.
    const tries = page.locator('[data-situation="pin-test-tries"] .pin-tries');
    await tries.waitFor();
    assert.equal(await tries.textContent(), t.triesAuth3);
    await axe(page, 'R1 PIN test confirm');
    await page.getByRole('button', { name: t.confirmTest }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.equal(await dialog.locator('.pin-tries').textContent(), t.triesAuth3);
    await axe(page, 'R1 PIN dialog');
    const distinctive = '7531';
    await page.keyboard.type(distinctive);
    await page.keyboard.press('Enter');
    await page.locator('[data-situation="pin-test-wrong"]', { hasText: t.wrong2 }).waitFor();
    assert.equal(await authRow(page).textContent(), lang === 'ja' ? '残り2回' : '2 tries left');
    await axe(page, 'R1 PIN wrong');
    await screenshot(page, `flows-insurance-wrong-pin-${lang}${suffix(via)}`);
    await assertNoLeak(page, consoleLines, distinctive);
    await page.close();
  });

  test(`last try: nothing is sent without the confirmation, then the lock is explained (${lang}${on})`, async () => {
    const { page, consoleLines } = await openFlow('auth-one-try', lang, via);
    await page.getByRole('button', { name: t.check }).click();
    await authRow(page).waitFor();
    assert.equal(await authRow(page).textContent(), t.tries1);
    await page.getByRole('button', { name: t.testPin }).click();
    assert.equal(await page.locator('[data-situation="pin-test-tries"] .pin-tries').textContent(), t.tries1);
    await page.getByRole('button', { name: t.confirmTest }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(t.lastTry).waitFor();
    await axe(page, 'R1 last-try dialog');
    await screenshot(page, `flows-insurance-last-try-${lang}${suffix(via)}`);
    const distinctive = '9517';
    await page.locator('#pin-input').fill(distinctive);
    await dialog.getByRole('button', { name: t.submit, exact: true }).click();
    // Unconfirmed: the guard sent nothing, the card still has its one try.
    await page.locator('[data-situation="last-try-unconfirmed"]').waitFor();
    assert.equal(await authRow(page).textContent(), t.tries1);
    await assertNoLeak(page, consoleLines, distinctive);

    // Confirmed this time: the wrong PIN locks it, and the flow explains the municipal window.
    await page.getByRole('button', { name: t.testPin }).click();
    await page.getByRole('button', { name: t.confirmTest }).click();
    await page.locator('#pin-input').fill(distinctive);
    await page.getByRole('dialog').getByRole('checkbox').check();
    await page.getByRole('dialog').getByRole('button', { name: t.submit, exact: true }).click();
    await page.locator('[data-situation="pin-test-wrong"]', { hasText: t.lockedNow }).waitFor();
    assert.equal(await authRow(page).textContent(), t.blockedRow);
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await page.locator('[data-situation="E2"]').waitFor();
    await assertNoLeak(page, consoleLines, distinctive);
    await page.close();
  });
}
