// The tag=value list of RFC 6376 §3.2, shared by DKIM-Signature, ARC-Seal and
// ARC-Message-Signature (RFC 8617 §4.1):
//
//   tag-list  = tag-spec *( ";" tag-spec ) [ ";" ]
//   tag-spec  = [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
//   tag-name  = ALPHA *ALNUMPUNC            ; ALNUMPUNC = ALPHA / DIGIT / "_"
//
// Values come back with all white space removed. For the signature tags this is exact: b=, bh=
// (base64), h= (a colon list) and z= (qp with spaces encoded) all ignore white space by definition,
// and every other tag's grammar has none. Tag names are case-sensitive (§3.2). A repeated tag makes
// the whole list invalid per §3.2; it is reported and the first value kept.

import { isSpace, SpaceFinder } from '../chars';
import type { Diagnostic } from '../types';

export interface ParsedTagList {
  tags: Record<string, string>;
  diagnostics: Diagnostic[];
}

const SEMI = 59;
const EQUALS = 61;

function isTagName(name: string): boolean {
  const first = name.charCodeAt(0) | 0x20;
  if (!(first >= 97 && first <= 122)) return false;
  for (let k = 1; k < name.length; k++) {
    const c = name.charCodeAt(k);
    const lower = c | 0x20;
    if (!((lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/**
 * s[start, end) without white space. Most values have none (all but the folded b=, bh= and h=) and are one
 * slice; otherwise the runs between white space are concatenated. `spaces` finds the white space natively.
 */
function withoutSpace(s: string, start: number, end: number, spaces: SpaceFinder): string {
  let at = spaces.next(start);
  if (at >= end) return s.slice(start, end);
  let text = '';
  let from = start;
  while (at < end) {
    if (at > from) text += s.slice(from, at);
    // The rest of the run read here: folded signatures indent each line of b= with some eight spaces, and a
    // search per space cost more than the rest of the value.
    from = at + 1;
    while (from < end && isSpace(s.charCodeAt(from))) from++;
    at = spaces.next(from);
  }
  if (end > from) text += s.slice(from, end);
  return text;
}

/** Parses a tag=value list. `prefix` names the diagnostics (`dkim`, `arc-seal`, …). Never throws. */
export function parseTagList(value: string, prefix = 'tag'): ParsedTagList {
  const tags: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const s = value;
  const n = s.length;
  const spaces = new SpaceFinder(s);
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === SEMI) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (d === EQUALS || d === SEMI || isSpace(d)) break;
      i++;
    }
    const name = s.slice(nameStart, i);
    while (i < n && isSpace(s.charCodeAt(i))) i++;
    if (i >= n || s.charCodeAt(i) !== EQUALS) {
      diagnostics.push({
        code: `${prefix}-malformed-tag`,
        message: `'${name}' is not followed by '='; skipped to the next ';'.`,
        offset: nameStart,
      });
      while (i < n && s.charCodeAt(i) !== SEMI) i++;
      continue;
    }
    // The value: everything up to ';' (found natively: values hold no ';'), white space dropped.
    let end = s.indexOf(';', i + 1);
    if (end < 0) end = n;
    const text = withoutSpace(s, i + 1, end, spaces);
    i = end;
    if (!isTagName(name)) {
      diagnostics.push({
        code: `${prefix}-bad-tag-name`,
        message: `'${name}' is not a valid tag name.`,
        offset: nameStart,
      });
    } else if (Object.hasOwn(tags, name)) {
      diagnostics.push({
        code: `${prefix}-duplicate-tag`,
        message: `Tag '${name}' appears more than once; the first value was kept.`,
        offset: nameStart,
      });
    } else {
      tags[name] = text;
    }
  }
  return { tags, diagnostics };
}
