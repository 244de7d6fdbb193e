// 公金受取口座 (flows.md §2, screens A0–A8 of §2.6) on the demo card and the virtual RC-S300:
// register with an ordinary bank (みずほ 0001, chosen by keyboard), ゆうちょ by 記号・番号 (§2.4,
// soft check digit as a warning only), a holder name that needs normalisation (hiragana,
// full-width space, small kana) and one with a kanji (named), a surname reading that does not
// match (the statement is still required, never a block), the printable copy sheet, and the
// confirm mode with a branch missing from current data (§2.5 staleness message). ja and en;
// axe-core on every screen; the network log shows no bank data before the flow needs it and a
// branch file only for the bank chosen.
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

const T = {
  ja: {
    begin: '始める',
    readCard: 'カードを読む',
    tries3: '残り3回',
    next: '次へ',
    makeSheet: '控えを作る',
    statementRequired: '「この口座は私本人の名義です」を確かめて、チェックしてください。',
    footer: '金融機関データ: 2026-08-24',
    futsu: '普通',
    toza: '当座',
    check: '確かめる',
    branchGone: '支店の統合などで口座が無効になっている可能性があります。マイナポータルで口座を登録し直してください。',
    looksFine: '今の金融機関データでは、問題は見つかりませんでした。',
    noReading: 'カードにふりがながないため、口座名義があなたのものかは自動では確かめられません。名義があなた本人のものか、ご自身で確かめてください。',
    kanjiRejected: '1文字目の「見」は口座名義に使えない文字です。通帳やキャッシュカードのとおりに、カナで入力してください。',
    checkDigit: '番号をもう一度ご確認ください。記号の確認用の数字と合いません(このまま進むこともできます)。',
    sheet: ['金融機関0001 みずほ', '支店001 東京営業部', '預金種目普通', '口座番号0001234', '口座名義(カナ)ﾐﾎﾝ ﾀﾛｳ'],
  },
  en: {
    begin: 'Start',
    readCard: 'Read the card',
    tries3: '3 tries left',
    next: 'Next',
    makeSheet: 'Make the copy sheet',
    statementRequired: 'Check the statement “This account is in my own name” first.',
    footer: 'Bank data: 2026-08-24',
    futsu: '普通 (ordinary)',
    toza: '当座 (current)',
    check: 'Check',
    branchGone:
      'The branch is no longer in current bank data: after a merger the registration may have become invalid. Register the account again on Mynaportal.',
    looksFine: 'Nothing wrong was found with current bank data.',
    noReading:
      'The card holds no reading of your name, so the holder name cannot be compared automatically: make sure the account is in your own name.',
    kanjiRejected: 'Character 1, “見”, cannot be used in the holder name. Type the name in kana, as on your passbook or cash card.',
    checkDigit:
      'Please check the number again: it does not agree with the check digit of the 記号 (you may still continue).',
    sheet: [
      'Bank9900 ゆうちょ',
      'Branch058 〇五八',
      'Account type普通 (ordinary)',
      'Account number1234567',
      'Holder name (kana)ﾔﾏﾀﾞ ｷﾖｳｺ',
    ],
  },
};

const screen = (page, id) => page.locator(`.page-account[data-step="${id}"]`).waitFor();

/** Every bank-data file the page asked for, in order (paths relative to the server). */
function bankRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('bank-data')) seen.push(path.replace(/^\//, ''));
  });
  return seen;
}

async function openAccount(persona, lang, via = 'demo') {
  const { page, consoleLines } = await openFlow_({ browser, server, flowPage: 'account', persona, lang, via });
  return { page, consoleLines };
}

/** A0 → A1 → PIN dialog (card-info PIN 1234) → A2 with the name shown. */
async function readIdentity(page, t, name) {
  await screen(page, 'a0');
  await page.getByRole('button', { name: t.begin, exact: true }).click();
  await screen(page, 'a1');
  await page.getByRole('button', { name: t.readCard, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.locator('.pin-tries').textContent(), t.tries3);
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await screen(page, 'a2');
  assert.equal(await page.locator('.account-name').textContent(), name);
}

test('no bank data is downloaded on the home page or before a mode is chosen; the footer names the data date', async () => {
  const page = await browser.context.newPage();
  const seen = bankRequests(page);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.locator('.bank-data-date').textContent(), T.ja.footer);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  assert.equal(await page.locator('.bank-data-date').textContent(), T.en.footer);
  await page.locator('.page-nav button[data-page="account"]').click();
  await screen(page, 'a0');
  await page.getByRole('button', { name: T.en.begin, exact: true }).click();
  await screen(page, 'a1');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(seen, []);
  // やさしい日本語: every kanji of the rules carries its reading.
  await page.getByRole('button', { name: 'やさしい にほんご', exact: true }).click();
  await page.getByRole('button', { name: T.en.begin, exact: true }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('.page-account h2 ruby').first().textContent(), '公金こうきん');
  await axe(page, 'A1 easy Japanese');
  await screenshot(page, 'account-a1-easy');
  await page.close();
});

