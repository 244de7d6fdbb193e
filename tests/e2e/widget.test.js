// The embeddable widget across two origins (docs/widget-protocol.md): the reference relying-party
// server (crates/rp) serves the demo host page and its API on origin H and the widget (dist/ +
// pkg/ + widget-config.json) on origin W. The person logs in and signs an account submission
// inside the widget iframe on the virtual RC-S380 and RC-S300, and the server stores verified
// records. A third origin's messages are ignored, a replayed result and a result signed for
// another origin are refused, and an iframe without allow="usb" shows the permissions-policy
// message. The guidance flows (phone, overseas, insurance, account) post their steps in order
// and a summary of the outcome only — the account's values only after the explicit send button —
// and the iframe's height follows the content (resize messages, autoResize). A server started
// without --demo serves a widget with no demo card (widget-config.json "demoCard": false): it asks
// for a reader, and a login made on the virtual RC-S300 is refused there as untrusted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createPrivateKey, sign as rsaSign } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { launchBrowser, screenshot, distDir } from './harness.js';
import { axe } from './flows.js';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const rpBinary = process.env.MYNAWEB_RP ?? join(repoRoot, 'target', 'debug', 'mynaweb-rp');
const pkgDir = join(repoRoot, 'pkg');
const WIDGET_FRAME = 'iframe.mynaweb-widget';

let rp;
let dbDir;
let third;
const origins = {};

/**
 * Starts `mynaweb-rp` (with `--demo` unless `demo` is false) on two free ports, in database
 * directory `db`, and reads its origins from its first lines into `into`.
 */
