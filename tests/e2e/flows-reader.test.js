// The insurance-use pre-check (flows.md §1A) on the virtual RC-S300 behind the fake WebUSB, in
// Japanese and English: the same flow as in demo mode, but every APDU goes through the real
// RC-S300 driver (vendor interface #1, escapes, ISO-DEP) to the simulator's card.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serveStatic, launchBrowser, screenshot } from './harness.js';

const server = await serveStatic();
after(() => server.close());

const TODAY = new Date('2026-12-03T10:00:00+09:00');
const T = {
  ja: {
    lang: '日本語',
    connect: 'カードリーダーを接続',
    check: 'カードを確認する',
    validUntil: '2029年6月15日',
    tries3: '残り3回',
    noProblems: '登録の妨げになる問題は見つかりませんでした。',
    next: '次へ',
    locked: 'ロックされています。お住まいの市区町村の窓口で再設定してください',
  },
  en: {
    lang: 'English',
    connect: 'Connect a card reader',
    check: 'Check my card',
    validUntil: '2029-06-15',
    tries3: '3 tries left',
    noProblems: 'Nothing stands in the way of registering.',
    next: 'Next',
    locked: 'The PIN is locked. Have it reset at your municipal office',
  },
};

async function onRcs300(persona, lang, run) {
  const browser = await launchBrowser({ fakeUsb: [{ model: 'rcs300', persona }] });
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.clock.setFixedTime(TODAY);
    await page.goto(server.url);
    await page.evaluate(() => globalThis.fakeWebUsb.ready);
    const t = T[lang];
    if (lang !== 'ja') await page.getByRole('button', { name: t.lang, exact: true }).click();
    await page.getByRole('button', { name: t.connect }).click();
    await page.locator('.reader-name', { hasText: 'Sony RC-S300' }).waitFor();
    await page.locator('.page-nav button[data-page="insurance"]').click();
    await page.locator('.page-insurance').waitFor();
    await page.getByRole('button', { name: t.check }).click();
    await page.locator('.page-insurance .cert-valid-until').waitFor();
    await run(page, t);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
}

for (const lang of ['ja', 'en']) {
  test(`RC-S300: the pre-check reads the card through the reader (${lang})`, async () => {
    await onRcs300('standard', lang, async (page, t) => {
      assert.equal(await page.locator('.page-insurance .cert-valid-until').textContent(), t.validUntil);
      assert.equal(
        await page.locator('.page-insurance tr[data-role="UserAuthentication"] td').textContent(),
        t.tries3,
      );
      await page.getByText(t.noProblems).waitFor();
      const { violations } = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id), []);
      const transfers = await page.evaluate(() => globalThis.fakeWebUsb.transfers(0));
      console.log(`# RC-S300 pre-check (${lang}): USB transfers out ${transfers.out}, in ${transfers.in}`);
      await screenshot(page, `flows-reader-rcs300-${lang}`);
    });
  });
}

test('RC-S300: a blocked PIN read through the reader gets the municipal-office help (en)', async () => {
  await onRcs300('auth-blocked', 'en', async (page, t) => {
    await page.getByRole('button', { name: t.next, exact: true }).click();
    await page.locator('[data-situation="E2"]', { hasText: t.locked }).waitFor();
  });
});