test('register with みずほ by keyboard: padded number, holder normalised, kanji named, copy sheet prints alone (ja)', async () => {
  const t = T.ja;
  const { page, consoleLines } = await openAccount('standard', 'ja');
  const seen = bankRequests(page);
  await axe(page, 'A0 ja');
  await screenshot(page, 'account-a0-ja');
  await readIdentity(page, t, '見本　太郎');
  await axe(page, 'A2 ja');
  await page.locator('button[data-mode="register"]').click();
  await screen(page, 'a3');
  const search = page.locator('#account-bank-search');
  await search.waitFor();
  await search.focus();
  await page.keyboard.type('みずほ');
  await page.locator('#account-bank-search-option-0[data-code="0001"]').waitFor();
  await axe(page, 'A3 ja');
  await screenshot(page, 'account-a3-bank-ja');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'account-bank-search-option-0');
  await page.keyboard.press('Enter');
  await screen(page, 'a4');
  assert.equal(await page.locator('.chosen-bank').textContent(), '0001 みずほ');
  const branch = page.locator('#account-branch-search');
  await branch.waitFor();
  // A name typed but not chosen is not a branch: the page asks to choose one.
  await branch.fill('東京');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  assert.equal(await page.locator('.account-screen .field-error').textContent(), '支店を候補から選ぶか、3桁の支店コードを入力してください。');
  await branch.fill('とうきよう');
  await page.locator('#account-branch-search-option-0[data-code="001"]').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.chosen-branch').textContent(), '001 東京営業部');
  // The keyboard continues where the choice is shown.
  assert.equal(await page.evaluate(() => document.activeElement.className), 'branch-choice');
  await page.locator('#account-number').fill('１２３４');
  assert.equal(await page.locator('.number-preview').textContent(), '0001234');
  await axe(page, 'A4 ja');
  await screenshot(page, 'account-a4-ja');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a5');
  const holder = page.locator('#account-holder');
  await holder.fill('見本タロウ');
  await page.locator('.account-problem', { hasText: t.kanjiRejected }).waitFor();
  assert.equal(await page.getByRole('button', { name: t.next, exact: true }).isDisabled(), true);
  await holder.fill('みほん　たろう');
  assert.equal(await page.locator('.holder-preview').textContent(), 'ﾐﾎﾝ ﾀﾛｳ');
  assert.equal(await page.locator('.account-problem').count(), 0);
  await page.locator('#account-surname').fill('みほん');
  await page.locator('[data-situation="surname-matches"]').waitFor();
  await axe(page, 'A5 ja');
  await screenshot(page, 'account-a5-ja');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a6');
  await page.getByRole('button', { name: t.makeSheet, exact: true }).click();
  assert.equal(await page.locator('.account-screen .field-error').textContent(), t.statementRequired);
  await page.locator('#own-name-statement').check();
  await axe(page, 'A6 ja');
  await page.getByRole('button', { name: t.makeSheet, exact: true }).click();
  await screen(page, 'a7');
  const lines = await page.locator('.copy-sheet-lines li').evaluateAll((lis) => lis.map((li) => li.textContent));
  assert.deepEqual(lines, t.sheet);
  await axe(page, 'A7 ja');
  await screenshot(page, 'account-a7-sheet-ja');
  // Printed: the sheet alone — no navigation, no buttons, no page intro.
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.page-nav', '.account-screen .actions', '.page-account > p', '.step-indicator', '#page-title']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, hidden);
  }
  assert.equal(await page.locator('.copy-sheet').isVisible(), true);
  await screenshot(page, 'account-a7-print-ja');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(seen, ['bank-data/banks.json', 'bank-data/branches/0001.json']);
  assert.equal(consoleLines.filter((line) => line.includes('1234')).length, 0);
  await page.close();
});

