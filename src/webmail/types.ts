// The webmail adapter contract (DESIGN.md §8). Adapters arrive one per file; none exists yet.

export type Extracted =
  | { ok: true; raw: string; kind: 'message' | 'headers' }
  | {
      ok: false;
      reason: 'not-a-message' | 'logged-out' | 'layout-changed' | 'http-error' | 'unsupported';
      detail: string;
    };

export interface WebmailAdapter {
  id: string;
  name: string;
  /** Exported for the registry test: URLs this adapter must and must not claim. */
  testUrls: { match: string[]; noMatch: string[] };
  matches(url: URL): boolean;
  extract(ctx: { document: Document; url: URL; fetch: typeof fetch }): Promise<Extracted>;
  /** How the user gets "Show original" by hand in this webmail. */
  instructions: string;
}
