/*
 * mynaweb widget — mounts a mynaweb procedure (My Number Card over a USB reader) in an iframe
 * served from the widget's origin, and talks to it only through postMessage
 * (docs/widget-protocol.md §1).
 *
 * No build step. Load it as a classic script (it defines the global `MynawebWidget`) or import
 * `mynaweb-widget.mjs` as an ES module. The two sides keep an explicit origin allow-list:
 *   - this script posts only to `widgetOrigin` and hears only messages whose origin is exactly
 *     `widgetOrigin` and whose source is this iframe's window, of the protocol's shape, for this
 *     instance id; every other message is dropped and counted in `handle.ignoredMessages`;
 *   - the widget posts only to this page's origin, and only after its own allow-list
 *     (widget-config.json on the widget's origin) admitted this page.
 * Nothing about the person is ever put in the iframe's URL.
 */
(function (global) {
  'use strict';

  var VERSION = 1;
  var LANGS = ['ja', 'en', 'ja-easy'];
  // The flows this widget offers; login and submission sign the relying party's challenge.
  var FLOWS = ['insurance', 'account', 'overseas', 'phone', 'login', 'submission'];
  var SIGNING_FLOWS = ['login', 'submission'];
  var SUBMISSION_DATA = ['account', 'consent'];
  var CHALLENGE = /^[A-Za-z0-9_-]{16,128}$/;
  var MAX_RELYING_PARTY = 80;
  var MESSAGE_TYPES = ['ready', 'step', 'result', 'error', 'close', 'resize'];
  // Bounds of the iframe's height under autoResize, in CSS pixels (widget-protocol.md §1.3).
  var DEFAULT_MIN_HEIGHT = 320;
  var DEFAULT_MAX_HEIGHT = 4000;

  /** The serialized origin of `text`, which must be exactly one (scheme://host[:port]). */
  function checkOrigin(text, what) {
    var url;
    try {
      url = new URL(text);
    } catch (e) {
      throw new TypeError(what + ' must be an origin such as https://widget.example.jp');
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== text) {
      throw new TypeError(what + ' must be exactly an origin (scheme://host[:port], no path, no slash at the end)');
    }
    return url.origin;
  }

  /** 24 random characters of [A-Za-z0-9_-] (the instance id, never anything about the person). */
  function randomId() {
    var alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    var bytes = new Uint8Array(24);
    global.crypto.getRandomValues(bytes);
    var id = '';
    for (var i = 0; i < bytes.length; i++) id += alphabet.charAt(bytes[i] & 63);
    return id;
  }

  function call(callback, value, extra) {
    if (typeof callback === 'function') callback(value, extra);
  }

  /** A height bound in CSS pixels: `value` when it is a whole number ≥ 0, `fallback` when absent. */
  function bound(value, fallback, what) {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !isFinite(value) || value < 0 || Math.floor(value) !== value) {
      throw new TypeError(what + ' must be a whole number of CSS pixels');
    }
    return value;
  }

  /**
   * Mounts the widget into `element`. Returns a handle:
   * { iframe, id, ignoredMessages, destroy() }.
   * Unless `autoResize: false`, the iframe's height follows the widget's `resize` messages,
   * bounded by `minHeight` (320) and `maxHeight` (4000) CSS pixels.
   */
  function mount(element, options) {
    if (!element || typeof element.appendChild !== 'function') {
      throw new TypeError('mount needs an element to put the widget in');
    }
    options = options || {};
    var widgetOrigin = checkOrigin(options.widgetOrigin, 'widgetOrigin');
    if (typeof options.flow !== 'string' || !options.flow) {
      throw new TypeError('flow is required (login, submission, insurance, …)');
    }
    // The widget drops (and only counts) an init it cannot use, so catch that here, loudly.
    if (FLOWS.indexOf(options.flow) < 0) {
      throw new TypeError('flow must be one of ' + FLOWS.join(', '));
    }
    if (options.lang !== undefined && LANGS.indexOf(options.lang) < 0) {
      throw new TypeError('lang must be ja, en or ja-easy');
    }
    var name = options.relyingParty;
    if (typeof name !== 'string' || !name.trim() || Array.from(name).length > MAX_RELYING_PARTY) {
      throw new TypeError('relyingParty must be your name as the person should see it, 1–80 characters');
    }
    var signing = SIGNING_FLOWS.indexOf(options.flow) >= 0;
    if (signing ? typeof options.challenge !== 'string' || !CHALLENGE.test(options.challenge)
      : options.challenge !== undefined && options.challenge !== null
        && (typeof options.challenge !== 'string' || !CHALLENGE.test(options.challenge))) {
      throw new TypeError('challenge must be your server\'s one-time challenge, 16–128 of A–Z a–z 0–9 _ - (required for login and submission)');
    }
    if (options.data !== undefined && SUBMISSION_DATA.indexOf(options.data) < 0) {
      throw new TypeError('data must be account or consent');
    }
    var autoResize = options.autoResize !== false;
    var minHeight = bound(options.minHeight, DEFAULT_MIN_HEIGHT, 'minHeight');
    var maxHeight = bound(options.maxHeight, DEFAULT_MAX_HEIGHT, 'maxHeight');
    if (minHeight > maxHeight) throw new TypeError('minHeight must not exceed maxHeight');
    var hostOrigin = global.location.origin;
    var id = randomId();
    var iframe = global.document.createElement('iframe');
    // The language rides in the URL too, so the screens before init (and a refusal) speak it;
    // a language is not personal data. Nothing about the person is ever put in the URL.
    iframe.src = widgetOrigin + '/?embed=1&host=' + encodeURIComponent(hostOrigin) + '&id=' + id
      + (options.lang !== undefined ? '&lang=' + options.lang : '');
    // WebUSB inside an iframe needs the permissions policy to allow it (readers.md §4.1).
    iframe.setAttribute('allow', 'usb');
    iframe.title = options.title || 'マイナンバーカードの手続き (mynaweb)';
    iframe.className = 'mynaweb-widget';
    iframe.style.width = '100%';
    iframe.style.height = options.height || '760px';
    iframe.style.border = '1px solid #767676';
    iframe.style.borderRadius = '8px';
    iframe.style.boxSizing = 'border-box';
    iframe.style.display = 'block';

    var handle = { iframe: iframe, id: id, ignoredMessages: 0, destroy: destroy };

    /** Fits the iframe to the content height the widget reported, within the bounds. */
    function resize(height) {
      if (!autoResize || typeof height !== 'number' || !isFinite(height) || height < 0) return;
      // The iframe's own border (box-sizing: border-box) comes on top of the content.
      var border = iframe.offsetHeight - iframe.clientHeight;
      var wanted = Math.ceil(height) + (border > 0 ? border : 0);
      iframe.style.height = Math.min(maxHeight, Math.max(minHeight, wanted)) + 'px';
    }

    function post(message) {
      var target = iframe.contentWindow;
      if (!target) return;
      message.mynaweb = VERSION;
      message.id = id;
      target.postMessage(message, widgetOrigin);
    }

    function init() {
      var message = { type: 'init', flow: options.flow, relyingParty: options.relyingParty };
      if (options.lang !== undefined) message.lang = options.lang;
      if (options.challenge !== undefined) message.challenge = options.challenge;
      if (options.data !== undefined) message.data = options.data;
      if (options.theme !== undefined) message.theme = options.theme;
      post(message);
    }

    function onMessage(event) {
      var m = event.data;
      var ours =
        event.origin === widgetOrigin &&
        event.source === iframe.contentWindow &&
        m !== null &&
        typeof m === 'object' &&
        m.mynaweb === VERSION &&
        m.id === id &&
        MESSAGE_TYPES.indexOf(m.type) >= 0;
      if (!ours) {
        handle.ignoredMessages += 1;
        return;
      }
      switch (m.type) {
        case 'ready':
          init();
          call(options.onReady, { flows: m.flows });
          break;
        case 'step':
          call(options.onStep, { flow: m.flow, step: m.step });
          break;
        case 'result':
          // A card-backed result (login, submission) or a guidance flow's summary (§1.2).
          if (m.result !== undefined) call(options.onResult, m.result, { flow: m.flow, kind: 'result' });
          else call(options.onResult, m.summary, { flow: m.flow, kind: 'summary' });
          break;
        case 'resize':
          resize(m.height);
          call(options.onResize, { height: m.height });
          break;
        case 'error':
          call(options.onError, { code: m.code, message: m.message });
          break;
        case 'close':
          call(options.onClose, {});
          break;
      }
    }

    function destroy() {
      global.removeEventListener('message', onMessage);
      if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
    }

    global.addEventListener('message', onMessage);
    element.appendChild(iframe);
    return handle;
  }

  global.MynawebWidget = { mount: mount, version: '0.1.0' };
})(typeof globalThis !== 'undefined' ? globalThis : window);
