// The demo host page's script (crates/rp serves it as /demo-host.js on the host origin): what a
// local government writes around the widget. Each button gets a one-time challenge from this
// site's server, mounts the widget with it, and posts the widget's result back to the server,
// which verifies it with pki::rp and stores the record. The page ids are listed in
// crates/rp/src/page.rs.

const body = document.body;
const widgetOrigin = body.dataset.widgetOrigin;
const relyingParty = body.dataset.relyingParty;
const area = document.getElementById('widget-area');
const statusLine = document.getElementById('status');

/** What the page did last (read by the browser tests; holds no PIN — the widget never sends one). */
const demo = { handle: null, lastResult: null, lastVerify: null, lastChallenge: null, start };
window.mynawebDemo = demo;

function say(text) {
  statusLine.textContent = text;
}

async function api(path, payload) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { ok: response.ok, status: response.status, body: await response.json() };
}

function cell(row, content) {
  const td = document.createElement('td');
  if (Array.isArray(content)) {
    content.forEach((line, i) => {
      if (i) td.appendChild(document.createElement('br'));
      td.appendChild(document.createTextNode(line));
    });
  } else {
    td.textContent = content;
  }
  row.appendChild(td);
}

/** Re-reads the stored records (GET /api/records) into #records-body. */
async function refreshRecords() {
  const response = await fetch('/api/records');
  if (!response.ok) return;
  const { records } = await response.json();
  const tbody = document.getElementById('records-body');
  tbody.replaceChildren();
  for (const r of records) {
    const row = document.createElement('tr');
    row.dataset.recordKind = r.kind;
    row.dataset.recordId = String(r.id);
    cell(row, r.verifiedAt);
    cell(row, r.flow ? `${r.kind} (${r.flow})` : r.kind);
    cell(row, [`customer ${r.customerId}`, `serial ${r.certificate.serial}`, r.certificate.issuer]);
    const h = r.certificate.holder;
    cell(row, h ? [h.name, h.dateOfBirth, h.sex, h.address].filter(Boolean) : '(user-authentication certificate: no personal data)');
    cell(row, r.data.length ? r.data.map(([k, v]) => `${k}: ${v}`) : '—');
    tbody.appendChild(row);
  }
  document.getElementById('records-empty').hidden = records.length > 0;
}

/** Starts `flow` ('login' or 'submission'; `data` 'account' or 'consent' for a submission). */
async function start(flow, data) {
  if (demo.handle) demo.handle.destroy();
  demo.handle = null;
  say('Getting a one-time challenge from this city’s server…');
  const issued = await api('/api/challenge', { purpose: flow });
  if (!issued.ok) {
    say(`The server gave no challenge: ${issued.body.message}`);
    return;
  }
  // {challenge, purpose, flow, issuedAt, expiresAt}: what `mynaweb rp verify` takes as
  // --challenge, --issued-at and --expires-at for the result that follows.
  demo.lastChallenge = issued.body;
  demo.handle = window.MynawebWidget.mount(area, {
    widgetOrigin,
    flow,
    data,
    lang: 'ja',
    relyingParty,
    challenge: issued.body.challenge,
    title: flow === 'login' ? 'マイナンバーカードでログイン (mynaweb)' : 'マイナンバーカードで署名して送信 (mynaweb)',
    onReady: () => say('The card procedure is open below.'),
    onStep: ({ step }) => {
      body.dataset.widgetStep = step;
    },
    onResult: async (result) => {
      demo.lastResult = result;
      say('Checking the signature on this city’s server…');
      const verified = await api('/api/verify', { result });
      demo.lastVerify = verified;
      if (verified.ok) {
        say(`Verified and stored (${verified.body.record.kind}, record ${verified.body.record.id}). Revocation not checked: that needs the city's JPKI platform data.`);
        await refreshRecords();
      } else {
        say(`The server refused the result: ${verified.body.code} — ${verified.body.message}`);
      }
    },
    onError: ({ message }) => say(message),
    onClose: () => {
      if (demo.handle) demo.handle.destroy();
      demo.handle = null;
      say('Closed.');
    },
  });
}

document.getElementById('login-button').addEventListener('click', () => start('login'));
document.getElementById('register-button').addEventListener('click', () => start('submission', 'account'));
