// Received-SPF (RFC 7208 §9.1):
//
//   header-field   = "Received-SPF:" [CFWS] result FWS [comment FWS] [ key-value-list ] CRLF
//   key-value-list = key-value-pair *( ";" [CFWS] key-value-pair ) [";"]
//   key-value-pair = key [CFWS] "=" ( dot-atom / quoted-string )
//
// Real receivers also separate pairs with white space only, capitalise the result (`Pass`,
// `SoftFail`), or state the connecting IP only in the comment (Microsoft:
// `Pass (protection.outlook.com: domain of x designates 1.2.3.4 as permitted sender) receiver=…;`).
// clientIp is `client-ip=` when it is a valid address, else the IP the comment names.

import { asConstant, collapseSpace, commentEnd, isSpace } from '../chars';
import type { Diagnostic, ReceivedSpf } from '../types';
import { parseIpLiteral, permittedSenderIp } from './ip-text';

export type ParsedReceivedSpf = Omit<ReceivedSpf, 'header'> & { diagnostics: Diagnostic[] };

/**
 * RFC 7208 §8 results, plus RFC 4408's "error" and "unknown" that older receivers still write. A switch of
 * string compares (the length rejects most at once), not a Set: the result word is a fresh string, which a
 * Set lookup must hash first.
 */
function isSpfResult(word: string): boolean {
  switch (word) {
    case 'pass':
    case 'fail':
    case 'softfail':
    case 'neutral':
    case 'none':
    case 'temperror':
    case 'permerror':
    case 'error':
    case 'unknown':
      return true;
    default:
      return false;
  }
}

/**
 * collapseSpace(s[start, end)). The comment usually needs no collapsing (one space between words, none at
 * the ends): that is found with a few native searches, where collapseSpace reads it character by character.
 */
function collapsedComment(s: string, start: number, end: number): string {
  const text = s.slice(start, end);
  const n = text.length;
  if (
    n > 0 &&
    text.charCodeAt(0) !== 32 &&
    text.charCodeAt(n - 1) !== 32 &&
    !text.includes('  ') &&
    !text.includes('\t') &&
    !text.includes('\n') &&
    !text.includes('\r')
  )
    return text;
  return collapseSpace(text);
}

const QUOTE = 34;
const OPEN = 40;
const SEMI = 59;
const EQUALS = 61;
const BACKSLASH = 92;

/** The keys receivers write (client-ip, receiver and helo in most fields), as constants (see asConstant). */
const COMMON_KEYS = ['client-ip', 'receiver', 'helo', 'pr', 'envelope-from', 'identity', 'mechanism'];

/** Parses a Received-SPF field value (folded or unfolded). Never throws. */
export function parseReceivedSpf(value: string): ParsedReceivedSpf {
  const diagnostics: Diagnostic[] = [];
  const props: Record<string, string> = {};
  const s = value;
  const n = s.length;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  const resultStart = i;
  while (i < n) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    i++;
  }
  const result = s.slice(resultStart, i).toLowerCase();
  if (result === '') {
    diagnostics.push({ code: 'received-spf-missing-result', message: 'No SPF result word.', offset: resultStart });
  } else if (!isSpfResult(result)) {
    diagnostics.push({
      code: 'received-spf-unknown-result',
      message: `'${result}' is not an RFC 7208 result.`,
      offset: resultStart,
    });
  }
  const out: ParsedReceivedSpf = { result, props, diagnostics };

  let firstComment = true;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === SEMI) {
      i++;
      continue;
    }
    if (c === OPEN) {
      const end = commentEnd(s, i);
      if (end < 0) {
        diagnostics.push({
          code: 'received-spf-unterminated-comment',
          message: 'The comment is not closed.',
          offset: i,
        });
        if (firstComment) out.comment = collapsedComment(s, i + 1, n);
        break;
      }
      if (firstComment) out.comment = collapsedComment(s, i + 1, end - 1);
      firstComment = false;
      i = end;
      continue;
    }
    firstComment = false;
    // key [CFWS] "=" value
    const keyStart = i;
    let upper = false;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (isSpace(d) || d === EQUALS || d === SEMI || d === OPEN || d === QUOTE) break;
      if ((d >= 65 && d <= 90) || d > 127) upper = true; // toLowerCase only when it changes something
      i++;
    }
    const key = asConstant(upper ? s.slice(keyStart, i).toLowerCase() : s.slice(keyStart, i), COMMON_KEYS);
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (key === '' || i >= n || s.charCodeAt(i) !== EQUALS) {
      diagnostics.push({
        code: 'received-spf-unexpected',
        message: `Expected key=value at '${s.slice(keyStart, keyStart + 20)}'; skipped one word.`,
        offset: keyStart,
      });
      if (i === keyStart) i++;
      continue;
    }
    i++;
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    let val: string;
    if (i < n && s.charCodeAt(i) === QUOTE) {
      const start = i + 1;
      let j = start;
      let text = '';
      let from = start;
      while (j < n && s.charCodeAt(j) !== QUOTE) {
        if (s.charCodeAt(j) === BACKSLASH) {
          text += s.slice(from, j);
          from = j + 1;
          j++;
        }
        j++;
      }
      val = text + s.slice(from, Math.min(j, n));
      if (j >= n) {
        diagnostics.push({
          code: 'received-spf-unterminated-quote',
          message: 'A quoted value is not closed.',
          offset: i,
        });
      }
      i = j + 1;
    } else {
      const start = i;
      while (i < n) {
        const d = s.charCodeAt(i);
        if (isSpace(d) || d === SEMI || d === OPEN) break;
        i++;
      }
      val = s.slice(start, i);
    }
    if (key === '__proto__') continue;
    if (Object.hasOwn(props, key)) {
      diagnostics.push({
        code: 'received-spf-duplicate-key',
        message: `'${key}' repeated; the first value was kept.`,
        offset: keyStart,
      });
    } else {
      props[key] = val;
    }
  }

  const stated = props['client-ip'];
  const fromComment = out.comment === undefined ? undefined : permittedSenderIp(out.comment);
  if (stated !== undefined) {
    const ip = parseIpLiteral(stated);
    if (ip === undefined) {
      diagnostics.push({
        code: 'received-spf-bad-client-ip',
        message: `client-ip '${stated}' is not an IP address.`,
      });
    } else {
      out.clientIp = ip;
      if (fromComment !== undefined && fromComment !== ip) {
        diagnostics.push({
          code: 'received-spf-ip-mismatch',
          message: `client-ip ${ip} differs from the IP in the comment (${fromComment}).`,
        });
      }
    }
  }
  if (out.clientIp === undefined && fromComment !== undefined) out.clientIp = fromComment;
  return out;
}
