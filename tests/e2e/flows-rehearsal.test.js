// Clinic-reception consent rehearsal (flows.md §1B) in demo mode and on the virtual RC-S300, in
// Japanese and English: the 39-year-old is not asked consent ②, the 40-year-old is; the age comes
// from 基本4情報 read with the card-info PIN. Practice mode never touches the card, and the distinctive practice PIN
// typed in the test appears nowhere. axe-core runs on every screen.
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
  openFlow_({ browser, server, flowPage: 'rehearsal', persona, lang, via });

const T = {
  ja: {
    read: 'カードを読み取る',
    face: '顔認証',
    faceExplain: '顔認証は医療機関のカードリーダーでのみ使えます。ここでは4桁の暗証番号で練習できます。',
    pinChoice: '暗証番号(数字4桁)',
    enterPin: '暗証番号を入力する',
    agree: '同意する',
    fromCard: 'カードから生年月日を読む(券面事項入力補助用の暗証番号)',
    checkupTitle: '特定健診の結果を医師などと共有することに同意しますか(40〜74歳の方)',
    highCost: '限度額情報について',
    seedSwitch: '以前の画面の質問も表示する(古い案内を見た方向け)',
    notProvide: '提供しない',
    next: '次へ',
    done: '受付完了。カードをお取りください',
    age: { age39: '39歳', age40: '40歳' },
    checkup: { age39: '聞かれません(40歳未満)', age40: '同意した' },
    treatment: '同意した',
    tries3: '残り3回',
    practice: 'カードを使わずに練習する',
    withoutCard: 'カードなしで進む',
    modePractice: 'カードを使わずに練習',
    wrongKind: 'ここでは数字4桁の暗証番号です。',
    use: 'この生年月日を使う',
  },
  en: {
    read: 'Read the card',
    face: 'Face recognition',
    faceExplain: "Face recognition works only on the clinic's card reader. Here you can practise with the 4-digit PIN.",
    pinChoice: '4-digit PIN',
    enterPin: 'Enter the PIN',
    agree: 'I agree',
    fromCard: 'Read the date of birth from the card (card-information PIN)',
    checkupTitle: 'Do you consent to sharing your specific health checkup (特定健診) results? (ages 40–74)',
    highCost: 'About the high-cost limit',
    seedSwitch: "Also show the older screen's question (for people using older leaflets)",
    notProvide: 'Do not provide',
    next: 'Next',
    done: 'Reception complete. Please take your card',
    age: { age39: '39', age40: '40' },
    checkup: { age39: 'Not asked (under 40)', age40: 'Agreed' },
    treatment: 'Agreed',
    tries3: '3 tries left',
    practice: 'Practise without the card',
    withoutCard: 'Continue without a card',
    modePractice: 'Without the card',
    wrongKind: 'This step needs the 4-digit PIN.',
    use: 'Use this date',
  },
};

const row = (page, key) => page.locator(`.page-rehearsal dd[data-row="${key}"]`);

