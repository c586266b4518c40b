// Differential test: on whole messages our DKIM and ARC verdicts equal mailauth 4.9.5's, with mailauth's
// resolver answering from the same test keys. Messages are signed at test time by our test signer and by
// mailauth's signer, across canonicalisations, algorithms, folding, non-ASCII text, l= and tampering; ARC
// sets are made with mailauth's own sealer.
//
// Mapping (mailauth folds header and body into one result; we report them apart):
//   mailauth pass     = status pass, body pass
//   mailauth fail     = status fail, body pass ("bad signature")
//   mailauth neutral  = body fail ("body hash did not verify", checked first) or a key problem (permerror)
//   mailauth policy   = permerror key-too-short (mailauth's minBitLength 1024)

// mailauth is CommonJS without types; a test-only peer.
// @ts-expect-error no type declarations
import { arc as mailauthArc, sealMessage } from 'mailauth/lib/arc';
// @ts-expect-error no type declarations
import { dkimSign } from 'mailauth/lib/dkim/sign';
// @ts-expect-error no type declarations
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { describe, expect, it } from 'vitest';
import type { SignatureVerification } from '../../../src/core/dkim';
import { verifyText } from './helpers';
import { makeKey, signMessage, type TestKey } from './sign';

const keys: Record<string, TestKey> = {
  'rsa2048._domainkey.example.com': makeKey('rsa', 2048),
  'rsa1024._domainkey.example.com': makeKey('rsa', 1024),
  'ed._domainkey.example.com': makeKey('ed25519'),
  'tiny._domainkey.example.com': makeKey('rsa', 512),
  'arc1._domainkey.forwarder.example': makeKey('rsa', 2048),
  'arc2._domainkey.list.example': makeKey('rsa', 2048),
};
const records: Record<string, string> = Object.fromEntries(Object.entries(keys).map(([n, k]) => [n, k.record]));

async function resolver(name: string): Promise<string[][]> {
  const record = records[name.toLowerCase()];
  if (record === undefined) throw Object.assign(new Error(`no ${name}`), { code: 'ENOTFOUND' });
  return [[record]];
}

function ours(sig: SignatureVerification): string {
  if (sig.body === 'fail') return 'neutral';
  if (sig.status === 'permerror') return sig.failure === 'key-too-short' ? 'policy' : 'neutral';
  return sig.status;
}

const SUBJECTS = [
  'Quarterly figures',
  'R\u00e9sum\u00e9 for the M\u00fcnchen meeting \u2014 \u{1F600}',
  'A long subject that the sender folded\r\n over two lines\r\n\tand a tab',
  'Spaces    inside   and trailing   ',
];
const BODIES = [
  'Hello,\r\n\r\nThe figures are attached.\r\n',
  'Trailing spaces   \r\n\tTabbed\tline\r\n\r\n\r\n\r\n',
  '',
  'Gr\u00fc\u00dfe aus K\u00f6ln\r\n-- \r\nsig\r\n',
];
const TAMPERS = ['none', 'header-byte', 'body', 'from-below', 'drop-subject', 'append-after-l'] as const;
type Tamper = (typeof TAMPERS)[number];

