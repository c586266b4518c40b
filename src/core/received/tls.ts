// TLS details as MTAs write them in Received comments:
//   Postfix    (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
//   Sendmail   (version=TLSv1/SSLv3 cipher=RC4-MD5 bits=128 verify=NO)
//   Google     (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128)
//   Microsoft  (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)
//   Exim       (TLSv1:AES256-SHA:256), (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256), (TLS-1.0:DHE_RSA_3DES_EDE_CBC_SHA:24);
//              4.93+ (TLS1.3) tls TLS_AES_256_GCM_SHA384, the cipher outside the comment
//   qmail-tls  (DHE-RSA-AES256-SHA encrypted)

import type { Hop } from '../types';

type Tls = NonNullable<Hop['tls']>;

function stripComma(word: string): string {
  return word.endsWith(',') ? word.slice(0, -1) : word;
}

function leadingNumber(text: string): number | undefined {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i === 0 || i > 5 ? undefined : Number(text.slice(0, i));
}

function isTlsVersion(word: string): boolean {
  // Most words here are cipher names or numbers: an ASCII first letter other than t/s settles it without
  // the upper-cased copy (beyond ASCII, toUpperCase can still map ſ to S, so those take the long way).
  const c = word.charCodeAt(0) | 32;
  if (c < 128 && c !== 116 && c !== 115) return false;
  const w = word.toUpperCase();
  return w.startsWith('TLS') || w.startsWith('SSL');
}

/** Reads one comment's words; undefined when the comment says nothing about TLS. */
export function readTls(words: string[]): Tls | undefined {
  const first = words[0];
  if (first === undefined) return undefined;
  if (first === 'using' && words[2] === 'with' && words[3] === 'cipher') {
    const tls: Tls = { version: words[1]! };
    if (words[4] !== undefined) tls.cipher = words[4];
    const bits = words[5] === undefined ? undefined : leadingNumber(words[5].slice(1));
    if (bits !== undefined) tls.bits = bits;
    return tls;
  }
  if (first.startsWith('version=') || first.startsWith('cipher=')) {
    const tls: Tls = {};
    for (const raw of words) {
      const w = stripComma(raw);
      if (w.startsWith('version=')) tls.version = w.slice(8);
      else if (w.startsWith('cipher=')) tls.cipher = w.slice(7);
      else if (w.startsWith('bits=')) {
        const bits = leadingNumber(w.slice(5));
        if (bits !== undefined) tls.bits = bits;
      }
    }
    return tls;
  }
  if (words.length <= 2 && isTlsVersion(first)) {
    const a = first.indexOf(':');
    const b = first.lastIndexOf(':');
    if (a > 0 && b > a) {
      const tls: Tls = { version: first.slice(0, a), cipher: first.slice(a + 1, b) };
      const bits = leadingNumber(first.slice(b + 1));
      if (bits !== undefined) tls.bits = bits;
      return tls;
    }
    // Exim 4.93+: the version alone, `(TLS1.3)` or `(TLSv1.3)`, its cipher after a `tls` atom in the with clause
    // (parse.ts). A digit after the name and its `v`: a one-word comment such as `(tlsgate)` is no version.
    const d = first.charCodeAt((first.charCodeAt(3) | 32) === 118 ? 4 : 3);
    if (a < 0 && words.length === 1 && d >= 48 && d <= 57) return { version: first };
  }
  if (words.length === 2 && words[1] === 'encrypted') return { cipher: first };
  return undefined;
}
