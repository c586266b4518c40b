// The webmail adapter contract (DESIGN.md §8). One adapter per file in src/webmail/, listed in registry.ts.

/** Which webmail answered, so the popup can name it and show its "Show original" steps on failure. */
export interface WebmailInfo {
  id: string;
  name: string;
  instructions: string;
}

export type ExtractFailureReason = 'not-a-message' | 'logged-out' | 'layout-changed' | 'http-error' | 'unsupported';

export type Extracted =
  | { ok: true; raw: string; kind: 'message' | 'headers'; webmail?: WebmailInfo }
  | {
      ok: false;
      reason: ExtractFailureReason;
      detail: string;
      /** Filled in by the content script (src/webmail/content.ts) for every answer it sends. */
      webmail?: WebmailInfo;
    };

/**
 * Facts only a MAIN-world script can read (page globals), passed in by whoever injects the content script.
 * Optional: every adapter also finds what it needs in the DOM.
 */
export interface ExtractHints {
  /** Gmail's per-account key: `GLOBALS[9]` or `window.GM_ID_KEY` in the page's own world. */
  gmailIk?: string;
}

export interface ExtractContext {
  document: Document;
  url: URL;
  fetch: typeof fetch;
  hints?: ExtractHints;
}

export interface WebmailAdapter {
  id: string;
  name: string;
  /** Exported for the registry test: URLs this adapter must and must not claim. */
  testUrls: { match: string[]; noMatch: string[] };
  matches(url: URL): boolean;
  /**
   * Self-hosted webmails (Roundcube, Zimbra) live on any host, so the URL alone cannot tell; they recognise
   * their own page signature instead. Consulted only when no adapter claims the URL.
   */
  detect?(document: Document): boolean;
  extract(ctx: ExtractContext): Promise<Extracted>;
  /** How the user gets "Show original" by hand in this webmail. */
  instructions: string;
}