for (const lang of ['ja', 'en']) {
  const t = T[lang];
  for (const [persona, via] of [['age39', 'demo'], ['age40', 'demo'], ['age39', 'rcs300'], ['age40', 'rcs300']]) {
    const on = via === 'demo' ? '' : `, ${via}`;
    test(`rehearsal with the card, ${persona}: consent ② ${persona === 'age40' ? 'asked' : 'not asked'} (${lang}${on})`, async () => {
      const { page } = await openFlow(persona, lang, via);
      await axe(page, 'C1 place the card');
      await page.getByRole('button', { name: t.read, exact: true }).click();

      // C2: face is unavailable here and says why; the PIN goes on.
      const face = page.getByRole('button', { name: t.face, exact: true });
      await face.waitFor();
      assert.equal(await face.getAttribute('aria-disabled'), 'true');
      // Still focusable and operable by keyboard, so the explanation can be reached.
      await face.focus();
      await page.keyboard.press('Enter');
      await page.locator('[data-situation="face-explained"]', { hasText: t.faceExplain }).waitFor();
      await axe(page, 'C2 identity');
      if (persona === 'age39') await screenshot(page, `flows-rehearsal-identity-${lang}${suffix(via)}`);
      await page.getByRole('button', { name: t.pinChoice, exact: true }).click();

      // C3: the tries are shown before the dialog; the PIN goes to the card.
      await page.getByText(t.tries3).first().waitFor();
      await axe(page, 'C3 PIN');
      await page.getByRole('button', { name: t.enterPin }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.type('1234');
      await page.keyboard.press('Enter');

      // C4: consent ①.
      await page.getByRole('button', { name: t.agree, exact: true }).waitFor();
      await axe(page, 'C4 consent 1');
      await page.getByRole('button', { name: t.agree, exact: true }).click();

      // C5: the date of birth from 基本4情報 with the card-info PIN.
      await page.getByRole('button', { name: t.fromCard }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      assert.equal(await dialog.locator('.pin-tries').textContent(), t.tries3);
      await page.keyboard.type('1234');
      await page.keyboard.press('Enter');

      if (persona === 'age40') {
        // C6: 40 on the visit day → consent ② (metabolic checkups).
        await page.getByRole('heading', { name: t.checkupTitle }).waitFor();
        await axe(page, 'C6 consent 2');
        await screenshot(page, `flows-rehearsal-consent2-${lang}${suffix(via)}`);
        await page.getByRole('button', { name: t.agree, exact: true }).click();
      }
      // C7: information, with the seed-style question behind a switch.
      await page.getByRole('heading', { name: t.highCost }).waitFor();
      assert.equal(await page.getByRole('heading', { name: t.checkupTitle }).count(), 0);
      await page.getByRole('checkbox', { name: t.seedSwitch }).check();
      await page.getByRole('radio', { name: t.notProvide }).check();
      await axe(page, 'C7 high-cost');
      await page.getByRole('button', { name: t.next, exact: true }).click();

      // C8: done, and the printable summary.
      await page.getByText(t.done).waitFor();
      assert.equal(await row(page, 'treatment').textContent(), t.treatment);
      assert.equal(await row(page, 'age').textContent(), t.age[persona]);
      assert.equal(await row(page, 'checkup').textContent(), t.checkup[persona]);
      assert.equal(await row(page, 'high-cost').textContent(), t.notProvide);
      await axe(page, 'C8 done');
      await screenshot(page, `flows-rehearsal-done-${persona}-${lang}${suffix(via)}`);
      // The printed summary is the procedure alone: no navigation, reader panel or buttons.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.page-nav').isVisible(), false);
      assert.equal(await page.locator('.reader-panel').isVisible(), false);
      assert.equal(await page.getByRole('button', { name: t.next, exact: true }).count(), 0);
      assert.equal(await page.locator('.page-rehearsal .actions').isVisible(), false);
      assert.equal(await page.locator('.page-rehearsal .summary').isVisible(), true);
      if (persona === 'age40') await screenshot(page, `flows-rehearsal-print-${lang}${suffix(via)}`);
      await page.emulateMedia({ media: 'screen' });
      await page.close();
    });
  }

  test(`practice without the card: typed PIN and date, nothing leaks (${lang})`, async () => {
    const { page, consoleLines } = await openFlow('standard', lang);
    await page.getByRole('checkbox', { name: t.practice }).check();
    await page.getByRole('button', { name: t.withoutCard }).click();
    await page.getByRole('button', { name: t.pinChoice, exact: true }).click();
    // A value of the wrong kind is refused locally (E3).
    await page.locator('#practice-pin').fill('12ab');
    await page.locator('#practice-pin').press('Enter');
    await page.locator('#practice-pin-error', { hasText: t.wrongKind }).waitFor();
    await axe(page, 'C3 practice PIN');
    await screenshot(page, `flows-rehearsal-practice-pin-${lang}`);
    const distinctive = '8642';
    await page.locator('#practice-pin').fill(distinctive);
    await page.locator('#practice-pin').press('Enter');
    await page.getByRole('button', { name: t.agree, exact: true }).click();
    await page.locator('#birth-date').fill('1986-12-04');
    await page.getByRole('button', { name: t.use }).click();
    await page.getByRole('heading', { name: t.highCost }).waitFor();
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await page.getByText(t.done).waitFor();
    assert.equal(await row(page, 'mode').textContent(), t.modePractice);
    assert.equal(await row(page, 'age').textContent(), t.age.age39);

    const html = await page.content();
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!html.includes(distinctive), 'the PIN is in the DOM');
    assert.ok(!storage.includes(distinctive), 'the PIN is in web storage');
    assert.ok(!page.url().includes(distinctive), 'the PIN is in the URL');
    assert.ok(!consoleLines.some((line) => line.includes(distinctive)), 'the PIN is in the console');
    await page.close();
  });
}

test('keyboard only: the whole practice rehearsal with Tab, Space, Enter and typing (ja)', async () => {
  const { page } = await openFlow('standard', 'ja');
  const active = () => page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim());
  // Navigation put the focus on the page's heading.
  assert.equal(await active(), 'page-title');
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'practice-switch');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'カードなしで進む');
  await page.keyboard.press('Enter');
  // C2: focus moved to the new screen; the face button is reachable and explains itself.
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'practice-switch');
  await page.keyboard.press('Tab');
  assert.equal(await active(), '顔認証');
  await page.keyboard.press('Tab');
  assert.equal(await active(), '暗証番号(数字4桁)');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'practice-pin');
  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await active(), '同意する');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'birth-date');
  await page.keyboard.type('1986-12-03');
  await page.keyboard.press('Enter');
  // 40 on the visit day: consent ②.
  await page.keyboard.press('Tab');
  assert.equal(await active(), '同意する');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await active(), 'seed-style-switch');
  await page.keyboard.press('Tab');
  assert.equal(await active(), '次へ');
  await page.keyboard.press('Enter');
  await page.getByText('受付完了。カードをお取りください').waitFor();
  assert.equal(await row(page, 'age').textContent(), '40歳');
  assert.equal(await row(page, 'checkup').textContent(), '同意した');
  assert.equal(await row(page, 'mode').textContent(), 'カードを使わずに練習');
  await page.close();
});