function message(i: number, lf: boolean): string {
  const text = [
    'From: "Alice Example" <alice@example.com>',
    'To: Bob <bob@example.net>',
    `Subject: ${SUBJECTS[i % SUBJECTS.length]}`,
    'Date: Mon, 2 Jun 2025 10:00:00 +0000',
    `Message-ID: <${i}@mail.example.com>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    BODIES[(i >> 2) % BODIES.length],
  ].join('\r\n');
  return lf ? text.replace(/\r\n/g, '\n') : text;
}

function tamper(text: string, how: Tamper): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  switch (how) {
    case 'none':
      return text;
    case 'header-byte':
      return text.replace('Bob <bob@', 'Bob <bob2@');
    case 'body': {
      const at = text.indexOf(`${eol}${eol}`) + eol.length * 2;
      return `${text.slice(0, at)}Injected line${eol}${text.slice(at)}`;
    }
    case 'from-below':
      return text.replace(`MIME-Version: 1.0${eol}`, `MIME-Version: 1.0${eol}From: ceo@evil.example${eol}`);
    case 'drop-subject':
      return text.replace(/Subject: [^\n]*\n([ \t][^\n]*\n)*/, '');
    case 'append-after-l':
      return `${text}${eol}Appended after signing${eol}`;
  }
}

interface Case {
  label: string;
  text: string;
}

function dkimCases(): Promise<Case[]> {
  const selectors = ['rsa2048', 'rsa1024', 'ed', 'tiny'] as const;
  const canons = ['relaxed/relaxed', 'simple/simple', 'relaxed/simple', 'simple/relaxed'] as const;
  const out: Promise<Case>[] = [];
  for (let i = 0; i < 64; i++) {
    const selector = selectors[i % 4 === 3 && i % 8 !== 7 ? 0 : i % 4]!;
    const key = keys[`${selector}._domainkey.example.com`]!;
    const canon = canons[(i >> 1) % 4]!;
    const [headerCanon, bodyCanon] = canon.split('/') as ['relaxed' | 'simple', 'relaxed' | 'simple'];
    const algorithm = key.type === 'ed25519' ? 'ed25519-sha256' : i % 5 === 0 ? 'rsa-sha1' : 'rsa-sha256';
    const how = TAMPERS[i % TAMPERS.length]!;
    const bodyLength = how === 'append-after-l' || i % 7 === 0 ? 5 : undefined;
    const lf = i % 9 === 4;
    const base = message(i, lf);
    const label = `#${i} ${i % 2 ? 'mailauth' : 'ours'}-signed ${algorithm} ${canon} ${selector} l=${bodyLength ?? '-'} ${how}${lf ? ' LF' : ''}`;
    if (i % 2 === 0) {
      const signed = signMessage(base.replace(/\r?\n/g, '\r\n'), {
        key,
        selector,
        algorithm,
        headerCanon,
        bodyCanon,
        bodyLength,
        fold: i % 3 === 0,
        fields: i % 4 === 0 ? ['from', 'from', 'to', 'subject', 'date', 'message-id'] : undefined,
      });
      out.push(Promise.resolve({ label, text: tamper(lf ? signed.replace(/\r\n/g, '\n') : signed, how) }));
    } else {
      out.push(
        (async () => {
          const { signatures } = await dkimSign(base, {
            canonicalization: canon,
            signTime: new Date('2025-06-02T10:00:00Z'),
            signatureData: [
              {
                signingDomain: 'example.com',
                selector,
                privateKey: key.privateKey.export({ type: 'pkcs8', format: 'pem' }),
                algorithm,
                canonicalization: canon,
                maxBodyLength: bodyLength,
              },
            ],
          });
          const eol = lf ? '\n' : '\r\n';
          const text = (signatures as string).replace(/\r\n/g, eol) + base;
          return { label, text: tamper(text, how) };
        })(),
      );
    }
  }
  return Promise.all(out);
}

