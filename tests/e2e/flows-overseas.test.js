// Overseas-card guidance (flows.md §3): the wizard of §3.2 one question per screen, on its three
// main paths — leaving Japan with a valid card (checklist K, continued use), leaving without one
// (N-domestic), and already abroad without one (N-abroad) — plus the maintenance list (M) and the
// not-eligible end. The continued-use deadline (the day before departure) is shown for an entered
// date against today (2026-12-03, JST). The draft of §3.3 is pre-filled from 基本4情報 read with
// the card-info PIN on the demo card and on the virtual RC-S300; its PIN form is blank and prints
// alone. ja and en; axe-core on every screen.
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
  openFlow_({ browser, server, flowPage: 'overseas', persona, lang, via });

const T = {
  ja: {
    next: '次へ',
    back: '戻る',
    q1: '日本国籍ですか?',
    chooseOne: '答えを1つ選んでください。',
    deadline37: '海外継続利用の手続きは2027年1月9日までです(あと37日)。',
    lastDay: '今日(2026年12月3日)が、海外継続利用の手続きができる最後の日です。',
    passed: '継続利用は転出予定日の前日(2026年12月2日)までです。',
    fromCard: 'カードから読む(券面事項入力補助用の暗証番号)',
    cardRead: 'カードから基本4情報を読みました。',
    tries3: '残り3回',
    tries2: '残り2回',
    wrongPin: '暗証番号が違います。',
    cancel: 'キャンセル',
    born: { standard: '1975年6月15日', age40: '1986年12月3日' },
    male: '男',
    departure: '2027年1月10日',
    embassyMail: '本籍地の市区町村',
    certsYes: '希望する',
    notEligible: '海外向けのマイナンバーカードの対象外です',
    print: '下書きを印刷する',
  },
  en: {
    next: 'Next',
    back: 'Back',
    q1: 'Are you a Japanese national?',
    chooseOne: 'Choose one answer.',
    deadline37: 'The last day for the continued-use procedure is 2027-01-09 (37 days from today).',
    lastDay: 'Today (2026-12-03) is the last day for the continued-use procedure.',
    passed: 'Continued use must be requested by the day before departure (2026-12-02).',
    fromCard: 'Read them from the card (card-information PIN)',
    cardRead: 'The 基本4情報 were read from the card.',
    tries3: '3 tries left',
    tries2: '2 tries left',
    wrongPin: 'Wrong PIN',
    cancel: 'Cancel',
    born: { standard: '1975-06-15', age40: '1986-12-03' },
    male: 'Male',
    departure: '2027-01-10',
    embassyMail: 'The 本籍地 (family-register) municipality',
    certsYes: 'Wanted (希望する)',
    notEligible: 'You cannot get the overseas My Number Card',
    print: 'Print the draft',
  },
};

const NAME = { standard: '見本　太郎', age40: '検証　一郎' };
const ADDRESS = { standard: '東京都見本区見本町１－２－３', age40: '神奈川県見本市検証町５－６' };

const step = (page) => page.locator('.page-overseas form.wizard-step');
const field = (page, key) => page.locator(`.page-overseas .draft-sheet dd[data-field="${key}"]`);

/** Waits for question `id`, picks `value` (a radio), and goes on with Next. */
async function answer(page, id, value, t) {
  await page.locator(`.page-overseas form.wizard-step[data-question="${id}"]`).waitFor();
  await step(page).locator(`input[type="radio"][value="${value}"]`).check();
  await step(page).getByRole('button', { name: t.next, exact: true }).click();
}

/** The checklist's item ids, in order. */
const items = (page) =>
  page.locator('.overseas-checklist li[data-item]').evaluateAll((lis) => lis.map((li) => li.dataset.item));

/** Reads 基本4情報 into the draft with the card-info PIN 1234 (the simulator's). */
async function preFill(page, t) {
  await page.getByRole('button', { name: t.fromCard }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.locator('.pin-tries').textContent(), t.tries3);
  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await page.locator('[data-situation="card-read"]', { hasText: t.cardRead }).waitFor();
}

