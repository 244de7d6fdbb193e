// "Which document do I show?" (flows.md §1C), the home page's list of procedures, keyboard-only
// navigation, and やさしい日本語 (furigana as <ruby>) — with axe-core on each screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
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

const TODAY = new Date('2026-12-03T10:00:00+09:00');

async function open(lang) {
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(TODAY);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const names = { ja: '日本語', en: 'English', easy: 'やさしい にほんご' };
  if (lang !== 'ja') await page.getByRole('button', { name: names[lang], exact: true }).click();
  return page;
}

async function axe(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${screen}`,
  );
}

const answer = (page) => page.locator('.document-answer [data-situation]');

const T = {
  ja: { yes: 'はい', no: 'いいえ', hasCard: 'マイナンバーカードを持っていますか', registered: 'カードを健康保険証として使う登録をしましたか',
    valid: '利用者証明用電子証明書の有効期限は切れていませんか(有効ですか)', checkWithCard: 'わからないときは、カードを読んで確かめられます',
    lost: 'カードをなくしましたか、または更新中ですか', home: '手続きを選ぶ', insurance: 'マイナ保険証の利用登録 事前チェック' },
  en: { yes: 'Yes', no: 'No', hasCard: 'Do you have a My Number Card?', registered: 'Is your card registered for use as a health insurance card?',
    valid: 'Is your user-authentication certificate still valid?', checkWithCard: 'Not sure? Your card can tell you',
    lost: 'Have you lost your card, or is it being renewed?', home: 'Choose a procedure', insurance: 'Insurance-use registration (マイナ保険証): pre-check' },
};

for (const lang of ['ja', 'en']) {
  const t = T[lang];
  test(`which document: each answer follows the §1C rules (${lang})`, async () => {
    const page = await open(lang);
    await page.locator('.page-nav button[data-page="document"]').click();
    // Nothing answered about registration or the certificate: find out first, with the card.
    await answer(page).waitFor();
    assert.equal(await answer(page).getAttribute('data-situation'), 'find-out');
    await axe(page, 'document: find out');
    const group = (legend) => page.getByRole('group', { name: legend });
    await group(t.registered).getByRole('radio', { name: t.yes, exact: true }).check();
    await group(t.valid).getByRole('radio', { name: t.yes, exact: true }).check();
    await page.locator('.document-answer [data-situation="show-myna"]').waitFor();
    await screenshot(page, `flows-document-show-myna-${lang}`);
    await group(t.valid).getByRole('radio', { name: t.no, exact: true }).check();
    await page.locator('.document-answer [data-situation="arrives-expired"]').waitFor();
    await group(t.hasCard).getByRole('radio', { name: t.no, exact: true }).check();
    await page.locator('.document-answer [data-situation="arrives-no-card"]').waitFor();
    await group(t.lost).getByRole('radio', { name: t.yes, exact: true }).check();
    await page.locator('.document-answer [data-situation="apply"]').waitFor();
    await axe(page, 'document: apply');
    assert.equal(await page.getByRole('link', { name: '0120-95-0178' }).getAttribute('href'), 'tel:0120950178');
    await page.close();
  });

  test(`home lists the procedures and the keyboard reaches them (${lang})`, async () => {
    const page = await open(lang);
    await page.getByRole('heading', { level: 2, name: t.home }).waitFor();
    await axe(page, 'home');
    await screenshot(page, `flows-home-${lang}`);
    // Keyboard only: focus the insurance procedure and press Enter; focus lands on the page's heading.
    await page.locator('.procedure-link[data-page="insurance"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: t.insurance }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'page-title');
    assert.equal(await page.locator('.page-nav button[aria-current="page"]').getAttribute('data-page'), 'insurance');
    await page.close();
  });
}

test('やさしい日本語: a third language with furigana, same flows, no axe violations', async () => {
  const page = await open('easy');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.equal(await page.getByRole('button', { name: 'やさしい にほんご' }).getAttribute('aria-pressed'), 'true');
  // Readings are <rt> inside <ruby>, e.g. 手続 with てつづ.
  const heading = page.locator('#page-title');
  await heading.waitFor();
  assert.equal(await heading.textContent(), '手続てつづきを 選えらぶ');
  assert.equal(await heading.locator('ruby').first().locator('rt').textContent(), 'てつづ');
  assert.ok((await page.locator('main ruby').count()) > 10);
  await axe(page, 'home (easy)');
  await screenshot(page, 'flows-home-easy');
  for (const id of ['insurance', 'rehearsal', 'document', 'card-status']) {
    await page.locator(`.page-nav button[data-page="${id}"]`).click();
    await page.locator(`main[data-page="${id}"]`).waitFor();
    await axe(page, `${id} (easy)`);
  }
  await page.locator('.page-nav button[data-page="rehearsal"]').click();
  await screenshot(page, 'flows-rehearsal-easy');
  await page.close();
});
