// Real reader paths, on the simulator's virtual readers behind the fake WebUSB (crates/fakeusb):
// the page connects a reader through the browser's chooser, the right driver reads the card,
// a standard smart-card reader is explained, and unplugging mid-read stops cleanly and recovers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveStatic, launchBrowser, screenshot } from './harness.js';

const server = await serveStatic();
after(() => server.close());

async function withReader(model, run, { persona = 'standard', english = true } = {}) {
  const browser = await launchBrowser({ fakeUsb: [{ model, persona }] });
  const page = await browser.context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  try {
    await page.goto(server.url);
    await page.evaluate(() => globalThis.fakeWebUsb.ready);
    if (english) await page.getByRole('button', { name: 'English' }).click();
    await run(page);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await browser.close();
  }
}

async function connectAndRead(page, expectedName) {
  await page.getByRole('button', { name: 'Connect a card reader' }).click();
  await page.locator('.reader-name', { hasText: expectedName }).waitFor();
  await page.getByRole('button', { name: 'Read the card' }).click();
  await page.getByText('My Number Card found.').waitFor();
  assert.equal(await page.locator('tr[data-pin="auth"] td').textContent(), '3 tries left');
  assert.equal(await page.locator('tr[data-pin="sign"] td').textContent(), '5 tries left');
  const facts = await page.locator('dl.certificate dd').allTextContents();
  assert.equal(facts[1], '2025-04-01');
  assert.equal(facts[2], '2029-06-15');
  return page.evaluate(() => globalThis.fakeWebUsb.transfers(0));
}

const pageReaders = [
  { model: 'rcs380', name: 'Sony RC-S380', how: 'Contactless (NFC), with NFC Port-100 commands.' },
  { model: 'rcs300', name: 'Sony RC-S300', how: "Contactless (NFC), through Sony's vendor interface (interface 1)." },
  { model: 'scr3310-nttcom', name: 'SCR3310-NTTCom', how: 'Contact: insert the card (CCID).' },
];

for (const { model, name, how } of pageReaders) {
  test(`${model}: connect, card detected, PIN status, auth certificate`, async () => {
    await withReader(model, async (page) => {
      const transfers = await connectAndRead(page, name);
      assert.equal(await page.locator('.reader-connected dd').nth(1).textContent(), how);
      // The demo badge is gone: this is a (virtual) real reader, so only the production J-LIS
      // roots are trusted — and the simulator's test certificate is rightly not confirmed.
      assert.equal(await page.locator('.site-title .badge-demo').count(), 0);
      assert.match(await page.locator('.cert-verdict').textContent(), /^This certificate could not be confirmed\./);
      console.log(`# ${model}: USB transfers for connect + read: out ${transfers.out}, in ${transfers.in}`);
      await screenshot(page, `reader-${model}-en`);
    });
  });
}

test('acr39u: a standard smart-card reader is explained, nothing is claimed', async () => {
  await withReader('acr39u', async (page) => {
    await page.getByRole('button', { name: 'Connect a card reader' }).click();
    const notice = page.locator('.reader-notice');
    await notice.getByText('This is a standard smart-card reader (USB class 0x0B).').waitFor();
    assert.match(await notice.textContent(), /Use the app version, or a Sony RC-S300 or RC-S380\./);
    assert.equal(await page.locator('.reader-name').count(), 0);
    await screenshot(page, 'reader-acr39u-en');
  });
});

test('rcs300 unplugged during a read: a clear message, and it recovers when plugged back', async () => {
  await withReader('rcs300', async (page) => {
    await page.getByRole('button', { name: 'Connect a card reader' }).click();
    await page.locator('.reader-name', { hasText: 'Sony RC-S300' }).waitFor();
    // The reader goes away on the 4th bulk OUT transfer of the read.
    await page.evaluate(() => globalThis.fakeWebUsb.scheduleFault(0, 4, 'unplug'));
    await page.getByRole('button', { name: 'Read the card' }).click();
    await page.getByText('The card reader was disconnected. Connect it again and retry.').waitFor();
    await page.locator('.reader-notice', { hasText: 'The card reader was unplugged.' }).waitFor();
    await screenshot(page, 'reader-unplugged-en');

    await page.evaluate(() => globalThis.fakeWebUsb.replug(0));
    await page.locator('.reader-notice').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Read the card' }).click();
    await page.getByText('My Number Card found.').waitFor();
    assert.equal(await page.locator('tr[data-pin="auth"] td').textContent(), '3 tries left');
  });
});

test('requestDevice outside a click is refused, as in Chrome', async () => {
  await withReader('rcs300', async (page) => {
    // Playwright's evaluate counts as a gesture; Chrome's transient activation lasts 5 s.
    const outcome = await page.evaluate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5500));
      return navigator.usb.requestDevice({ filters: [] }).then(
        () => 'chosen',
        (error) => `${error.name}: ${error.message}`,
      );
    });
    assert.equal(outcome, 'SecurityError: Must be handling a user gesture to show a permission request.');
  }, { english: false });
});