/** The PIN form of the draft is printed with empty boxes only: no input, no text. */
async function assertBlankPinForm(page) {
  const pins = page.locator('.draft-sheet dd[data-pin]');
  assert.deepEqual(await pins.evaluateAll((dds) => dds.map((dd) => dd.dataset.pin)), ['auth', 'card-info', 'resident', 'sign']);
  assert.deepEqual(await pins.evaluateAll((dds) => dds.map((dd) => dd.textContent)), ['', '', '', '']);
  assert.equal(await page.locator('.draft-sheet input').count(), 0);
  assert.deepEqual(await pins.evaluateAll((dds) => dds.map((dd) => dd.querySelectorAll('.pin-box').length)), [4, 4, 4, 16]);
}

/** In print, only the draft sheet shows: not the questions, checklist, navigation or reader. */
async function assertOnlyTheDraftPrints(page, name) {
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.draft-sheet').isVisible(), true);
  for (const hidden of ['.overseas-checklist', '.page-nav', '.reader-panel', '#page-title', '.draft-inputs', '.site-footer']) {
    assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} prints`);
  }
  await screenshot(page, name);
  await page.emulateMedia({ media: 'screen' });
}

for (const lang of ['ja', 'en']) {
  const t = T[lang];

  test(`overseas: leaving with a valid card → continued use, deadline, draft pre-filled from the demo card (${lang})`, async () => {
    const { page, consoleLines } = await openFlow('standard', lang);
    await page.getByRole('heading', { name: t.q1 }).waitFor();
    await axe(page, 'Q1');
    // Next without an answer names the problem and stays.
    await step(page).getByRole('button', { name: t.next, exact: true }).click();
    await page.getByRole('alert').filter({ hasText: t.chooseOne }).waitFor();
    assert.equal(await step(page).getAttribute('data-question'), 'q1');

    await answer(page, 'q1', 'yes', t);
    // Each step moves focus to the new question's heading.
    await page.locator('form.wizard-step[data-question="q2"]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'overseas-question');
    await answer(page, 'q2', 'yes', t);
    await answer(page, 'q3', 'yes', t);

    // Q4: the deadline follows the entered date: the day before departure, against today.
    await page.locator('form.wizard-step[data-question="q4"]').waitFor();
    const date = page.locator('#departure-date');
    await date.fill('2026-12-03');
    await page.locator('[data-situation="deadline-warning"]', { hasText: t.passed }).waitFor();
    await date.fill('2026-12-04');
    await page.locator('[data-situation="deadline-warning"]', { hasText: t.lastDay }).waitFor();
    await date.fill('2027-01-10');
    await page.locator('[data-situation="deadline"]', { hasText: t.deadline37 }).waitFor();
    await axe(page, 'Q4 departure date');
    await screenshot(page, `flows-overseas-deadline-${lang}`);
    await step(page).getByRole('button', { name: t.next, exact: true }).click();

    await answer(page, 'q5', 'yes', t);
    await answer(page, 'q11', 'no', t);

    await page.locator('.overseas-checklist[data-checklist="continued-use"]').waitFor();
    assert.deepEqual(await items(page), [
      'deadline', 'submit-notice', 'bring-card', 'proxy', 'honseki', 'email', 'sign-certificate', 'zairyu',
    ]);
    assert.equal(await page.locator('li[data-item="deadline"]').textContent(), t.deadline37);

    // The draft: nothing from the card yet, so name and date of birth are asked too.
    assert.deepEqual(
      await page.locator('.draft-form input').evaluateAll((inputs) => inputs.map((i) => i.id)),
      ['draft-name', 'draft-birth', 'draft-honseki', 'draft-email'],
    );
    await preFill(page, t);
    // The card gave name and date of birth: only what it cannot give is asked.
    assert.deepEqual(
      await page.locator('.draft-form input').evaluateAll((inputs) => inputs.map((i) => i.id)),
      ['draft-honseki', 'draft-email'],
    );
    assert.equal(await field(page, 'name').textContent(), NAME.standard);
    assert.equal(await field(page, 'birth').textContent(), t.born.standard);
    assert.equal(await field(page, 'sex').textContent(), t.male);
    assert.equal(await field(page, 'address').textContent(), ADDRESS.standard);
    assert.equal(await field(page, 'departure').textContent(), t.departure);
    assert.equal(await field(page, 'honseki').textContent(), '');
    await page.locator('#draft-honseki').fill('東京都見本区見本町１');
    await page.locator('#draft-email').fill('taro@example.invalid');
    assert.equal(await field(page, 'honseki').textContent(), '東京都見本区見本町１');
    assert.equal(await field(page, 'email').textContent(), 'taro@example.invalid');
    await assertBlankPinForm(page);
    await axe(page, 'checklist K with the draft');
    await screenshot(page, `flows-overseas-continued-use-${lang}`);
    await assertOnlyTheDraftPrints(page, `flows-overseas-continued-use-print-${lang}`);

    // The PIN typed into the dialog appears nowhere: not in the procedure (page, draft, PIN
    // dialog), not in the console. (The demo box states the virtual card's PINs on purpose.)
    assert.equal((await page.locator('.page-overseas').evaluate((el) => el.outerHTML)).includes('1234'), false);
    assert.equal(consoleLines.some((line) => line.includes('1234')), false);

    // Back from the checklist returns to Q11 with the answer given there, and on to Q4 with its date.
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.locator('form.wizard-step[data-question="q11"]').waitFor();
    assert.equal(await step(page).locator('input[value="no"]').isChecked(), true);
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.locator('form.wizard-step[data-question="q5"]').waitFor();
    assert.equal(await step(page).locator('input[value="yes"]').isChecked(), true);
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.locator('form.wizard-step[data-question="q4"]').waitFor();
    assert.equal(await page.locator('#departure-date').inputValue(), '2027-01-10');
    await page.close();
  });

  test(`overseas: leaving without a valid card → N-domestic, draft typed without the card (${lang})`, async () => {
    const { page } = await openFlow('standard', lang);
    await answer(page, 'q1', 'yes', t);
    await answer(page, 'q2', 'yes', t);
    await answer(page, 'q3', 'no', t);
    await answer(page, 'q11', 'yes', t);
    await page.locator('.overseas-checklist[data-checklist="new-card-before-leaving"]').waitFor();
    assert.deepEqual(await items(page), ['apply-in-japan', 'apply-from-abroad', 'on-return']);
    // A wrong card-info PIN costs one try, says how many are left, and fills nothing.
    await page.getByRole('button', { name: t.fromCard }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.type('9999');
    await page.keyboard.press('Enter');
    await page.locator('[data-situation="card-failure"]', { hasText: t.wrongPin }).waitFor();
    assert.equal(await field(page, 'name').textContent(), '');
    await page.getByRole('button', { name: t.fromCard }).click();
    assert.equal(await page.getByRole('dialog').locator('.pin-tries').textContent(), t.tries2);
    await page.getByRole('button', { name: t.cancel, exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // The card is skipped: everything is typed, the pick-up place and certificates too.
    await page.locator('#draft-name').fill('見本　花子');
    await page.locator('#draft-birth').fill('1990-02-03');
    await page.locator('#draft-pick-up-honseki').check();
    await page.locator('#draft-certificates-no').check();
    assert.equal(await field(page, 'name').textContent(), '見本　花子');
    assert.equal(await field(page, 'birth').textContent(), lang === 'ja' ? '1990年2月3日' : '1990-02-03');
    assert.equal(await field(page, 'sex').textContent(), '');
    assert.equal(await field(page, 'pick-up').textContent(), t.embassyMail);
    await assertBlankPinForm(page);
    await axe(page, 'checklist N-domestic with the typed draft');
    await screenshot(page, `flows-overseas-new-card-before-leaving-${lang}`);
    await page.close();
  });

  test(`overseas: already abroad without a card → N-abroad by mail, draft pre-filled on the virtual RC-S300 (${lang})`, async () => {
    const { page } = await openFlow('age40', lang, 'rcs300');
    await answer(page, 'q1', 'yes', t);
    await answer(page, 'q2', 'no', t);
    await answer(page, 'q6', 'yes', t);
    await answer(page, 'q7', 'no', t);
    await answer(page, 'q8', 'mail', t);
    await answer(page, 'q9', 'honseki', t);
    await axe(page, 'Q10');
    await answer(page, 'q10', 'yes', t);
    await answer(page, 'q11', 'no', t);
    await page.locator('.overseas-checklist[data-checklist="new-card-from-abroad"]').waitFor();
    assert.deepEqual(await items(page), [
      'download-forms', 'photo', 'mail', 'certificates', 'email', 'ready-email', 'pick-up', 'zairyu',
    ]);
    assert.equal(
      await page.locator('li[data-item="download-forms"] a').getAttribute('href'),
      'https://www.kojinbango-card.go.jp/apprec/abroad/procedure/format/',
    );
    await preFill(page, t);
    assert.equal(await field(page, 'name').textContent(), NAME.age40);
    assert.equal(await field(page, 'birth').textContent(), t.born.age40);
    assert.equal(await field(page, 'address').textContent(), ADDRESS.age40);
    // Pick-up place and certificates come from the answers: not asked again.
    assert.equal(await field(page, 'pick-up').textContent(), t.embassyMail);
    assert.equal(await field(page, 'certificates').textContent(), t.certsYes);
    assert.deepEqual(
      await page.locator('.draft-form input').evaluateAll((inputs) => inputs.map((i) => i.id)),
      ['draft-honseki', 'draft-email'],
    );
    await assertBlankPinForm(page);
    await axe(page, 'checklist N-abroad with the draft (RC-S300)');
    await screenshot(page, `flows-overseas-new-card-from-abroad-${lang}${suffix('rcs300')}`);
    await page.close();
  });
}

test('overseas: unplugging the RC-S300 and plugging it back keeps the answers, the pre-filled draft and what was typed (en)', async () => {
  const t = T.en;
  const { page } = await openFlow('age40', 'en', 'rcs300');
  for (const [id, value] of [['q1', 'yes'], ['q2', 'no'], ['q6', 'yes'], ['q7', 'no'], ['q8', 'mail'], ['q9', 'honseki'], ['q10', 'yes'], ['q11', 'no']]) {
    await answer(page, id, value, t);
  }
  await page.locator('.overseas-checklist[data-checklist="new-card-from-abroad"]').waitFor();
  await preFill(page, t);
  await page.locator('#draft-honseki').fill('東京都千代田区千代田１');

  await page.evaluate(() => globalThis.fakeWebUsb.unplug(0));
  await page.locator('.reader-notice', { hasText: 'The card reader was unplugged.' }).waitFor();
  // The procedure stays where it was, with everything the person typed and read.
  await page.locator('.overseas-checklist[data-checklist="new-card-from-abroad"]').waitFor();
  assert.equal(await field(page, 'name').textContent(), NAME.age40);
  assert.equal(await page.locator('#draft-honseki').inputValue(), '東京都千代田区千代田１');

  await page.evaluate(() => globalThis.fakeWebUsb.replug(0));
  await page.locator('.reader-notice').waitFor({ state: 'detached' });
  assert.equal(await field(page, 'address').textContent(), ADDRESS.age40);
  assert.equal(await page.locator('#draft-honseki').inputValue(), '東京都千代田区千代田１');
  await page.close();
});

test('overseas: the checklist and the draft with its PIN boxes fit a 360 px wide phone screen (en)', async () => {
  const t = T.en;
  const { page } = await openFlow('standard', 'en');
  await page.setViewportSize({ width: 360, height: 800 });
  for (const [id, value] of [['q1', 'yes'], ['q2', 'no'], ['q6', 'yes'], ['q7', 'no'], ['q8', 'mail'], ['q9', 'honseki'], ['q10', 'yes'], ['q11', 'no']]) {
    await answer(page, id, value, t);
  }
  await page.locator('.overseas-checklist[data-checklist="new-card-from-abroad"]').waitFor();
  await page.locator('.page-overseas .draft-sheet .pin-boxes').first().waitFor();
  // Nothing makes the page scroll sideways.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360);
  await screenshot(page, 'flows-overseas-draft-360px-en');
  await page.close();
});

test('overseas: a double click on Next moves one question on — the second click never lands on Back (en)', async () => {
  const t = T.en;
  const { page } = await openFlow('standard', 'en');
  await page.locator('.page-overseas form.wizard-step[data-question="q1"]').waitFor();
  await step(page).locator('input[type="radio"][value="yes"]').check();
  // Q1 has no Back; from Q2 on Back follows Next, so the second click lands on Q2's Next.
  await step(page).getByRole('button', { name: t.next, exact: true }).dblclick();
  await page.locator('.page-overseas form.wizard-step[data-question="q2"]').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await step(page).getAttribute('data-question'), 'q2');
  assert.deepEqual(await step(page).locator('.wizard-actions button').allTextContents(), [t.next, t.back]);
  // An end screen has Back where Next was: the second click of the double click (click count
  // 2) is ignored there, so "not eligible" stays on screen.
  await step(page).getByRole('button', { name: t.back, exact: true }).click();
  await page.locator('.page-overseas form.wizard-step[data-question="q1"]').waitFor();
  await step(page).locator('input[type="radio"][value="no"]').check();
  await step(page).getByRole('button', { name: t.next, exact: true }).dblclick();
  await page.locator('.wizard-end[data-end="foreign-national"]').waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.wizard-end[data-end="foreign-national"]').count(), 1);
  // A single click (click count 1) still goes back.
  await page.getByRole('button', { name: t.back, exact: true }).click();
  await page.locator('.page-overseas form.wizard-step[data-question="q1"]').waitFor();
  await page.close();
});

test('overseas: abroad with a card → maintenance list with the 24-hour number; not registered since 2015 → not eligible; keyboard only', async () => {
  const t = T.ja;
  const { page } = await openFlow('standard', 'ja');
  // Keyboard only: from the heading, Tab to the radios, Space picks, Enter goes on.
  const keyAnswer = async (id, presses) => {
    await page.locator(`form.wizard-step[data-question="${id}"]`).waitFor();
    await page.locator('#overseas-question').focus();
    await page.keyboard.press('Tab');
    for (const key of presses) await page.keyboard.press(key);
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
  };
  await keyAnswer('q1', []);
  await keyAnswer('q2', ['ArrowDown']);
  await page.locator('form.wizard-step[data-question="q6"]').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'overseas-question');
  await keyAnswer('q6', []);
  await keyAnswer('q7', []);
  await keyAnswer('q11', ['ArrowDown']);
  await page.locator('.overseas-checklist[data-checklist="maintenance-abroad"]').waitFor();
  assert.deepEqual(await items(page), ['report-changes', 'pin-reset', 'lost-card', 'zairyu']);
  assert.equal(await page.locator('li[data-item="lost-card"] a.tel').getAttribute('href'), 'tel:+81367340170');
  // No form for this list.
  assert.equal(await page.locator('.overseas-draft').count(), 0);
  await axe(page, 'checklist M');

  // Back twice to Q7, then to Q6 and answer "no": not eligible.
  for (const id of ['q11', 'q7', 'q6']) {
    await page.getByRole('button', { name: t.back, exact: true }).click();
    await page.locator(`form.wizard-step[data-question="${id}"]`).waitFor();
  }
  await answer(page, 'q6', 'no', t);
  await page.getByRole('heading', { name: t.notEligible }).waitFor();
  await page.locator('[data-situation="not-registered-since-2015"]').waitFor();
  await axe(page, 'not eligible');
  await screenshot(page, 'flows-overseas-not-eligible-ja');
  await page.close();
});

test('overseas in やさしい日本語: furigana on the question and on the deadline line', async () => {
  const { page } = await openFlow('standard', 'ja');
  await page.getByRole('button', { name: 'やさしい にほんご', exact: true }).click();
  const heading = page.locator('#overseas-question');
  await heading.locator('ruby', { hasText: '国籍' }).waitFor();
  assert.equal(await heading.locator('ruby rt').first().textContent(), 'にほん');
  const t = { next: 'つぎへ' };
  await answer(page, 'q1', 'yes', t);
  await answer(page, 'q2', 'yes', t);
  await answer(page, 'q3', 'yes', t);
  await page.locator('#departure-date').fill('2027-01-10');
  const line = page.locator('[data-situation="deadline"] p');
  await line.locator('ruby', { hasText: '手続' }).waitFor();
  // Without the readings the line is the plain sentence with the date written 2027年1月9日.
  const plain = await line.evaluate((p) => {
    const copy = p.cloneNode(true);
    copy.querySelectorAll('rt').forEach((rt) => rt.remove());
    return copy.textContent;
  });
  assert.equal(plain, 'カードを 海外で つかう 手続きは 2027年1月9日までです(あと 37日)。');
  await axe(page, 'Q4 in やさしい日本語');
  await screenshot(page, 'flows-overseas-deadline-easy');
  await page.close();
});
