// A small DKIM signer for tests, written apart from src/core/dkim (its own canonicalisation, with regular
// expressions on Buffers, the way a reader would check RFC 6376 §3.4 by hand) so that a bug in the
// verifier's canonicalisation is not mirrored here. Keys are generated at test time with node:crypto.

import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

export type Algorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';
export type Canon = 'simple' | 'relaxed';

export interface TestKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  type: 'rsa' | 'ed25519';
  /** The TXT record text: v=DKIM1; k=…; p=… */
  record: string;
}

export function makeKey(type: 'rsa' | 'ed25519', bits = 2048): TestKey {
  const pair = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ed25519');
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  // RFC 8463 §4: an Ed25519 p= is the bare 32-byte key, the tail of its SPKI.
  const p = (type === 'rsa' ? spki : spki.subarray(spki.length - 32)).toString('base64');
  return { ...pair, type, record: `v=DKIM1; k=${type}; p=${p}` };
}

export interface SignOptions {
  key: TestKey;
  algorithm?: Algorithm;
  domain?: string;
  selector?: string;
  headerCanon?: Canon;
  bodyCanon?: Canon;
  /** h= as written (names may repeat for over-signing). Default from:to:subject:date:message-id. */
  fields?: string[];
  /** l=: sign only this many bytes of the canonicalised body. */
  bodyLength?: number;
  identity?: string;
  timestamp?: number;
  expiration?: number;
  /** Fold the signature field over several lines (as most signers do). */
  fold?: boolean;
}

const CRLF = '\r\n';

/** Splits a message at the first empty line; both halves use CRLF. */
export function splitMessage(message: string): { head: string; body: string } {
  const text = message.replace(/\r?\n/g, CRLF);
  const at = text.indexOf(CRLF + CRLF);
  if (at < 0) return { head: text, body: '' };
  return { head: text.slice(0, at), body: text.slice(at + 4) };
}

/** Header fields with their folding, in order. */
export function fieldsOf(head: string): string[] {
  const fields: string[] = [];
  for (const line of head.split(CRLF)) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += CRLF + line;
    else fields.push(line);
  }
  return fields;
}

function canonHeader(field: string, canon: Canon): Buffer {
  if (canon === 'simple') return Buffer.from(field, 'utf8');
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return Buffer.from(`${name}:${value}`, 'utf8');
}

export function canonBody(body: string, canon: Canon): Buffer {
  let text = body;
  if (canon === 'relaxed') {
    text = text
      .split(CRLF)
      .map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
      .join(CRLF);
  }
  text = text.replace(/(\r\n)*$/, '');
  if (text === '') return Buffer.from(canon === 'simple' ? CRLF : '', 'utf8');
  return Buffer.from(text + CRLF, 'utf8');
}

function hashName(algorithm: Algorithm): 'sha1' | 'sha256' {
  return algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
}

/** Returns the message with a DKIM-Signature field prepended. */
export function signMessage(message: string, options: SignOptions): string {
  const algorithm = options.algorithm ?? (options.key.type === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256');
  const headerCanon = options.headerCanon ?? 'relaxed';
  const bodyCanon = options.bodyCanon ?? 'relaxed';
  const fields = options.fields ?? ['from', 'to', 'subject', 'date', 'message-id'];
  const { head, body } = splitMessage(message);
  const headerFields = fieldsOf(head);

  let canonical = canonBody(body, bodyCanon);
  if (options.bodyLength !== undefined) canonical = canonical.subarray(0, options.bodyLength);
  const bh = createHash(hashName(algorithm)).update(canonical).digest('base64');

  const tags = [
    'v=1',
    `a=${algorithm}`,
    `c=${headerCanon}/${bodyCanon}`,
    `d=${options.domain ?? 'example.com'}`,
    `s=${options.selector ?? 'sel'}`,
  ];
  if (options.identity) tags.push(`i=${options.identity}`);
  if (options.timestamp !== undefined) tags.push(`t=${options.timestamp}`);
  if (options.expiration !== undefined) tags.push(`x=${options.expiration}`);
  if (options.bodyLength !== undefined) tags.push(`l=${options.bodyLength}`);
  tags.push(`h=${fields.join(':')}`, `bh=${bh}`);
  const sep = options.fold ? `;${CRLF}\t` : '; ';
  const unsigned = `DKIM-Signature: ${tags.join(sep)}${sep}b=`;

  // §5.4.2: each h= entry takes the next instance from the bottom; absent ones contribute nothing.
  const used = new Map<string, number>();
  const chunks: Buffer[] = [];
  for (const name of fields) {
    const lower = name.toLowerCase();
    const n = used.get(lower) ?? 0;
    used.set(lower, n + 1);
    const instances = headerFields.filter((f) => f.slice(0, f.indexOf(':')).trim().toLowerCase() === lower).reverse();
    const field = instances[n];
    if (field !== undefined) chunks.push(canonHeader(field, headerCanon), Buffer.from(CRLF));
  }
  chunks.push(canonHeader(unsigned, headerCanon));
  const data = Buffer.concat(chunks);
  const signature =
    options.key.type === 'rsa'
      ? sign(hashName(algorithm), data, options.key.privateKey)
      : sign(null, createHash('sha256').update(data).digest(), options.key.privateKey);
  const b = signature.toString('base64');
  const folded = options.fold ? b.replace(/(.{64})/g, `$1${CRLF}\t`).replace(/\r\n\t$/, '') : b;
  return `${unsigned}${folded}${CRLF}${head}${CRLF}${CRLF}${body}`;
}

/** A plain test message (CRLF). */
export function testMessage(
  extra: { subject?: string; from?: string; body?: string; headers?: string[] } = {},
): string {
  return [
    `From: ${extra.from ?? 'Alice Example <alice@example.com>'}`,
    'To: Bob <bob@example.net>',
    `Subject: ${extra.subject ?? 'Quarterly figures'}`,
    'Date: Mon, 2 Jun 2025 10:00:00 +0000',
    'Message-ID: <1234@mail.example.com>',
    ...(extra.headers ?? []),
    '',
    extra.body ?? 'Hello Bob,\r\n\r\nThe figures are attached.\r\n\r\nAlice\r\n',
  ].join(CRLF);
}
