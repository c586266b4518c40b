// Canonicalisation (RFC 6376 §3.4): the exact text a DKIM signature, an ARC-Message-Signature or an
// ARC-Seal was computed over. Everything here works on the JS string and returns a string; verify.ts
// encodes the result to UTF-8 octets (bytes.ts) before hashing.
//
// Line breaks: a header field's `raw` keeps the message's own breaks (CRLF, LF or CR, see headers/read.ts);
// on the wire they were CRLF, which is what a signer saw, so every break is CRLF here. In a body, CRLF and
// LF end a line; a bare CR inside an LF text is content (as in headers/read.ts and mailauth's parser).

import { isWsp } from '../chars';

export type Canonicalization = 'simple' | 'relaxed';

const CR = 13;
const LF = 10;
const SP = 32;
const TAB = 9;

/** Rewrites every line break (CRLF, LF, CR) of a header field as CRLF. */
function crlf(raw: string): string {
  if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) return raw;
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === CR || c === LF) {
      out += raw.slice(from, i) + '\r\n';
      if (c === CR && raw.charCodeAt(i + 1) === LF) i++;
      from = i + 1;
    }
  }
  return out + raw.slice(from);
}

/**
 * "simple" header canonicalisation (§3.4.1): the field exactly as it is, folding included, with CRLF breaks.
 * No trailing CRLF: the caller adds it for signed fields and leaves it off the signature field (§3.7).
 */
export function simpleHeader(raw: string): string {
  return crlf(raw);
}

/**
 * "relaxed" header canonicalisation (§3.4.2): name lower-cased; unfolded; runs of SP/HTAB become one SP;
 * white space around the colon and at the end of the value removed. No trailing CRLF (see simpleHeader).
 */
export function relaxedHeader(raw: string): string {
  const colon = raw.indexOf(':');
  let nameEnd = colon < 0 ? raw.length : colon;
  while (
    nameEnd > 0 &&
    (isWsp(raw.charCodeAt(nameEnd - 1)) || raw.charCodeAt(nameEnd - 1) === CR || raw.charCodeAt(nameEnd - 1) === LF)
  ) {
    nameEnd--;
  }
  const name = raw.slice(0, nameEnd).toLowerCase();
  if (colon < 0) return name + ':';
  let value = '';
  let pendingSpace = false;
  for (let i = colon + 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === CR || c === LF) continue; // unfold: the break goes, the white space after it stays (then shrinks)
    if (isWsp(c)) {
      pendingSpace = value.length > 0;
      continue;
    }
    if (pendingSpace) value += ' ';
    pendingSpace = false;
    // Copy the run of non-space characters in one slice.
    let j = i + 1;
    while (j < raw.length) {
      const d = raw.charCodeAt(j);
      if (isWsp(d) || d === CR || d === LF) break;
      j++;
    }
    value += raw.slice(i, j);
    i = j - 1;
  }
  return `${name}:${value}`;
}

export function canonicalizeHeader(raw: string, canon: Canonicalization): string {
  return canon === 'simple' ? simpleHeader(raw) : relaxedHeader(raw);
}

/**
 * The signature field with the value of its b= tag deleted (§3.7; RFC 8617 §5.1.1 for the seal): everything
 * after "b=" up to the next ";" or the end, folding included. Works on canonicalised or raw text. Tags are
 * found by the tag-list grammar (§3.2), so "bh=" and a "b=" inside another tag's value are left alone.
 */
export function withoutSignatureValue(field: string): string {
  const colon = field.indexOf(':');
  let i = colon + 1;
  const n = field.length;
  while (i < n) {
    // At the start of a tag-spec: skip FWS, read the name.
    while (i < n && (isWsp(field.charCodeAt(i)) || field.charCodeAt(i) === CR || field.charCodeAt(i) === LF)) i++;
    const nameStart = i;
    while (i < n) {
      const c = field.charCodeAt(i);
      if (c === 61 || c === 59 || isWsp(c) || c === CR || c === LF) break;
      i++;
    }
    const name = field.slice(nameStart, i);
    while (i < n && (isWsp(field.charCodeAt(i)) || field.charCodeAt(i) === CR || field.charCodeAt(i) === LF)) i++;
    const semi = field.indexOf(';', i);
    const end = semi < 0 ? n : semi;
    if (name === 'b' && field.charCodeAt(i) === 61) return field.slice(0, i + 1) + field.slice(end);
    i = end + 1;
  }
  return field;
}

/** The body's lines, split at CRLF or LF; the last element is what follows the final break ('' if none). */
function bodyLines(body: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (;;) {
    const lf = body.indexOf('\n', from);
    if (lf < 0) {
      lines.push(body.slice(from));
      return lines;
    }
    const end = lf > from && body.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    lines.push(body.slice(from, end));
    from = lf + 1;
  }
}

/** "simple" body canonicalisation (§3.4.3): trailing empty lines removed; an empty body is one CRLF. */
export function simpleBody(body: string): string {
  const lines = bodyLines(body);
  // A body ending in a line break leaves a final '' that is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return '\r\n';
  return lines.join('\r\n') + '\r\n';
}

/**
 * "relaxed" body canonicalisation (§3.4.4): white space at line ends removed, runs of SP/HTAB become one SP,
 * trailing empty lines removed; an empty body stays empty.
 */
export function relaxedBody(body: string): string {
  const lines = bodyLines(body);
  const out: string[] = [];
  for (const line of lines) out.push(relaxedBodyLine(line));
  if (out.length > 0 && lines[lines.length - 1] === '') out.pop();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  if (out.length === 0) return '';
  return out.join('\r\n') + '\r\n';
}

function relaxedBodyLine(line: string): string {
  let plain = true;
  for (let i = 0; i < line.length; i++) {
    if (
      line.charCodeAt(i) === TAB ||
      (line.charCodeAt(i) === SP && (i + 1 === line.length || isWsp(line.charCodeAt(i + 1))))
    ) {
      plain = false;
      break;
    }
  }
  if (plain) return line;
  let out = '';
  let pendingSpace = false;
  let from = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isWsp(c)) {
      if (from >= 0) {
        out += line.slice(from, i);
        from = -1;
      }
      pendingSpace = true;
      continue;
    }
    if (from < 0) {
      if (pendingSpace) out += ' ';
      pendingSpace = false;
      from = i;
    }
  }
  if (from >= 0) out += line.slice(from);
  return out;
}

export function canonicalizeBody(body: string, canon: Canonicalization): string {
  return canon === 'simple' ? simpleBody(body) : relaxedBody(body);
}

/** Splits c= into header and body canonicalisation (§3.5: default simple/simple; "relaxed" = relaxed/simple). */
export function parseCanonicalization(
  c: string | undefined,
): { header: Canonicalization; body: Canonicalization } | undefined {
  const text = (c ?? '').toLowerCase();
  if (text === '') return { header: 'simple', body: 'simple' };
  const slash = text.indexOf('/');
  const header = slash < 0 ? text : text.slice(0, slash);
  const body = slash < 0 ? 'simple' : text.slice(slash + 1);
  if ((header !== 'simple' && header !== 'relaxed') || (body !== 'simple' && body !== 'relaxed')) return undefined;
  return { header, body };
}