async function startServer({ demo = true, db, into = origins } = {}) {
  if (!db) db = dbDir = await mkdtemp(join(tmpdir(), 'mynaweb-rp-'));
  const child = spawn(
    rpBinary,
    [...(demo ? ['--demo'] : []), '--host-port', '0', '--widget-port', '0', '--dist', distDir, '--pkg', pkgDir, '--db', join(db, 'rp.sqlite3')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  await new Promise((ok, fail) => {
    child.on('exit', (code) => fail(new Error(`mynaweb-rp exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const host = /host page and API\s+(http:\/\/\S+?)\/\n/.exec(out);
      const widget = /widget\s+(http:\/\/\S+?)\/\n/.exec(out);
      if (host && widget) {
        into.host = host[1];
        into.widget = widget[1];
        ok();
      }
    });
  });
  return child;
}

/** A page on a third origin that posts forged messages to the widget and to the host page. */
async function startThirdOrigin() {
  const server = createServer((req, res) => {
    const id = new URL(req.url, 'http://x').searchParams.get('id') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><title>third</title><script>
      const id = ${JSON.stringify(id)};
      const forged = { mynaweb: 1, id, type: 'init', flow: 'login', lang: 'en',
        relyingParty: 'Evil', challenge: 'evil_challenge_0123456789' };
      // Opened by the host page: its opener holds the widget as frames[0].
      const host = window.opener;
      if (host) {
      host.frames[0].postMessage(forged, '*');
      host.frames[0].postMessage({ mynaweb: 1, id, type: 'init', flow: 'submission' }, '*');
      host.postMessage({ mynaweb: 1, id, type: 'result', flow: 'login',
        result: { version: 1, kind: 'login', statement: 'forged' } }, '*');
      document.title = 'posted';
      }
    </script></html>`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

before(async () => {
  assert.ok(existsSync(rpBinary), `build the server first: cargo build -p mynaweb-rp (${rpBinary})`);
  rp = await startServer();
  third = await startThirdOrigin();
});

after(async () => {
  rp?.kill();
  await new Promise((ok) => third?.server.close(ok));
  if (dbDir) await rm(dbDir, { recursive: true, force: true });
});

/** A browser with one virtual reader, on the demo host page (of the server at `host`). */
async function openHost(model, host = origins.host) {
  const browser = await launchBrowser({ fakeUsb: [{ model, persona: 'standard' }] });
  const page = await browser.context.newPage();
  const errors = [];
  // The fake WebUSB is injected into every frame; the host page's CSP rightly refuses its Wasm
  // there (the host page never uses USB), so that one error is not the widget's.
  page.on('pageerror', (error) => {
    if (!/WebAssembly\.instantiate\(\).*Content Security/.test(String(error))) errors.push(String(error));
  });
  await page.goto(`${host}/`);
  await page.locator('#login-button').waitFor();
  return { browser, page, errors };
}

/** The widget's frame once it is running, with its reader connected. */
async function widgetWithReader(page, readerName) {
  await page.locator(WIDGET_FRAME).waitFor();
  const frame = page.frameLocator(WIDGET_FRAME);
  await frame.locator('.widget-root[data-widget="running"]').waitFor();
  const handle = await page.locator(WIDGET_FRAME).elementHandle();
  const contentFrame = await handle.contentFrame();
  await contentFrame.evaluate(() => globalThis.fakeWebUsb.ready);
  await frame.getByRole('button', { name: 'カードリーダーを接続' }).click();
  await frame.locator('.reader-name', { hasText: readerName }).waitFor();
  return { frame, contentFrame };
}

async function enterPin(frame, pin) {
  const dialog = frame.locator('dialog[open]');
  await dialog.waitFor();
  await dialog.locator('#pin-input').fill(pin);
  await dialog.getByRole('button', { name: '確認する' }).click();
}

async function verifiedStatus(page) {
  await page.locator('#status', { hasText: /Verified and stored|refused/ }).waitFor({ timeout: 60_000 });
  return page.locator('#status').textContent();
}

const readers = [
  { model: 'rcs380', name: 'Sony RC-S380' },
  { model: 'rcs300', name: 'Sony RC-S300' },
];

for (const { model, name } of readers) {
  test(`${model}: card login and a signed account submission are verified and stored by the server`, async () => {
    const { browser, page, errors } = await openHost(model);
    try {
      // Card login.
      await page.locator('#login-button').click();
      const { frame, contentFrame } = await widgetWithReader(page, name);
      assert.equal(await frame.locator('.widget-relying-party strong').textContent(), 'みほん市 (Mihon City)');
      if (model === 'rcs380') {
        await screenshot(page, 'widget-host-login');
        await axe(page, 'host page with the login widget');
      }
      await frame.locator('#login-start').click();
      await enterPin(frame, '1234');
      await frame.locator('#login-done').waitFor({ timeout: 60_000 });
      assert.match(await verifiedStatus(page), /^Verified and stored \(login, record \d+\)/);
      await page.locator('#records-body tr[data-record-kind="login"]').first().waitFor();
      const login = await page.evaluate(() => window.mynawebDemo.lastResult);
      assert.equal(login.kind, 'login');
      assert.match(login.statement, new RegExp(`^mynaweb/1 login\\nchallenge: [A-Za-z0-9_-]{16,128}\\norigin: ${origins.host}\\nrelying-party: みほん市 \\(Mihon City\\)\\ntime: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n$`));
      const loginTransfers = await contentFrame.evaluate(() => globalThis.fakeWebUsb.transfers(0));
      console.log(`# ${model}: USB transfers for connect + card login: out ${loginTransfers.out}, in ${loginTransfers.in}`);

      // Signed account submission: V1 purpose and what is shared, consent tick, the account, V2.
      await page.locator('#register-button').click();
      const submission = await widgetWithReader(page, name);
      const f = submission.frame;
      await f.locator('.widget-shared').waitFor();
      assert.match(await f.locator('.widget-shared').textContent(), /氏名・住所・生年月日・性別/);
      if (model === 'rcs380') await screenshot(page, 'widget-host-submission-purpose');
      await f.locator('#submission-next').click();
      await f.locator('#submission-tick-first').waitFor();
      await f.locator('#submission-consent').check();
      await f.locator('#submission-next').click();
      await f.locator('#account-bank').waitFor();
      // The step indicator follows: the account form is a step of its own.
      assert.equal(await f.locator('.step-indicator .step.current .step-name').textContent(), '口座の入力');
      assert.deepEqual(await f.locator('.step-indicator .step-name').allTextContents(), ['目的', '口座の入力', '内容の確認', '署名', '完了']);
      await f.locator('#account-bank').fill('0001');
      await f.locator('#account-branch').fill('001');
      await f.locator('#account-number').fill('1234567');
      await f.locator('#account-holder').fill('ヤマダ タロウ');
      await f.locator('#account-next').click();
      const statement = await f.locator('#submission-statement').textContent();
      assert.match(statement, new RegExp(`^mynaweb/1 submission\\nchallenge: \\S+\\norigin: ${origins.host}\\n`));
      assert.ok(statement.endsWith('flow: account\ndata:\naccount_number=1234567\naccount_type=futsu\nbank_code=0001\nbranch_code=001\nholder_kana=ﾔﾏﾀﾞ ﾀﾛｳ\n'), statement);
      if (model === 'rcs300') {
        await screenshot(page, 'widget-host-submission-statement');
        await axe(page, 'host page with the submission widget (exact statement)');
      }
      await f.locator('#submission-sign').click();
      // The dialog names what it asks for: the signature password, as the button said.
      await f.locator('dialog[open]').waitFor();
      assert.equal(await f.locator('#pin-dialog-title').textContent(), '署名用パスワードの入力');
      assert.equal(await f.locator('.step-indicator .step.current .step-name').textContent(), '署名');
      await enterPin(f, 'ABC123');
      await f.locator('#submission-done').waitFor({ timeout: 60_000 });
      assert.match(await verifiedStatus(page), /^Verified and stored \(submission, record \d+\)/);
      const row = page.locator('#records-body tr[data-record-kind="submission"]').first();
      await row.waitFor();
      const rowText = await row.textContent();
      assert.match(rowText, /account_number: 1234567/);
      const signed = await page.evaluate(() => window.mynawebDemo.lastResult);
      assert.equal(signed.kind, 'submission');
      assert.equal(signed.statement, statement);

      // The §6.2 consent, signed the same way (flow consent: the text shown is what is signed).
      if (model === 'rcs380') {
        await page.evaluate(() => window.mynawebDemo.start('submission', 'consent'));
        const consent = await widgetWithReader(page, name);
        await consent.frame.locator('#submission-consent').check();
        await consent.frame.locator('#submission-next').click();
        const consentStatement = await consent.frame.locator('#submission-statement').textContent();
        assert.ok(consentStatement.endsWith('flow: consent\ndata:\nconsent=最新の基本4情報の提供に同意します\n'), consentStatement);
        await consent.frame.locator('#submission-sign').click();
        await enterPin(consent.frame, 'ABC123');
        await consent.frame.locator('#submission-done').waitFor({ timeout: 60_000 });
        assert.match(await verifiedStatus(page), /^Verified and stored \(submission, record \d+\)/);
        await page.locator('#records-body tr[data-record-kind="submission"]', { hasText: 'consent' }).first().waitFor();
      }

      // The stored records hold neither a PIN nor the My Number.
      const stored = await page.evaluate(async () => (await fetch('/api/records')).text());
      for (const secret of ['1234', 'ABC123']) assert.ok(!stored.includes(`"${secret}"`), secret);
      assert.ok(!/\d{12}/.test(stored), 'no 12-digit number is stored');

      // A replayed result is refused: the challenge was spent.
      const replay = await page.evaluate(async (result) => {
        const r = await fetch('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result }) });
        return { status: r.status, body: await r.json() };
      }, login);
      assert.equal(replay.status, 409);
      assert.equal(replay.body.code, 'challenge_used');
      if (model === 'rcs380') await screenshot(page, 'widget-host-records');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
}

test('a result signed for another origin is refused', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    // A genuine card key (the simulator's standard persona) signs a statement for another origin
    // with this server's fresh challenge: everything is right except the origin.
    const issued = await page.evaluate(async () => {
      const r = await fetch('/api/challenge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"purpose":"login"}' });
      return r.json();
    });
    const records = await page.evaluate(async () => (await fetch('/api/records')).json());
    assert.ok(records.records.length > 0, 'the login test stored a record first');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const statement = `mynaweb/1 login\nchallenge: ${issued.challenge}\norigin: ${third.origin}\nrelying-party: みほん市 (Mihon City)\ntime: ${now}\n`;
    const key = createPrivateKey({ key: await readFile(join(repoRoot, 'crates/sim/data/keys/standard-auth.der')), format: 'der', type: 'pkcs1' });
    const signature = rsaSign('sha256', Buffer.from(statement, 'utf8'), key).toString('base64');
    // The same card's auth certificate, as the widget returned it in the login test.
    const certificate = await certificateOfStandardCard(page);
    const result = { version: 1, kind: 'login', statement, certificate, hash: 'sha256', signature };
    const answer = await page.evaluate(async (result) => {
      const r = await fetch('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ result }) });
      return { status: r.status, body: await r.json() };
    }, result);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'wrong_origin');
    assert.equal(answer.body.verified, false);
  } finally {
    await browser.close();
  }
});

/** Logs in once more in the widget and returns the certificate of the standard card. */
async function certificateOfStandardCard(page) {
  await page.locator('#login-button').click();
  const { frame } = await widgetWithReader(page, 'Sony RC-S380');
  await frame.locator('#login-start').click();
  await enterPin(frame, '1234');
  await frame.locator('#login-done').waitFor({ timeout: 60_000 });
  await verifiedStatus(page);
  return page.evaluate(() => window.mynawebDemo.lastResult.certificate);
}

test('messages from a third origin are ignored and counted on both sides', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    await page.locator('#login-button').click();
    const frame = page.frameLocator(WIDGET_FRAME);
    await frame.locator('.widget-root[data-widget="running"]').waitFor();
    await frame.locator('#login-start').waitFor();
    const before = Number(await frame.locator('.widget-root').getAttribute('data-ignored-messages'));
    const hostBefore = await page.evaluate(() => window.mynawebDemo.handle.ignoredMessages);
    const id = await page.evaluate(() => window.mynawebDemo.handle.id);
    // The host page's CSP allows frames only from the widget's origin, so the third origin
    // reaches the widget from a window the host page opened (it holds the widget as frames[0]).
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate((src) => { window.open(src, 'third'); }, `${third.origin}/?id=${id}`),
    ]);
    await popup.waitForFunction(() => document.title === 'posted');
    const widgetFrame = page.frames().find((f) => f.url().startsWith(origins.widget));
    await widgetFrame.waitForFunction(
      (n) => Number(document.querySelector('.widget-root').dataset.ignoredMessages) >= n + 2,
      before,
    );
    const afterCount = Number(await frame.locator('.widget-root').getAttribute('data-ignored-messages'));
    assert.equal(afterCount, before + 2);
    // No effect: still the login flow for this relying party, not the forged one.
    assert.equal(await frame.locator('.widget-relying-party strong').textContent(), 'みほん市 (Mihon City)');
    assert.equal(await frame.locator('.page-submission').count(), 0);
    await page.waitForFunction((n) => window.mynawebDemo.handle.ignoredMessages > n, hostBefore);
    assert.equal(await page.evaluate(() => window.mynawebDemo.lastResult), null);
  } finally {
    await browser.close();
  }
});

test('an iframe without allow="usb" shows the permissions-policy message', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    await page.evaluate(({ widget, host }) => {
      const frame = document.createElement('iframe');
      frame.className = 'no-usb';
      frame.title = 'widget without allow=usb';
      frame.style.width = '100%';
      frame.style.height = '600px';
      frame.src = `${widget}/?embed=1&host=${encodeURIComponent(host)}&id=noallow1`;
      document.getElementById('widget-area').appendChild(frame);
    }, origins);
    const frame = page.frameLocator('iframe.no-usb');
    const message = frame.locator('#widget-usb-policy');
    await message.waitFor();
    assert.match(await message.textContent(), /allow="usb"/);
    await screenshot(page, 'widget-host-no-usb');
    await axe(page, 'host page with a widget iframe without allow="usb"');
    // In English too.
    await frame.getByRole('button', { name: 'English' }).click();
    assert.match(await message.textContent(), /must add allow="usb" to this procedure's iframe/);
    // Started by the host all the same, the widget's reader button meets requestDevice's
    // SecurityError, and the reader panel says the same thing.
    await page.evaluate((widget) => {
      document.querySelector('iframe.no-usb').contentWindow.postMessage({ mynaweb: 1, type: 'init', id: 'noallow1',
        flow: 'login', lang: 'en', relyingParty: 'Mihon City', challenge: 'no_usb_challenge_0123456789' }, widget);
    }, origins.widget);
    await frame.locator('.widget-root[data-widget="running"]').waitFor();
    await frame.getByRole('button', { name: 'Connect a card reader' }).click();
    await frame.locator('.reader-notice', { hasText: 'allow="usb"' }).waitFor();
    assert.match(await frame.locator('.reader-notice details').textContent(), /permissions policy/i);
  } finally {
    await browser.close();
  }
});

test('a page that is not on the allow-list gets the refusal and no messages', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    // The third origin embeds the widget claiming to be itself: not in widget-config.json.
    await page.goto(`${third.origin}/?id=none`);
    await page.evaluate((widget) => {
      document.body.innerHTML = '';
      window.received = 0;
      window.addEventListener('message', () => { window.received += 1; });
      const frame = document.createElement('iframe');
      frame.title = 'widget';
      frame.setAttribute('allow', 'usb');
      frame.src = `${widget}/?embed=1&host=${encodeURIComponent(location.origin)}&id=refused1`;
      document.body.appendChild(frame);
    }, origins.widget);
    const frame = page.frameLocator('iframe');
    await frame.locator('.widget-root[data-widget="refused"]').waitFor();
    // No lang= in the URL: the browser's language (this browser's is English).
    const browserLanguage = await page.evaluate(() => navigator.language);
    assert.match(browserLanguage, /^en/);
    assert.equal(await frame.locator('h2').textContent(), 'This site is not allowed to embed this procedure');
    // Its details hold the refused origin, and say so (they are no card exchange record).
    const details = frame.locator('.widget-refused details');
    assert.equal(await details.locator('summary').textContent(), 'Technical details (why, and the site that tried to embed it)');
    assert.equal(await details.locator('.mono').textContent(), `${third.origin} is not allowed to embed this widget`);
    assert.equal(await page.evaluate(() => window.received), 0);
    // The host's lang (as the host script passes it) decides.
    for (const [lang, title, summary] of [
      ['ja', 'このサイトには、この手続きを埋め込めません', '技術的な詳細(断った理由と、埋め込もうとしたサイト)'],
      ['en', 'This site is not allowed to embed this procedure', 'Technical details (why, and the site that tried to embed it)'],
    ]) {
      await page.evaluate(({ widget, lang }) => {
        document.body.innerHTML = '';
        const frame = document.createElement('iframe');
        frame.title = 'widget';
        frame.setAttribute('allow', 'usb');
        frame.style.width = '100%';
        frame.style.height = '480px';
        frame.src = `${widget}/?embed=1&host=${encodeURIComponent(location.origin)}&id=refused2&lang=${lang}`;
        document.body.appendChild(frame);
      }, { widget: origins.widget, lang });
      await frame.locator('.widget-root[data-widget="refused"]').waitFor();
      assert.equal(await frame.locator('html').getAttribute('lang'), lang);
      assert.equal(await frame.locator('h2').textContent(), title);
      assert.equal(await frame.locator('.widget-refused summary').textContent(), summary);
      if (lang === 'ja') await screenshot(page, 'widget-refused-ja');
    }
    assert.equal(await page.evaluate(() => window.received), 0);
  } finally {
    await browser.close();
  }
});

test('without --demo the widget offers no demo card, asks for a reader, and the server refuses the virtual card as untrusted', async () => {
  const production = {};
  const productionDb = await mkdtemp(join(tmpdir(), 'mynaweb-rp-production-'));
  const server = await startServer({ demo: false, db: productionDb, into: production });
  const { browser, page, errors } = await openHost('rcs300', production.host);
  try {
    assert.equal(await page.locator('body').getAttribute('data-demo'), 'false');
    const config = await (await fetch(`${production.widget}/widget-config.json`)).json();
    assert.deepEqual(config, { allowedHostOrigins: [production.host], demoCard: false });
    await page.locator('#login-button').click();
    await page.locator(WIDGET_FRAME).waitFor();
    const frame = page.frameLocator(WIDGET_FRAME);
    await frame.locator('.widget-root[data-widget="running"]').waitFor();
    await frame.locator('#login-start').waitFor();
    // No demo card anywhere: no demo box, persona picker, badge or "back to the demo card".
    assert.equal(await frame.locator('.demo-box').count(), 0);
    assert.equal(await frame.locator('#persona-picker').count(), 0);
    assert.equal(await frame.locator('.badge-demo').count(), 0);
    assert.equal(await frame.getByRole('button', { name: 'デモカードに戻る' }).count(), 0);
    assert.equal(await frame.locator('.reader-status').textContent(), 'カードリーダーは接続されていません。');
    await screenshot(page, 'widget-production-no-demo-card');
    // A card operation before a reader is connected asks for one; the host hears no-reader.
    const noReader = 'カードリーダーが接続されていません。下の「カードリーダーを接続」を押し、カードをリーダーに置いてから、もう一度お試しください。';
    await frame.locator('#login-start').click();
    await frame.locator('.page-login', { hasText: noReader }).waitFor();
    await page.locator('#status', { hasText: noReader }).waitFor();
    await screenshot(page, 'widget-production-connect-a-reader');
    // With the virtual RC-S300 the login is made, and this production server refuses it: the
    // simulator's card is not under the J-LIS roots — the production store is in force.
    const { frame: withReader } = await widgetWithReader(page, 'Sony RC-S300');
    assert.equal(await withReader.locator('.demo-box').count(), 0);
    await withReader.locator('#login-start').click();
    await enterPin(withReader, '1234');
    await withReader.locator('#login-done').waitFor({ timeout: 60_000 });
    assert.match(await verifiedStatus(page), /^The server refused the result: untrusted — /);
    const verdict = await page.evaluate(() => window.mynawebDemo.lastVerify);
    assert.equal(verdict.status, 422);
    assert.equal(verdict.body.code, 'untrusted');
    assert.equal(verdict.body.verified, false);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.kill();
    await rm(productionDb, { recursive: true, force: true });
  }
});

test('a guidance flow mounts without a challenge, in the host language and theme', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    const steps = await page.evaluate((widgetOrigin) => new Promise((ok) => {
      const seen = [];
      window.MynawebWidget.mount(document.getElementById('widget-area'), {
        widgetOrigin, flow: 'insurance', lang: 'en', relyingParty: 'Mihon City',
        theme: { 'color-primary': '#AA0000', 'font-family': '#000000', 'color-text': 'red' },
        onReady: ({ flows }) => seen.push(flows.join(',')),
        onStep: () => {},
        onClose: () => { window.widgetClosed = true; },
      });
      const wait = setInterval(() => {
        if (seen.length) {
          clearInterval(wait);
          ok(seen);
        }
      }, 50);
    }), origins.widget);
    assert.deepEqual(steps, ['insurance,account,overseas,phone,login,submission']);
    const frame = page.frameLocator(WIDGET_FRAME);
    await frame.locator('.page-insurance').waitFor();
    assert.equal(await frame.locator('html').getAttribute('lang'), 'en');
    // Only the allowed token with a #rrggbb value reaches the style.
    assert.equal(await frame.locator('.widget-root').getAttribute('style'), '--color-primary:#aa0000;');
    assert.equal(await frame.locator('.page-nav').count(), 0, 'no navigation in embed mode');
    await axe(page, 'host page with the insurance widget in English');
    await frame.locator('#widget-close').click();
    await page.waitForFunction(() => window.widgetClosed === true);
  } finally {
    await browser.close();
  }
});

