// Types of the mynaweb widget (docs/widget-protocol.md). The same API is the global
// `MynawebWidget` (classic script) and the exports of `mynaweb-widget.mjs`.

/** A flow the widget can show (widget-protocol.md §1 "Flows"). */
export type Flow = 'insurance' | 'account' | 'overseas' | 'phone' | 'login' | 'submission';

/** `ja`, `en` or やさしい日本語 (`ja-easy`). */
export type Lang = 'ja' | 'en' | 'ja-easy';

/** Design tokens the host may set; values are `#rrggbb`. Other names are ignored. */
export type ThemeToken =
  | 'color-primary'
  | 'color-on-primary'
  | 'color-text'
  | 'color-bg'
  | 'color-surface'
  | 'color-border'
  | 'color-link'
  | 'color-focus';

/** Card-login result (widget-protocol.md §3): send it to your server unchanged. */
export interface LoginResult {
  version: 1;
  kind: 'login';
  /** The exact statement text that was signed (§2). */
  statement: string;
  /** Base64 DER of the user-authentication certificate. */
  certificate: string;
  hash: 'sha256';
  /** Base64 RSA PKCS#1 v1.5 signature over DigestInfo(SHA-256(statement)). */
  signature: string;
}

/** Signed-submission result (widget-protocol.md §3): send it to your server unchanged. */
export interface SubmissionResult {
  version: 1;
  kind: 'submission';
  statement: string;
  /** Base64 DER of the signature certificate (carries the 4 items; never the My Number). */
  certificate: string;
  /** Base64 DER of a detached CMS SignedData over the statement bytes (SHA-256). */
  cms: string;
}

export type CardResult = LoginResult | SubmissionResult;

/** Insurance pre-check outcome (widget-protocol.md §1.2). No dates, no PIN counters. */
export type InsuranceSummary =
  | {
      outcome: 'needs-attention';
      problems: Array<'certificate-expired' | 'auth-pin-locked' | 'face-only-card' | 'other'>;
      /** Channels still possible before the problems are fixed (may be empty). */
      channels: Array<'mynaportal' | 'clinic' | 'atm'>;
    }
  | { outcome: 'ready'; channel: 'mynaportal' | 'clinic' | 'atm' };

/** Overseas guidance outcome: the checklist shown, or not eligible (never why). */
export type OverseasSummary =
  | {
      outcome: 'checklist';
      checklist: 'continued-use' | 'new-card-before-leaving' | 'maintenance-abroad' | 'new-card-from-abroad';
    }
  | { outcome: 'not-eligible' };

/** Smartphone helper outcome: the advice shown. */
export interface PhoneSummary {
  outcome: 'advice';
  advice:
    | 'revoke-sold'
    | 'revoke-disposed'
    | 'revoke-repair'
    | 'model-change'
    | 'call-to-suspend'
    | 'lift-suspension'
    | 'revoke-per-manual'
    | 'reset-password'
    | 'other';
}

/**
 * Account outcome: the checked account, posted only when the person pressed the widget's
 * "send to <relying party>" button. Keys as in the signed statement (§2). Not signed: for proof,
 * use the `submission` flow with `data: 'account'`.
 */
export interface AccountSummary {
  outcome: 'account';
  mode: 'register' | 'change';
  account: {
    bank_code: string;
    branch_code: string;
    account_type: 'futsu' | 'toza';
    account_number: string;
    /** Zengin half-width kana. */
    holder_kana: string;
  };
}

export type GuidanceSummary = InsuranceSummary | OverseasSummary | PhoneSummary | AccountSummary;

export interface MountOptions {
  /** The widget's origin, exactly (`https://widget.example.jp`): the only origin heard. */
  widgetOrigin: string;
  /** The flow to show. */
  flow: Flow;
  /** For `submission`: sign the account (`account`) or the §6.2 consent (`consent`, default). */
  data?: 'account' | 'consent';
  /**
   * Starting language (the person can switch). Default `ja`. Also put in the iframe URL
   * (`&lang=`), so the screens before `init`, a refusal included, use it; without it they use
   * the browser's language.
   */
  lang?: Lang;
  /** Your name as the person sees it and as it is signed (≤ 80 characters). */
  relyingParty: string;
  /** Your server's one-time challenge (16–128 of A–Z a–z 0–9 _ -); required for login and submission. */
  challenge?: string;
  /** Colours, e.g. `{ 'color-primary': '#0031d8' }`. */
  theme?: Partial<Record<ThemeToken, string>>;
  /** The iframe's accessible title. */
  title?: string;
  /** CSS height of the iframe until the widget reports its content height (default `760px`). */
  height?: string;
  /** Fit the iframe's height to the content the widget reports (`resize`, §1.3). Default `true`. */
  autoResize?: boolean;
  /** Smallest height under autoResize, CSS pixels (default 320). */
  minHeight?: number;
  /** Largest height under autoResize, CSS pixels (default 4000); beyond it the widget scrolls. */
  maxHeight?: number;
  onReady?(event: { flows: Flow[] }): void;
  onStep?(event: { flow: Flow; step: string }): void;
  /**
   * A card-backed result (login, submission; `info.kind` is `'result'`: send it to your server) or
   * a guidance flow's summary (`info.kind` is `'summary'`, §1.2; unsigned, for your page only). A
   * guidance flow posts a new summary when the person goes back and reaches another outcome: the
   * last one counts.
   */
  onResult?(result: CardResult | GuidanceSummary, info: { flow: Flow; kind: 'result' | 'summary' }): void;
  /** The content height the widget reported (after autoResize applied it). */
  onResize?(event: { height: number }): void;
  /**
   * `message` is in the widget's language and never contains a PIN. `code` is a stable id, e.g.
   * `statement`, `wrong-pin`, `pin-blocked`, `card`, `no-reader` (no card reader connected yet:
   * a widget whose `widget-config.json` has no `"demoCard": true` starts without a card).
   */
  onError?(event: { code: string; message: string }): void;
  onClose?(event: Record<string, never>): void;
}

export interface WidgetHandle {
  readonly iframe: HTMLIFrameElement;
  /** The instance id in the iframe URL and every message. */
  readonly id: string;
  /** Messages dropped: another origin or window, or not of the protocol's shape. */
  readonly ignoredMessages: number;
  /** Stops listening and removes the iframe. */
  destroy(): void;
}

export declare function mount(element: Element, options: MountOptions): WidgetHandle;
export declare const version: string;

declare const MynawebWidget: { mount: typeof mount; version: string };
export default MynawebWidget;

declare global {
  interface Window {
    MynawebWidget: { mount: typeof mount; version: string };
  }
}