async function arcCases(): Promise<Case[]> {
  const cases: Case[] = [];
  const privateKey = (name: string) => keys[name]!.privateKey.export({ type: 'pkcs8', format: 'pem' });
  for (let i = 0; i < 12; i++) {
    const canon = i % 2 ? 'relaxed/relaxed' : 'simple/simple';
    const dkimKey = keys['rsa2048._domainkey.example.com']!;
    const original = signMessage(message(i, false), {
      key: dkimKey,
      selector: 'rsa2048',
      headerCanon: canon.split('/')[0] as 'simple' | 'relaxed',
      bodyCanon: canon.split('/')[1] as 'simple' | 'relaxed',
    });
    const seal1 = await sealMessage(Buffer.from(original), {
      signingDomain: 'forwarder.example',
      selector: 'arc1',
      privateKey: privateKey('arc1._domainkey.forwarder.example'),
      authResults: 'mx.forwarder.example; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=example.com',
      cv: 'none',
      signTime: new Date('2025-06-02T10:01:00Z'),
    });
    let text = seal1.toString() + original;
    // A list that tags the subject (breaking DKIM and AMS i=1), then seals i=2.
    if (i % 3 !== 0) text = text.replace('\r\nSubject: ', '\r\nSubject: [list] ');
    if (i % 3 !== 2) {
      const seal2 = await sealMessage(Buffer.from(text), {
        signingDomain: 'list.example',
        selector: 'arc2',
        privateKey: privateKey('arc2._domainkey.list.example'),
        authResults: 'mx.list.example; arc=pass; dkim=fail header.d=example.com',
        cv: 'pass',
        signTime: new Date('2025-06-02T10:02:00Z'),
      });
      text = seal2.toString() + text;
    }
    const label = `ARC #${i} (${i % 3 !== 2 ? 'two seals' : 'one seal'}${i % 3 !== 0 ? ', subject tagged by the list' : ''})`;
    switch (i % 4) {
      case 0:
        cases.push({ label: `${label} intact`, text });
        break;
      case 1:
        cases.push({
          label: `${label} AAR i=1 edited`,
          text: text.replace('spf=pass smtp.mailfrom=example.com', 'spf=pass smtp.mailfrom=evil.example'),
        });
        break;
      case 2:
        cases.push({ label: `${label} To changed after the last seal`, text: text.replace('Bob <bob@', 'Bob <bob2@') });
        break;
      default:
        cases.push({
          label: `${label} body changed after sealing`,
          text: text.replace(/\r\n\r\n/, '\r\n\r\nInjected\r\n'),
        });
    }
  }
  return cases;
}

describe('mailauth 4.9.5 differential', () => {
  it('DKIM verdicts equal mailauth on generated whole messages', async () => {
    const cases = await dkimCases();
    let compared = 0;
    const verdicts = new Map<string, number>();
    for (const c of cases) {
      const theirs = await dkimVerify(Buffer.from(c.text), { resolver, curTime: new Date('2025-06-03T00:00:00Z') });
      const mine = await verifyText(c.text, records);
      const theirVerdicts = (theirs.results as Array<{ status: { result: string } }>).map((r) => r.status.result);
      const myVerdicts = mine.signatures.filter((s) => s.kind === 'dkim').map(ours);
      expect(myVerdicts, c.label).toEqual(theirVerdicts);
      for (const v of myVerdicts) verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(50);
    // The set exercises every outcome, not 64 passes.
    for (const v of ['pass', 'fail', 'neutral', 'policy']) expect(verdicts.get(v) ?? 0, v).toBeGreaterThan(0);
    console.log(`mailauth differential: ${compared} DKIM messages agree`, Object.fromEntries(verdicts));
  });

  it('ARC chain verdicts equal mailauth on messages sealed by mailauth', async () => {
    const cases = await arcCases();
    const outcomes = new Map<string, number>();
    for (const c of cases) {
      const dkim = await dkimVerify(Buffer.from(c.text), { resolver });
      const theirs = await mailauthArc(dkim.arc, { resolver });
      const mine = await verifyText(c.text, records);
      expect(mine.arc.chain, `${c.label}: ${mine.arc.reason} / ${theirs.status.comment ?? ''}`).toBe(
        theirs.status.result,
      );
      outcomes.set(mine.arc.chain, (outcomes.get(mine.arc.chain) ?? 0) + 1);
      if (mine.arc.chain === 'fail') expect(mine.arc.failedInstance).toBeDefined();
      // Who vouches for what: the first sealer's AAR says DKIM passed for example.com.
      expect(mine.arc.instances[0]?.domain).toBe('forwarder.example');
      if (!c.label.includes('AAR i=1 edited'))
        expect(mine.arc.instances[0]?.vouches).toContain('dkim=pass (example.com)');
    }
    expect(outcomes.get('pass') ?? 0).toBeGreaterThan(0);
    expect(outcomes.get('fail') ?? 0).toBeGreaterThan(0);
    console.log(`mailauth differential: ${cases.length} ARC messages agree`, Object.fromEntries(outcomes));
  });
});