test('ゆうちょ by 記号・番号 on the virtual RC-S300: conversion preview, soft check digit, mismatching surname needs the statement (en)', async () => {
  const t = T.en;
  const { page } = await openAccount('standard', 'en', 'rcs300');
  const seen = bankRequests(page);
  await readIdentity(page, t, '見本　太郎');
  await page.locator('button[data-mode="register"]').click();
  await screen(page, 'a3');
  await page.locator('button.account-yucho').click();
  await screen(page, 'a3y');
  await page.locator('#account-kigou').fill('１０５３０');
  await page.locator('#account-bangou').fill('12345671');
  assert.equal(await page.locator('.yucho-branch').textContent(), '058 〇五八店');
  assert.equal(await page.locator('.yucho-type').textContent(), t.futsu);
  assert.equal(await page.locator('.yucho-number').textContent(), '1234567');
  await axe(page, 'A3y en');
  await screenshot(page, `account-a3y-en${suffix('rcs300')}`);
  await page.getByRole('button', { name: 'Convert and continue', exact: true }).click();
  await screen(page, 'a5');
  assert.equal(await page.locator('[data-situation="yucho-check-digit"]').textContent(), t.checkDigit);
  assert.equal(await page.locator('.so-far-branch').textContent(), '058 〇五八');
  await page.locator('#account-holder').fill('やまだ　きょうこ');
  assert.equal(await page.locator('.holder-preview').textContent(), 'ﾔﾏﾀﾞ ｷﾖｳｺ');
  await page.locator('#account-surname').fill('みほん');
  await page.locator('[data-situation="surname-differs"]').waitFor();
  await axe(page, 'A5 en surname differs');
  await screenshot(page, `account-a5-surname-differs-en${suffix('rcs300')}`);
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a6');
  await page.locator('[data-situation="own-name-warning"]').waitFor();
  await page.getByRole('button', { name: t.makeSheet, exact: true }).click();
  assert.equal(await page.locator('.account-screen .field-error').textContent(), t.statementRequired);
  await page.locator('#own-name-statement').check();
  await page.getByRole('button', { name: t.makeSheet, exact: true }).click();
  await screen(page, 'a7');
  const lines = await page.locator('.copy-sheet-lines li').evaluateAll((lis) => lis.map((li) => li.textContent));
  assert.deepEqual(lines, t.sheet);
  await screenshot(page, `account-a7-sheet-en${suffix('rcs300')}`);
  assert.deepEqual(seen, ['bank-data/banks.json', 'bank-data/branches/9900.json']);
  await page.close();
});

test('bank names typed as people write them (UFJ, PayPay銀行, みずほ銀行) are found; back from the holder name keeps bank, branch and number; a holder edited after the surname reading is compared again (ja)', async () => {
  const t = T.ja;
  const { page } = await openAccount('standard', 'ja');
  await readIdentity(page, t, '見本　太郎');
  await page.locator('button[data-mode="register"]').click();
  await screen(page, 'a3');
  const search = page.locator('#account-bank-search');
  await search.waitFor();
  const codes = () =>
    page.locator('[id^="account-bank-search-option-"]').evaluateAll((options) => options.map((o) => o.dataset.code));
  // The data writes 三菱ＵＦＪ and ＰａｙＰａｙ in full-width letters and leaves out 銀行.
  for (const [query, expected] of [
    ['UFJ', ['0005', '0288']],
    ['三菱UFJ銀行', ['0005', '0288']],
    ['paypay', ['0033']],
    ['PayPay銀行', ['0033']],
    ['みずほ銀行', ['0001', '0289', '4859']],
  ]) {
    await search.fill(query);
    await page.locator('#account-bank-search-option-0').waitFor();
    assert.deepEqual(await codes(), expected, query);
  }
  await search.fill('三菱UFJ銀行');
  await page.locator('#account-bank-search-option-0[data-code="0005"]').click();
  await screen(page, 'a4');
  const branch = page.locator('#account-branch-search');
  await branch.waitFor();
  await branch.fill('本店');
  await page.locator('#account-branch-search-option-0').click();
  const chosen = await page.locator('.chosen-branch').textContent();
  await page.locator('#account-number').fill('7654321');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a5');
  // A wrong number seen on the holder screen is corrected one screen back, where bank, branch
  // and number are still as entered.
  await page.locator('.account-back').click();
  await screen(page, 'a4');
  assert.equal(await page.locator('.chosen-bank').textContent(), '0005 三菱ＵＦＪ');
  assert.equal(await page.locator('.chosen-branch').textContent(), chosen);
  assert.equal(await page.locator('#account-number').inputValue(), '7654321');
  await page.locator('#account-number').fill('7654320');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a5');
  assert.equal(await page.locator('.so-far-number').textContent(), '7654320');
  // The surname reading typed first is compared with a holder name edited afterwards: a family
  // member's name typed last is still warned about, here and on the review.
  await page.locator('#account-holder').fill('みほん　たろう');
  await page.locator('#account-surname').fill('みほん');
  await page.locator('[data-situation="surname-matches"]').waitFor();
  await page.locator('#account-holder').fill('やまだ　はなこ');
  await page.locator('[data-situation="surname-differs"]').waitFor();
  assert.equal(await page.locator('#account-surname').inputValue(), 'みほん');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a6');
  await page.locator('[data-situation="own-name-warning"]').waitFor();
  await page.close();
});

