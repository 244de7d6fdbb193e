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

export interface MountOptions {
  /** The widget's origin, exactly (`https://widget.example.jp`): the only origin heard. */
  widgetOrigin: string;
  /** The flow to show. */
  flow: Flow;
  /** For `submission`: sign the account (`account`) or the §6.2 consent (`consent`, default). */
  data?: 'account' | 'consent';
  /** Starting language (the person can switch). Default `ja`. */
  lang?: Lang;
  /** Your name as the person sees it and as it is signed (≤ 80 characters). */
  relyingParty: string;
  /** Your server's one-time challenge (16–128 of A–Z a–z 0–9 _ -); required for login and submission. */
  challenge?: string;
  /** Colours, e.g. `{ 'color-primary': '#0031d8' }`. */
  theme?: Partial<Record<ThemeToken, string>>;
  /** The iframe's accessible title. */
  title?: string;
  /** CSS height of the iframe (default `760px`). */
  height?: string;
  onReady?(event: { flows: Flow[] }): void;
  onStep?(event: { flow: Flow; step: string }): void;
  /** A card-backed result (login, submission) or a guidance flow's summary. */
  onResult?(result: CardResult | unknown): void;
  /** `message` is in the widget's language and never contains a PIN. */
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