test('rcs300 unplugged during a login: the widget and the host are told, nothing is stored', async () => {
  const { browser, page } = await openHost('rcs300');
  try {
    const before = await page.evaluate(async () => (await (await fetch('/api/records')).json()).records.length);
    await page.locator('#login-button').click();
    const { frame, contentFrame } = await widgetWithReader(page, 'Sony RC-S300');
    // The reader goes away on the 3rd bulk OUT transfer after the click (opening the card).
    await contentFrame.evaluate(() => globalThis.fakeWebUsb.scheduleFault(0, 3, 'unplug'));
    await frame.locator('#login-start').click();
    const failure = frame.locator('.page-login .notice-error');
    await failure.waitFor();
    await frame.locator('.reader-notice', { hasText: 'カードリーダーが取り外されました' }).waitFor();
    // The host heard the same message through an `error` message (never a PIN in it).
    const message = (await failure.locator('p').first().textContent()).trim();
    await page.locator('#status', { hasText: message }).waitFor();
    assert.equal(await frame.locator('dialog[open]').count(), 0, 'no PIN was asked for');
    const after = await page.evaluate(async () => (await (await fetch('/api/records')).json()).records.length);
    assert.equal(after, before);
  } finally {
    await browser.close();
  }
});

/**
 * Mounts guidance `flow` through the host script on the demo host page, recording every step,
 * result and resize the host hears in `window.heard`; resolves to the running widget's frame.
 */