for (const lang of ['ja', 'en']) {
  test(`confirm mode: a branch missing from current data says the account may be invalid; a current one looks fine (${lang})`, async () => {
    const t = T[lang];
    const { page } = await openAccount('standard', lang);
    const seen = bankRequests(page);
    await readIdentity(page, t, '見本　太郎');
    await page.locator('button[data-mode="confirm"]').click();
    await screen(page, 'a8');
    const checkButton = page.getByRole('button', { name: t.check, exact: true });
    await page.waitForFunction(() => !document.querySelector('.page-account button[type="submit"]').disabled);
    await page.locator('#confirm-bank').fill('0001');
    assert.equal(await page.locator('.confirm-bank-name').textContent(), 'みずほ');
    await page.locator('#confirm-branch').fill('999');
    await page.locator('#confirm-number').fill('1234567');
    await page.locator('#confirm-holder').fill('ﾐﾎﾝ ﾀﾛｳ');
    await checkButton.click();
    await page.locator('.branch-gone', { hasText: t.branchGone }).waitFor();
    await page.getByRole('button', { name: lang === 'ja' ? '別の口座に変更する' : 'Change the account', exact: true }).waitFor();
    await axe(page, `A8 branch gone ${lang}`);
    await screenshot(page, `account-a8-branch-gone-${lang}`);
    await page.locator('#confirm-branch').fill('001');
    await checkButton.click();
    await page.locator('[data-situation="looks-fine"]', { hasText: t.looksFine }).waitFor();
    // The demo card has no reading: the holder name could not be compared, and the page says so.
    assert.equal(await page.locator('[data-situation="own-name-unchecked"]').textContent(), t.noReading);
    await screenshot(page, `account-a8-looks-fine-${lang}`);
    // Once a field is edited, "nothing wrong was found" no longer applies: it is gone until the
    // new values are checked.
    await page.locator('#confirm-branch').fill('999');
    assert.equal(await page.locator('.confirm-verdict').textContent(), '');
    // "Needs change" leads into change mode, which starts at the bank picker.
    await checkButton.click();
    await page.locator('.branch-gone').waitFor();
    await page.getByRole('button', { name: lang === 'ja' ? '別の口座に変更する' : 'Change the account', exact: true }).click();
    await page.locator('.page-account[data-step="a3"][data-mode="change"]').waitFor();
    await page.locator('#account-bank-search').waitFor();
    assert.deepEqual(seen, ['bank-data/banks.json', 'bank-data/branches/0001.json']);
    await page.close();
  });
}

test('bank data that fails to load (offline, HTTP 404) is named with a retry, and nothing typed is lost (ja)', async () => {
  const t = T.ja;
  const { page } = await openAccount('standard', 'ja');
  let indexFailures = 1;
  await page.route('**/bank-data/banks.json', (route) =>
    indexFailures-- > 0 ? route.abort('internetdisconnected') : route.continue(),
  );
  let branchFailures = 1;
  await page.route('**/bank-data/branches/0001.json', (route) =>
    branchFailures-- > 0 ? route.fulfill({ status: 404, body: 'not found' }) : route.continue(),
  );
  await readIdentity(page, t, '見本　太郎');
  await page.locator('button[data-mode="register"]').click();
  const failed = page.locator('[data-situation="bank-data-failed"]');
  await failed.waitFor();
  assert.match(await failed.locator('.mono').textContent(), /^bank-data\/banks\.json: the request failed/);
  await axe(page, 'A3 data failed ja');
  await screenshot(page, 'account-a3-data-failed-ja');
  await failed.getByRole('button', { name: 'もう一度読み込む' }).click();
  await page.locator('#account-bank-search').fill('0001');
  await page.locator('#account-bank-search-suggestions button[data-code="0001"]').click();
  await screen(page, 'a4');
  await failed.waitFor();
  assert.equal(await failed.locator('.mono').textContent(), 'bank-data/branches/0001.json: the server answered HTTP 404');
  await page.locator('#account-number').fill('7654321');
  await failed.getByRole('button', { name: 'もう一度読み込む' }).click();
  await page.locator('#account-branch-search').fill('001');
  await page.locator('#account-branch-search-suggestions button[data-code="001"]').click();
  assert.equal(await page.locator('#account-number').inputValue(), '7654321');
  await page.getByRole('button', { name: t.next, exact: true }).click();
  await screen(page, 'a5');
  assert.equal(await page.locator('.so-far-number').textContent(), '7654321');
  await page.close();
});
