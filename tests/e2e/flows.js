// Shared set-up for the flow tests: open a procedure page with a persona's card — the demo card,
// or the same card in a virtual reader behind the fake WebUSB — and run axe-core on a screen.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launchBrowser } from './harness.js';

// "Today" is fixed, so the personas' ages and certificate dates give the same answers every year.
export const TODAY = new Date('2026-12-03T10:00:00+09:00');
const LANG_BUTTON = { ja: '日本語', en: 'English' };
const CONNECT = { ja: 'カードリーダーを接続', en: 'Connect a card reader' };

/** The screenshot-name suffix of a card source ('' for the demo card). */
export const suffix = (via) => (via === 'demo' ? '' : `-${via}`);

/**
 * Opens `flowPage` (the nav button's data-page) with `persona`'s card: the demo card in the
 * shared `browser`, or (`via` = 'rcs300') in a virtual reader, connected as a person would, in a
 * browser of its own that `page.close()` also closes. Resolves to { page, consoleLines }.
 */
export async function openFlow({ browser, server, flowPage, persona, lang, via = 'demo' }) {
  const own = via === 'demo' ? null : await launchBrowser({ fakeUsb: [{ model: via, persona }] });
  const page = await (own ?? browser).context.newPage();
  if (own) {
    const closePage = page.close.bind(page);
    page.close = async () => {
      await closePage();
      await own.close();
    };
  }
  const consoleLines = [];
  page.on('console', (msg) => consoleLines.push(msg.text()));
  await page.clock.setFixedTime(TODAY);
  await page.goto(server.url);
  await page.getByRole('heading', { level: 1 }).waitFor();
  if (lang !== 'ja') await page.getByRole('button', { name: LANG_BUTTON[lang], exact: true }).click();
  if (own) {
    await page.evaluate(() => globalThis.fakeWebUsb.ready);
    await page.getByRole('button', { name: CONNECT[lang] }).click();
    await page.locator('.reader-name', { hasText: 'Sony RC-S300' }).waitFor();
  } else {
    await page.locator('#persona-picker').selectOption(persona);
  }
  await page.locator(`.page-nav button[data-page="${flowPage}"]`).click();
  await page.locator(`.page-${flowPage}`).waitFor();
  return { page, consoleLines };
}

/** axe-core on the whole page: no serious or critical violation. */
export async function axe(page, screen) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${screen}`,
  );
}
