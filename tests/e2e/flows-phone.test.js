// Smartphone-certificate helper (flows.md §4.2): one question per screen; lost (suspend by phone:
// the free dial as a tel: link, menu ② in large type, the hours and the 24-hour note), sold and
// repair (revoke on that phone, no call), forgotten password (menu ④, opening hours only), found
// again, and the card lost too. ja and en; axe-core on every screen; the printed page shows the
// answer without controls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launchBrowser, screenshot } from './harness.js';
import { axe, TODAY } from './flows.js';

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

const LANG_BUTTON = { ja: '日本語', en: 'English' };

async function open(lang) {
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(TODAY);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (lang !== 'ja') await page.getByRole('button', { name: LANG_BUTTON[lang], exact: true }).click();
  await page.locator('.page-nav button[data-page="phone"]').click();
  await page.locator('.page-phone').waitFor();
  return page;
}

const T = {
  ja: {
    next: '次へ',
    back: '戻る',
    what: 'スマートフォンをどうしますか(どうなりましたか)?',
    answer: 'すること',
    hours2:
      '平日 9:30〜20:00、土日祝 9:30〜17:30(年末年始を除く)。音声案内で2番を選んでください。',
    hours4:
      '平日 9:30〜20:00、土日祝 9:30〜17:30(年末年始を除く)。音声案内で4番を選んでください。',
    allDay: '一時利用停止は24時間365日受付',
    sold: '手放す前に、そのスマートフォンのマイナポータルアプリで、スマホ用電子証明書を本人が失効させてください。お店の人が代わりにすることはできません。',
    repair: '修理に出す前に、そのスマートフォンのマイナポータルアプリで失効させてください。修理から戻ったら、もう一度申し込めます。',
    cardLost: 'カードもなくしたときは、同じ番号に電話してカードの電子証明書も止めてもらい、お住まいの市区町村にも届け出てください。',
    print: 'このページを印刷する',
  },
  en: {
    next: 'Next',
    back: 'Back',
    what: 'What is happening to the phone?',
    answer: 'What to do',
    hours2: 'Weekdays 9:30–20:00, weekends and holidays 9:30–17:30 (closed over New Year). Choose 2 in the menu.',
    hours4: 'Weekdays 9:30–20:00, weekends and holidays 9:30–17:30 (closed over New Year). Choose 4 in the menu.',
    allDay: 'Suspension: 24 hours a day, 365 days a year',
    sold: 'Before handing the phone over, revoke the smartphone certificate yourself in the Mynaportal app on that phone. Shop staff are not allowed to do it for you.',
    repair: 'Before sending it for repair, revoke the certificate in the Mynaportal app on that phone. After the repair you can apply again.',
    cardLost: "Since the card is lost too, call the same number to have the card's certificates suspended as well, and tell your municipality.",
    print: 'Print this page',
  },
};

/** Waits for question `id`, picks `value`, and goes on with Next. */
async function answer(page, id, value, t) {
  const step = page.locator(`.page-phone form.wizard-step[data-question="${id}"]`);
  await step.waitFor();
  await step.locator(`input[type="radio"][value="${value}"]`).check();
  await step.getByRole('button', { name: t.next, exact: true }).click();
}

const calls = (page) =>
  page.locator('.phone-answer .call-box').evaluateAll((boxes) =>
    boxes.map((box) => ({
      href: box.querySelector('a.tel')?.getAttribute('href'),
      number: box.querySelector('a.tel')?.textContent,
      menu: box.querySelector('.menu-digit')?.textContent,
      hours: box.querySelector('.call-hours')?.textContent,
      allDay: box.querySelector('.around-the-clock')?.textContent ?? null,
    })),
  );

