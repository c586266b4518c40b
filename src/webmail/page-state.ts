// Reading a webmail's page state from the isolated world. Page globals (Gmail's GLOBALS, Roundcube's rcmail.env)
// are invisible to a content script, but the inline <script> that set them is ordinary DOM text, and so are
// links and data attributes. These helpers read that text with linear scanners, never with eval.

/** The text of every inline script in the document, in order. */
export function inlineScripts(document: Document): string[] {
  const texts: string[] = [];
  for (const script of Array.from(document.querySelectorAll('script:not([src])'))) {
    const text = script.textContent;
    if (text) texts.push(text);
  }
  return texts;
}

/**
 * The balanced `{…}` or `[…]` literal that starts at `start` (which must be the opening bracket), skipping
 * brackets inside quoted strings. Returns null when it never closes. One pass over the text.
 */
export function balancedLiteral(text: string, start: number): string | null {
  const open = text[start];
  if (open !== '{' && open !== '[') return null;
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}

/**
 * The top-level elements of an array literal as source text (`[a, "b,c", [d]]` → `a`, `"b,c"`, `[d]`).
 * Empty slots (`[,,x]`) come back as empty strings, as JavaScript counts them.
 */
export function arrayElements(literal: string): string[] {
  const elements: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let from = 1;
  for (let i = 1; i < literal.length - 1; i++) {
    const c = literal[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      elements.push(literal.slice(from, i).trim());
      from = i + 1;
    }
  }
  elements.push(literal.slice(from, literal.length - 1).trim());
  return elements;
}

/** A JavaScript string literal's value ('…' or "…"), or null when the source text is not one. */
export function stringLiteralValue(source: string): string | null {
  const q = source[0];
  if ((q !== '"' && q !== "'") || source.length < 2 || source[source.length - 1] !== q) return null;
  const body = source.slice(1, -1);
  if (q === '"') {
    try {
      return JSON.parse(source) as string;
    } catch {
      return null;
    }
  }
  return body.replace(/\\(.)/g, '$1');
}

/** Parses a JSON object literal found in page text, or null. */
export function parseJsonObject(literal: string | null): Record<string, unknown> | null {
  if (!literal) return null;
  try {
    const value: unknown = JSON.parse(literal);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The value of a cookie visible to scripts (not HttpOnly), or null. */
export function readCookie(document: Document, name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

/** True when the element is laid out and overlaps the viewport (false in a DOM without layout). */
export function isInViewport(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return false;
  const view = element.ownerDocument.defaultView;
  const height = view?.innerHeight ?? 0;
  return rect.bottom > 0 && rect.top < height;
}