async function mountGuidance(page, flow, lang, relyingParty = 'Mihon City', extra = {}) {
  await page.evaluate(({ widgetOrigin, flow, lang, relyingParty, extra }) => {
    window.heard = [];
    window.MynawebWidget.mount(document.getElementById('widget-area'), {
      widgetOrigin, flow, lang, relyingParty, ...extra,
      onStep: (event) => window.heard.push(['step', event.flow, event.step]),
      onResult: (summary, info) => window.heard.push(['result', info.flow, info.kind, summary]),
      onResize: ({ height }) => window.heard.push(['resize', height]),
    });
  }, { widgetOrigin: origins.widget, flow, lang, relyingParty, extra });
  const frame = page.frameLocator(WIDGET_FRAME);
  await frame.locator('.widget-root[data-widget="running"]').waitFor();
  return frame;
}

/** What the host heard of one kind ('step', 'result', 'resize'), without the kind. */
const heard = (page, kind) =>
  page.evaluate((kind) => window.heard.filter((m) => m[0] === kind).map((m) => m.slice(1)), kind);

/** Waits until the host heard `count` messages of `kind`. */
async function hear(page, kind, count) {
  await page.waitForFunction(
    ({ kind, count }) => window.heard.filter((m) => m[0] === kind).length >= count,
    { kind, count },
  );
  return heard(page, kind);
}

