// What the user types on the options page, checked before it is stored as settings (./settings is what the
// popup and the background read; this part is the options page's alone, so the popup does not carry it).

/** A host name or domain with at least two labels (optional leading "*." or "."), lower-cased. */
const HOST = /^(?:\*\.|\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export type ParsedList = { values: string[]; rejected: string[] };

/** One host per line (or separated by commas/spaces); what is not a host name is returned as rejected. */
export function parseHostList(text: string): ParsedList {
  const values: string[] = [];
  const rejected: string[] = [];
  for (const token of text.split(/[\s,]+/)) {
    if (!token) continue;
    const host = token.toLowerCase().replace(/\.$/, '');
    if (host.length <= 253 && HOST.test(host)) {
      if (!values.includes(host)) values.push(host);
    } else rejected.push(token);
  }
  return { values, rejected };
}

/** One DoH endpoint per line; only https:// URLs are accepted (RFC 8484 requires HTTPS). */
export function parseResolverList(text: string): ParsedList {
  const values: string[] = [];
  const rejected: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (!token) continue;
    let url: URL | null = null;
    try {
      url = new URL(token);
    } catch {
      url = null;
    }
    if (url && url.protocol === 'https:' && !url.username && !url.password) {
      if (!values.includes(url.href)) values.push(url.href);
    } else rejected.push(token);
  }
  return { values, rejected };
}