for (const lang of ['ja', 'en']) {
  const t = T[lang];

  test(`phone: lost → suspend by calling 0120-95-0178, menu 2, around the clock; the card lost too (${lang})`, async () => {
    const page = await open(lang);
    await page.getByRole('heading', { name: t.what }).waitFor();
    await axe(page, 'what happened');
    await answer(page, 'what-happened', 'lost', t);
    // Focus follows to the new question's heading.
    await page.locator('form.wizard-step[data-question="already-suspended"]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'phone-question');
    await axe(page, 'already suspended');
    await answer(page, 'already-suspended', 'no', t);
    await answer(page, 'card-also-lost', 'yes', t);
    await page.locator('.phone-answer[data-advice="call-to-suspend"]').waitFor();
    assert.deepEqual(await calls(page), [
      { href: 'tel:0120950178', number: '0120-95-0178', menu: '2', hours: t.hours2, allDay: t.allDay },
    ]);
    await page.locator('[data-card-also-lost="true"]', { hasText: t.cardLost }).waitFor();
    // The menu digit is shown in very large type.
    const size = await page.locator('.menu-digit').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 48, `menu digit ${size}px`);
    await axe(page, 'answer: suspend');
    await screenshot(page, `flows-phone-lost-${lang}`);
    // Printed: the answer and the number, no navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.call-box').isVisible(), true);
    assert.equal(await page.getByRole('button', { name: t.print }).isVisible(), false);
    assert.equal(await page.locator('.page-nav').isVisible(), false);
    await screenshot(page, `flows-phone-lost-print-${lang}`);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  test(`phone: sold → revoke on that phone before handing it over, no call (${lang})`, async () => {
    const page = await open(lang);
    await answer(page, 'what-happened', 'sold', t);
    await answer(page, 'card-also-lost', 'no', t);
    await page.locator('.phone-answer[data-advice="revoke-sold"]').waitFor();
    assert.equal(await page.locator('.phone-answer p.advice').first().textContent(), t.sold);
    assert.deepEqual(await calls(page), []);
    await axe(page, 'answer: sold');
    await screenshot(page, `flows-phone-sold-${lang}`);
    await page.close();
  });

  test(`phone: repair → revoke first, re-apply after; back goes to the previous question (${lang})`, async () => {
    const page = await open(lang);
    await answer(page, 'what-happened', 'repair', t);
    await answer(page, 'card-also-lost', 'no', t);
    await page.locator('.phone-answer[data-advice="revoke-repair"]').waitFor();
    assert.equal(await page.locator('.phone-answer p.advice').first().textContent(), t.repair);
    assert.deepEqual(await calls(page), []);
    await axe(page, 'answer: repair');
    await screenshot(page, `flows-phone-repair-${lang}`);
    // Back shows each question with the answer given there.
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.locator('form.wizard-step[data-question="card-also-lost"]').waitFor();
    assert.equal(await page.locator('.wizard-step input[value="no"]').isChecked(), true);
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.locator('form.wizard-step[data-question="what-happened"]').waitFor();
    assert.equal(await page.locator('.wizard-step input[value="repair"]').isChecked(), true);
    await page.close();
  });
}

test('phone: a double click on Next moves one question on — the second click never lands on Back (ja)', async () => {
  const t = T.ja;
  const page = await open('ja');
  const step = page.locator('.page-phone form.wizard-step');
  await step.locator('input[type="radio"][value="lost"]').check();
  // Next stays first from question to question, so the second click of a double click lands
  // on the next question's Next (which asks for an answer), not on its Back.
  await step.getByRole('button', { name: t.next, exact: true }).dblclick();
  await page.locator('form.wizard-step[data-question="already-suspended"]').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await step.getAttribute('data-question'), 'already-suspended');
  assert.deepEqual(await step.locator('.wizard-actions button').allTextContents(), [t.next, t.back]);
  await page.close();
});

test('phone: suspended and found again → lift in the app; forgot the password → menu 4 in opening hours (ja, keyboard)', async () => {
  const t = T.ja;
  const page = await open('ja');
  await answer(page, 'what-happened', 'lost', t);
  await answer(page, 'already-suspended', 'yes', t);
  await answer(page, 'found-again', 'yes', t);
  await answer(page, 'card-also-lost', 'no', t);
  await page.locator('.phone-answer[data-advice="lift-suspension"]').waitFor();
  assert.deepEqual(await calls(page), []);

  await page.getByRole('button', { name: '最初からやり直す' }).click();
  // Keyboard only: Tab from the heading to the radios, arrows to "forgot" (the 6th), Space, Enter.
  await page.locator('form.wizard-step[data-question="what-happened"]').waitFor();
  await page.locator('#phone-question').focus();
  await page.keyboard.press('Tab');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('form.wizard-step[data-question="card-also-lost"]').waitFor();
  await answer(page, 'card-also-lost', 'no', t);
  await page.locator('.phone-answer[data-advice="reset-password"]').waitFor();
  assert.deepEqual(await calls(page), [
    { href: 'tel:0120950178', number: '0120-95-0178', menu: '4', hours: t.hours4, allDay: null },
  ]);
  await page.close();
});

test('phone in やさしい日本語: furigana on the question and the answer, the hours in kana', async () => {
  const page = await open('ja');
  await page.getByRole('button', { name: 'やさしい にほんご', exact: true }).click();
  const t = { next: 'つぎへ' };
  await answer(page, 'what-happened', 'lost', t);
  await page.locator('#phone-question ruby', { hasText: '電話' }).waitFor();
  assert.equal(await page.locator('#phone-question ruby rt').first().textContent(), 'でんわ');
  await answer(page, 'already-suspended', 'no', t);
  await answer(page, 'card-also-lost', 'no', t);
  await page.locator('.phone-answer[data-advice="call-to-suspend"] p.advice ruby', { hasText: '時間' }).waitFor();
  assert.deepEqual(await calls(page), [
    {
      href: 'tel:0120950178',
      number: '0120-95-0178',
      menu: '2',
      hours: 'へいじつ 9:30〜20:00、どようび・にちようび・しゅくじつ 9:30〜17:30(おしょうがつは おやすみ)。2ばんを えらんで ください。',
      // textContent keeps the readings after their kanji (<ruby>手続<rt>てつづ</rt></ruby>き).
      allDay: 'とめる 手続てつづきは 24時間じかん まいにち',
    },
  ]);
  await axe(page, 'answer in やさしい日本語');
  await screenshot(page, 'flows-phone-lost-easy');
  await page.close();
});