/** Picks `value` on the phone helper's question `id` and goes on. */
async function phoneAnswer(frame, id, value) {
  const step = frame.locator(`.page-phone form.wizard-step[data-question="${id}"]`);
  await step.waitFor();
  await step.locator(`input[type="radio"][value="${value}"]`).check();
  await step.getByRole('button', { name: 'Next', exact: true }).click();
}

/** The iframe's height in CSS pixels, as the host page lays it out. */
const frameHeight = (page) => page.locator(WIDGET_FRAME).evaluate((el) => el.getBoundingClientRect().height);

test('phone helper in the widget: the host hears each step in order, then the advice id as the summary', async () => {
  const { browser, page, errors } = await openHost('rcs380');
  try {
    const frame = await mountGuidance(page, 'phone', 'en');
    await phoneAnswer(frame, 'what-happened', 'lost');
    await phoneAnswer(frame, 'already-suspended', 'no');
    await frame.locator('form.wizard-step[data-question="card-also-lost"]').waitFor();
    assert.deepEqual(await hear(page, 'step', 3), [
      ['phone', 'what-happened'],
      ['phone', 'already-suspended'],
      ['phone', 'card-also-lost'],
    ]);
    assert.deepEqual(await heard(page, 'result'), [], 'no outcome before the advice is shown');
    await phoneAnswer(frame, 'card-also-lost', 'yes');
    await frame.locator('.phone-answer[data-advice="call-to-suspend"]').waitFor();
    assert.deepEqual(await hear(page, 'result', 1), [
      ['phone', 'summary', { outcome: 'advice', advice: 'call-to-suspend' }],
    ]);
    assert.deepEqual((await heard(page, 'step')).at(-1), ['phone', 'answer']);
    assert.equal((await heard(page, 'step')).length, 4);
    // Back from the advice is a step again; a different answer gives a new summary.
    await frame.getByRole('button', { name: 'Back', exact: true }).click();
    await phoneAnswer(frame, 'card-also-lost', 'no');
    await frame.locator('.phone-answer[data-advice="call-to-suspend"]').waitFor();
    assert.deepEqual((await hear(page, 'step', 6)).slice(4), [['phone', 'card-also-lost'], ['phone', 'answer']]);
    assert.equal((await hear(page, 'result', 2)).length, 2);
    await screenshot(page, 'widget-host-phone-advice-en');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('overseas guidance in the widget: questions as steps, the checklist kind as the summary', async () => {
  const { browser, page, errors } = await openHost('rcs380');
  try {
    const frame = await mountGuidance(page, 'overseas', 'en');
    const answer = async (id, value) => {
      const step = frame.locator(`.page-overseas form.wizard-step[data-question="${id}"]`);
      await step.waitFor();
      await step.locator(`input[type="radio"][value="${value}"]`).check();
      await step.getByRole('button', { name: 'Next', exact: true }).click();
    };
    // A Japanese national already abroad with a valid card: maintenance abroad (flows.md §3).
    await answer('q1', 'yes');
    await answer('q2', 'no');
    await answer('q6', 'yes');
    await answer('q7', 'yes');
    await answer('q11', 'no');
    await frame.locator('.overseas-checklist[data-checklist="maintenance-abroad"]').waitFor();
    assert.deepEqual(await hear(page, 'result', 1), [
      ['overseas', 'summary', { outcome: 'checklist', checklist: 'maintenance-abroad' }],
    ]);
    assert.deepEqual(await heard(page, 'step'), [
      ['overseas', 'q1'], ['overseas', 'q2'], ['overseas', 'q6'], ['overseas', 'q7'], ['overseas', 'q11'], ['overseas', 'checklist'],
    ]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('the iframe follows the content height: it grows when a step makes the content taller, within the bounds', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    const frame = await mountGuidance(page, 'phone', 'en');
    await frame.locator('form.wizard-step[data-question="what-happened"]').waitFor();
    const first = (await hear(page, 'resize', 1)).at(-1)[0];
    // The host's 760px gives way to the reported height plus the iframe's 1px borders.
    await page.waitForFunction((h) => document.querySelector('iframe.mynaweb-widget').getBoundingClientRect().height === h + 2, first);
    const short = await frameHeight(page);
    assert.equal(short, Math.min(4000, Math.max(320, first + 2)));
    assert.notEqual(short, 760, 'the host height gave way to the reported one');
    const count = (await heard(page, 'resize')).length;
    await phoneAnswer(frame, 'what-happened', 'lost');
    await phoneAnswer(frame, 'already-suspended', 'no');
    await phoneAnswer(frame, 'card-also-lost', 'yes');
    await frame.locator('.phone-answer .call-box').first().waitFor();
    await hear(page, 'resize', count + 1);
    await page.waitForFunction((h) => document.querySelector('iframe.mynaweb-widget').getBoundingClientRect().height > h, short);
    const tall = await frameHeight(page);
    const last = (await heard(page, 'resize')).at(-1)[0];
    assert.equal(tall, Math.min(4000, Math.max(320, last + 2)));
    assert.ok(tall > short, `${short}px → ${tall}px`);
    // Everything shows: the widget's document does not scroll inside its frame.
    const contentFrame = await (await page.locator(WIDGET_FRAME).elementHandle()).contentFrame();
    const { scroll, inner } = await contentFrame.evaluate(() => ({
      scroll: document.scrollingElement.scrollHeight,
      inner: window.innerHeight,
    }));
    assert.ok(scroll <= inner, `content ${scroll}px in a ${inner}px frame`);
    await screenshot(page, 'widget-host-phone-grown-en');
    // With autoResize off the host keeps its own height (the demo page's CSS has a 36rem
    // minimum, so 700px); the reports still arrive.
    await page.evaluate(() => document.getElementById('widget-area').replaceChildren());
    await mountGuidance(page, 'phone', 'en', 'Mihon City', { autoResize: false, height: '700px' });
    await hear(page, 'resize', 1);
    assert.equal(await frameHeight(page), 700);
  } finally {
    await browser.close();
  }
});

test('account in the widget: the checked account reaches the host only after the explicit send button', async () => {
  const { browser, page, errors } = await openHost('rcs380');
  try {
    const frame = await mountGuidance(page, 'account', 'ja', 'みほん市');
    const screen = (id) => frame.locator(`.page-account[data-step="${id}"]`).waitFor();
    await screen('a0');
    await frame.getByRole('button', { name: '始める', exact: true }).click();
    await screen('a1');
    await frame.getByRole('button', { name: 'カードを読む', exact: true }).click();
    await enterPin(frame, '1234');
    await screen('a2');
    await frame.locator('button[data-mode="register"]').click();
    await screen('a3');
    await frame.locator('#account-bank-search').fill('みずほ');
    await frame.locator('#account-bank-search-option-0[data-code="0001"]').click();
    await screen('a4');
    await frame.locator('#account-branch-search').fill('とうきよう');
    await frame.locator('#account-branch-search-option-0[data-code="001"]').click();
    await frame.locator('#account-number').fill('1234');
    await frame.getByRole('button', { name: '次へ', exact: true }).click();
    await screen('a5');
    await frame.locator('#account-holder').fill('みほん　たろう');
    await frame.getByRole('button', { name: '次へ', exact: true }).click();
    await screen('a6');
    await frame.locator('#own-name-statement').check();
    await frame.getByRole('button', { name: '控えを作る', exact: true }).click();
    await screen('a7');
    const send = frame.locator('#widget-send');
    await send.waitFor();
    assert.match(await send.textContent(), /まだ何も送っていません。/);
    assert.equal(await send.locator('.widget-send-to').textContent(), 'みほん市');
    await screenshot(page, 'widget-host-account-send-ja');
    await axe(page, 'host page with the account widget at A7 and its send step');
    // Shown the copy sheet, the host has heard every step and no account.
    assert.deepEqual(
      (await hear(page, 'step', 8)).map(([, step]) => step),
      ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
    );
    await page.waitForTimeout(300);
    assert.deepEqual(await heard(page, 'result'), [], 'nothing is sent before the button');
    await frame.getByRole('button', { name: 'みほん市に送る', exact: true }).click();
    assert.deepEqual(await hear(page, 'result', 1), [
      ['account', 'summary', {
        outcome: 'account',
        mode: 'register',
        account: {
          bank_code: '0001', branch_code: '001', account_type: 'futsu',
          account_number: '0001234', holder_kana: 'ﾐﾎﾝ ﾀﾛｳ',
        },
      }],
    ]);
    await send.locator('.widget-sent', { hasText: 'この口座を手続き先に送りました。' }).waitFor();
    assert.equal(await frame.locator('#widget-send-button').count(), 0, 'sent once; the button is gone');
    // What the host heard holds no PIN and nothing read from the card.
    const all = JSON.stringify(await page.evaluate(() => window.heard));
    assert.ok(!all.includes('"1234"') && !all.includes('見本'), all);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('insurance in the widget: the pre-check outcome as the summary; "which document?" opens inside the widget as a step and the way back returns to R2', async () => {
  const { browser, page, errors } = await openHost('rcs380');
  try {
    const frame = await mountGuidance(page, 'insurance', 'en');
    await frame.locator('.page-insurance').waitFor();
    assert.deepEqual(await hear(page, 'step', 1), [['insurance', 'r0']]);
    // The demo card whose authentication certificate has expired (flows.md §8 E8).
    await frame.locator('#persona-picker').selectOption('expired-auth');
    await frame.getByRole('button', { name: 'Check my card' }).click();
    await frame.locator('.page-insurance .cert-valid-until').waitFor();
    await frame.getByRole('button', { name: 'Next', exact: true }).click();
    await frame.locator('[data-situation="E8"]').waitFor();
    // The outcome only: no date of the certificate, no PIN counter.
    assert.deepEqual(await hear(page, 'result', 1), [
      ['insurance', 'summary', { outcome: 'needs-attention', problems: ['certificate-expired'], channels: [] }],
    ]);
    const before = await heard(page, 'step');
    assert.deepEqual(before.at(-1), ['insurance', 'r2']);
    assert.deepEqual(before.filter(([, step]) => step === 'r1').length, 1, JSON.stringify(before));
    await frame.locator('.page-insurance').getByRole('button', { name: 'Which document do I show?' }).click();
    await frame.locator('.page-document').waitFor();
    assert.equal(await frame.locator('.page-insurance').isVisible(), false);
    assert.deepEqual((await hear(page, 'step', before.length + 1)).at(-1), ['insurance', 'document']);
    await screenshot(page, 'widget-host-insurance-document-en');
    await axe(page, 'host page with the insurance widget showing the document page');
    await frame.locator('#widget-back-to-flow').click();
    // Back where the person was: R2 with its help, reported as R2 again; no second outcome.
    await frame.locator('[data-situation="E8"]').waitFor();
    assert.equal(await frame.locator('.page-document').count(), 0);
    assert.deepEqual((await hear(page, 'step', before.length + 2)).at(-1), ['insurance', 'r2']);
    assert.equal((await heard(page, 'result')).length, 1);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a page of the host origin in another window, and a second init, cannot re-init the widget; a double submit of the PIN costs one try', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    await page.locator('#login-button').click();
    const { frame } = await widgetWithReader(page, 'Sony RC-S380');
    const before = Number(await frame.locator('.widget-root').getAttribute('data-ignored-messages'));
    const id = await page.evaluate(() => window.mynawebDemo.handle.id);
    const forged = { mynaweb: 1, id, type: 'init', flow: 'submission', lang: 'en', relyingParty: 'Evil', challenge: 'evil_challenge_0123456789' };
    // The right origin from the wrong window: another window of the host origin (event.source
    // is not the widget's parent).
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.evaluate(() => { window.open('/', 'same-origin-window'); }),
    ]);
    await popup.waitForLoadState();
    await popup.evaluate(({ forged, widget }) => window.opener.frames[0].postMessage(forged, widget), { forged, widget: origins.widget });
    // The right window and origin, but a second init once the widget runs.
    await page.evaluate(({ forged, widget }) => {
      document.querySelector('iframe.mynaweb-widget').contentWindow.postMessage(forged, widget);
    }, { forged, widget: origins.widget });
    const widgetFrame = page.frames().find((f) => f.url().startsWith(origins.widget));
    await widgetFrame.waitForFunction(
      (n) => Number(document.querySelector('.widget-root').dataset.ignoredMessages) >= n + 2,
      before,
    );
    assert.equal(Number(await frame.locator('.widget-root').getAttribute('data-ignored-messages')), before + 2);
    assert.equal(await frame.locator('.widget-relying-party strong').textContent(), 'みほん市 (Mihon City)');
    assert.equal(await frame.locator('.page-submission').count(), 0);
    await popup.close();

    // A wrong PIN submitted twice in one go (a double click): one VERIFY, one try spent.
    await frame.locator('#login-start').click();
    const dialog = frame.locator('dialog[open]');
    await dialog.waitFor();
    assert.equal(await dialog.locator('#pin-dialog-tries').textContent(), '残り3回');
    await dialog.locator('#pin-input').fill('9999');
    await dialog.locator('form').evaluate((form) => { form.requestSubmit(); form.requestSubmit(); });
    await frame.locator('#login-start').waitFor({ timeout: 60_000 });
    await frame.locator('#login-start').click();
    await dialog.waitFor();
    assert.equal(await dialog.locator('#pin-dialog-tries').textContent(), '残り2回');
    assert.equal(await page.evaluate(() => window.mynawebDemo.lastResult), null);
  } finally {
    await browser.close();
  }
});

/** The demo host page in a browser whose one virtual RC-S380 holds the card of `persona`. */
async function openHostWith(persona) {
  const browser = await launchBrowser({ fakeUsb: [{ model: 'rcs380', persona }] });
  const page = await browser.context.newPage();
  await page.goto(`${origins.host}/`);
  await page.locator('#login-button').waitFor();
  return { browser, page };
}

test('login on the last PIN try sends nothing without the explicit tick; a blocked PIN takes no entry', async () => {
  {
    const { browser, page } = await openHostWith('auth-one-try');
    try {
      await page.locator('#login-button').click();
      const { frame } = await widgetWithReader(page, 'Sony RC-S380');
      await frame.locator('#login-start').click();
      const dialog = frame.locator('dialog[open]');
      await dialog.waitFor();
      assert.equal(await dialog.locator('#pin-dialog-tries').textContent(), '残り1回');
      // The right PIN, but no tick: refused before any VERIFY, the try is still there.
      await dialog.locator('#pin-input').fill('1234');
      await dialog.getByRole('button', { name: '確認する' }).click();
      await frame.locator('.flow-body', { hasText: '確認のチェックがないと暗証番号を送りません' }).waitFor();
      await frame.locator('#login-start').click();
      await dialog.waitFor();
      assert.equal(await dialog.locator('#pin-dialog-tries').textContent(), '残り1回');
      // With the tick: verified and stored.
      await dialog.locator('#pin-input').fill('1234');
      await dialog.locator('input[type="checkbox"]').check();
      await dialog.getByRole('button', { name: '確認する' }).click();
      await frame.locator('#login-done').waitFor({ timeout: 60_000 });
      assert.match(await verifiedStatus(page), /^Verified and stored \(login, record \d+\)/);
    } finally {
      await browser.close();
    }
  }
  {
    const { browser, page } = await openHostWith('auth-blocked');
    try {
      await page.locator('#login-button').click();
      const { frame } = await widgetWithReader(page, 'Sony RC-S380');
      await frame.locator('#login-start').click();
      const dialog = frame.locator('dialog[open]');
      await dialog.waitFor();
      await dialog.locator('.notice-error').waitFor();
      assert.equal(await dialog.locator('#pin-input').count(), 0);
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      assert.equal(await page.evaluate(() => window.mynawebDemo.lastResult), null);
    } finally {
      await browser.close();
    }
  }
});

test('host script: a widgetOrigin with a slash or path is refused, two mounts are independent, a relying-party name with markup is shown as text, and destroying mid-login (PIN typed) delivers nothing', async () => {
  const { browser, page, errors } = await openHost('rcs380');
  try {
    const refusals = await page.evaluate((widget) => {
      const area = document.getElementById('widget-area');
      return [`${widget}/`, `${widget}/app`, widget.toUpperCase(), `${widget}:443`, 'null'].map((widgetOrigin) => {
        try {
          MynawebWidget.mount(area, { widgetOrigin, flow: 'insurance' });
          return 'mounted';
        } catch (e) {
          return `${e.name}: ${e.message}`;
        }
      });
    }, origins.widget);
    for (const refusal of refusals) assert.match(refusal, /^TypeError: widgetOrigin must be/);
    assert.equal(await page.locator('#widget-area iframe').count(), 0);

    const markup = '<img src=x onerror="window.pwned=1">市';
    const ids = await page.evaluate(async ({ widget, markup }) => {
      const area = document.getElementById('widget-area');
      const challenge = async () => (await (await fetch('/api/challenge', { method: 'POST', body: '{"purpose":"login"}' })).json()).challenge;
      window.delivered = [];
      const options = async (name) => ({
        widgetOrigin: widget, flow: 'login', relyingParty: name, challenge: await challenge(),
        onResult: (r) => window.delivered.push(r), onError: (e) => window.delivered.push(e),
      });
      window.first = MynawebWidget.mount(area, await options('First'));
      window.second = MynawebWidget.mount(area, await options(markup));
      return [window.first.id, window.second.id];
    }, { widget: origins.widget, markup });
    assert.notEqual(ids[0], ids[1]);
    assert.equal(await page.locator('#widget-area iframe').count(), 2);
    await page.evaluate(() => window.first.destroy());
    assert.equal(await page.locator('#widget-area iframe').count(), 1);

    const { frame } = await widgetWithReader(page, 'Sony RC-S380');
    assert.equal(await frame.locator('.widget-relying-party strong').textContent(), markup);
    assert.equal(await frame.locator('.widget-relying-party img').count(), 0);
    const recordsBefore = (await page.evaluate(async () => (await fetch('/api/records')).json())).records.length;
    await frame.locator('#login-start').click();
    const dialog = frame.locator('dialog[open]');
    await dialog.waitFor();
    // Closed with the PIN typed but not sent (the simulated card signs faster than a
    // round trip, so closing after the click would race the finished result).
    await dialog.locator('#pin-input').fill('1234');
    await page.evaluate(() => window.second.destroy());
    assert.equal(await page.locator('#widget-area iframe').count(), 0);
    await page.waitForTimeout(3000);
    assert.deepEqual(await page.evaluate(() => window.delivered), []);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    const recordsAfter = (await page.evaluate(async () => (await fetch('/api/records')).json())).records.length;
    assert.equal(recordsAfter, recordsBefore);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a relying-party name the statement cannot carry is refused before any card work, and the host is told', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    // Accepted by the init message's shape check (1–80 characters, no control character) but
    // not by the statement's rules (widget-protocol.md §2): a leading space, a zero-width space.
    for (const relyingParty of [' みほん市', 'みほん\u200b市']) {
      const errors = await page.evaluate(async ({ widget, relyingParty }) => {
        const area = document.getElementById('widget-area');
        area.innerHTML = '';
        const challenge = (await (await fetch('/api/challenge', { method: 'POST', body: '{"purpose":"login"}' })).json()).challenge;
        return new Promise((resolve) => {
          const seen = [];
          MynawebWidget.mount(area, {
            widgetOrigin: widget, flow: 'login', relyingParty, challenge,
            onError: (e) => { seen.push(e); resolve(seen); },
          });
          setTimeout(() => resolve(seen), 15_000);
        });
      }, { widget: origins.widget, relyingParty });
      assert.equal(errors.length, 1, relyingParty);
      assert.equal(errors[0].code, 'statement');
      assert.match(errors[0].message, /./);
      const frame = page.frameLocator(WIDGET_FRAME);
      await frame.locator('.widget-root[data-widget="running"] .widget-flow .notification').waitFor();
      assert.equal(await frame.locator('#login-start').count(), 0);
    }
  } finally {
    await browser.close();
  }
});

test('host script: options the widget would drop without a word are refused at mount', async () => {
  const { browser, page } = await openHost('rcs380');
  try {
    const outcomes = await page.evaluate((widgetOrigin) => {
      const area = document.getElementById('widget-area');
      const challenge = 'abcdefghijklmnop_0123-XYZ';
      const cases = [
        { flow: 'login', challenge },
        { flow: 'login', challenge, relyingParty: 42 },
        { flow: 'login', challenge, relyingParty: '' },
        { flow: 'login', challenge, relyingParty: '市'.repeat(81) },
        { flow: 'login', relyingParty: 'Mihon City' },
        { flow: 'submission', relyingParty: 'Mihon City', challenge: 'short' },
        { flow: 'login', relyingParty: 'Mihon City', challenge: `${challenge}!` },
        { flow: 'payment', relyingParty: 'Mihon City' },
        { flow: 'submission', relyingParty: 'Mihon City', challenge, data: 'bank' },
      ];
      return cases.map((options) => {
        try {
          MynawebWidget.mount(area, { widgetOrigin, ...options });
          return 'mounted';
        } catch (e) {
          return `${e.name}: ${e.message}`;
        }
      });
    }, origins.widget);
    const expected = [
      /^TypeError: relyingParty must be/, /^TypeError: relyingParty must be/, /^TypeError: relyingParty must be/,
      /^TypeError: relyingParty must be/, /^TypeError: challenge must be/, /^TypeError: challenge must be/,
      /^TypeError: challenge must be/, /^TypeError: flow must be one of/, /^TypeError: data must be/,
    ];
    assert.equal(outcomes.length, expected.length);
    outcomes.forEach((outcome, i) => assert.match(outcome, expected[i]));
    assert.equal(await page.locator('#widget-area iframe').count(), 0);
    // A well-formed guidance mount without a challenge still mounts.
    assert.equal(await page.evaluate((widgetOrigin) => {
      MynawebWidget.mount(document.getElementById('widget-area'), { widgetOrigin, flow: 'phone', relyingParty: 'Mihon City' });
      return document.querySelectorAll('#widget-area iframe').length;
    }, origins.widget), 1);
  } finally {
    await browser.close();
  }
});
