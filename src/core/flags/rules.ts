import { findAddresses } from '../headers/find-addresses';
import { domainOf } from '../trust/auth-trust';
import type { Alignment } from '../auth/alignment';
import type { FieldIndex } from '../headers/fields';
import type { Analysis, Evidence, VendorVerdictItem, Verdict } from '../types';
import type { Finding, FlagRule } from './index';

const DAY = 86_400;

/** Microsoft's phishing, malware and spoofing categories (X-Forefront-Antispam-Report CAT). */
const MS_DANGER_CATEGORIES = new Set([
  'PHSH',
  'HPHSH',
  'HPHISH',
  'MALW',
  'SPOOF',
  'UIMP',
  'GIMP',
  'DIMP',
  'AMP',
  'SAP',
]);

/** What a vendor verdict that the recipient's own filter wrote says, when it says spam or worse. */
function filterVerdict(
  field: string,
  items: VendorVerdictItem[],
): { severity: 'danger' | 'warning'; text: string } | undefined {
  // Length first: most keys differ in length, and lower-casing each would allocate a string per item.
  const get = (key: string): string | undefined =>
    items.find((i) => i.key.length === key.length && i.key.toLowerCase() === key)?.value;
  if (field === 'x-forefront-antispam-report') {
    const cat = get('cat')?.toUpperCase();
    if (cat && MS_DANGER_CATEGORIES.has(cat))
      return {
        severity: 'danger',
        text: `classified as ${cat} (${items.find((i) => i.key === 'CAT')?.meaning ?? 'phishing, spoofing or malware'})`,
      };
    const scl = Number(get('scl'));
    if (scl >= 5) return { severity: 'warning', text: `spam confidence level ${scl}` };
  }
  if (field === 'x-ms-exchange-organization-scl') {
    const scl = Number(get('scl'));
    if (scl >= 5) return { severity: 'warning', text: `spam confidence level ${scl}` };
  }
  if (field === 'x-spam-flag' && /^yes/i.test(get('x-spam-flag') ?? items[0]?.value ?? ''))
    return { severity: 'warning', text: 'X-Spam-Flag YES' };
  if (field === 'x-spam-status' && /^yes/i.test(items[0]?.value ?? ''))
    return { severity: 'warning', text: 'X-Spam-Status Yes' };
  if (field === 'x-rspamd-action') {
    const action = items[0]?.value.toLowerCase() ?? '';
    if (action === 'reject' || action === 'add header' || action === 'rewrite subject')
      return { severity: 'warning', text: `action ${action}` };
  }
  return undefined;
}

/** Enough of a message that missing fields mean something (not a fragment of pasted headers). */
function looksLikeMessage(a: Analysis, fields: FieldIndex): boolean {
  return a.summary.from !== undefined && (a.hops.length > 0 || fields.first('subject') !== undefined);
}

function ev(v: Verdict, text?: string): Evidence[] {
  return [{ header: v.header, text: text ?? `${v.method}=${v.result}${v.reason ? ` (${v.reason})` : ''}` }];
}

function sameOrg(alignment: Alignment, a: string, b: string): boolean {
  return alignment.aligned(a, b, 'r');
}

/** A verdict-failure rule: which results are how bad for one method of the trusted A-R. */
function verdictRule(
  id: string,
  title: string,
  pick: (a: Analysis) => Verdict[],
  severities: Record<string, 'danger' | 'warning' | 'info'>,
): FlagRule {
  return {
    id,
    severity: 'danger',
    title,
    check: ({ analysis }) =>
      pick(analysis).flatMap((v): Finding[] => {
        const result = v.result.toLowerCase();
        const severity = Object.hasOwn(severities, result) ? severities[result] : undefined;
        if (!severity) return [];
        const d = v.props['header.d'] ?? v.props['smtp.mailfrom'] ?? v.props['header.from'];
        return [
          {
            severity,
            detail: `The recipient's server recorded ${v.method}=${v.result}${d ? ` for ${d}` : ''}${v.reason ? ` (${v.reason})` : ''}.`,
            evidence: ev(v),
          },
        ];
      }),
  };
}

const one = (v: Verdict | undefined): Verdict[] => (v ? [v] : []);

/** Letters of more than one script in one label: the homograph trick (`pаypal` with a Cyrillic а). */
function mixedScripts(label: string): boolean {
  let latin = false;
  let other = false;
  for (const ch of label) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin = true;
    else if (c > 0x7f && /\p{L}/u.test(ch)) {
      if (/\p{Script=Latin}/u.test(ch)) latin = true;
      else other = true;
    }
  }
  return latin && other;
}

function punycodeLabels(domain: string): string[] {
  if (!domain.includes('xn--')) return [];
  return domain.split('.').filter((l) => l.startsWith('xn--'));
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Addresses inside a display name: `"support@paypal.com" <x@evil.example>`. */
function addressesIn(text: string): string[] {
  return findAddresses(text).map((f) => f.address.toLowerCase());
}

export const RULES: readonly FlagRule[] = [
  verdictRule('spf-fail', 'SPF failed', (a) => one(a.auth.spf), {
    fail: 'danger',
    softfail: 'warning',
    permerror: 'warning',
    temperror: 'info',
  }),
  verdictRule('dkim-fail', 'DKIM signature failed', (a) => a.auth.dkim ?? [], {
    fail: 'danger',
    permerror: 'warning',
    temperror: 'info',
    neutral: 'info',
  }),
  verdictRule('dmarc-fail', 'DMARC failed', (a) => one(a.auth.dmarc), {
    fail: 'danger',
    permerror: 'warning',
    temperror: 'info',
  }),
  verdictRule('arc-fail', 'ARC chain failed', (a) => one(a.auth.arc), { fail: 'warning' }),
  verdictRule('compauth-fail', 'Microsoft composite authentication failed', (a) => one(a.auth.compauth), {
    fail: 'danger',
    softpass: 'info',
  }),
  {
    id: 'from-not-aligned',
    severity: 'warning',
    title: 'No authenticated domain matches the From domain',
    check: ({ analysis: a }) => {
      const al = a.auth.alignment;
      if (!al.fromDomain || (al.spfAligned === undefined && al.dkimAligned === undefined)) return [];
      if (al.spfAligned || al.dkimAligned) return [];
      if (a.auth.dmarc && a.auth.dmarc.result.toLowerCase() === 'fail') return []; // dmarc-fail says it already
      const evidence: Evidence[] = [];
      if (a.auth.spf)
        evidence.push(
          ...ev(a.auth.spf, `spf=${a.auth.spf.result} smtp.mailfrom=${a.auth.spf.props['smtp.mailfrom'] ?? '?'}`),
        );
      for (const d of a.auth.dkim ?? [])
        evidence.push(...ev(d, `dkim=${d.result} header.d=${d.props['header.d'] ?? '?'}`));
      return [
        {
          detail: `Neither the SPF domain nor a passing DKIM signature belongs to ${al.fromDomain}: the From address is not vouched for.`,
          evidence,
        },
      ];
    },
  },
  {
    id: 'display-name-address',
    severity: 'danger',
    title: 'Display name shows a different address',
    check: ({ analysis: a, fields }) => {
      const from = a.summary.from;
      if (!from?.name) return [];
      const real = from.address.toLowerCase();
      const shown = addressesIn(from.name).filter((x) => x !== real);
      if (!shown.length) return [];
      const h = fields.first('from');
      return [
        {
          detail: `The name reads "${shown[0]}" but the message is from ${from.address}.`,
          evidence: [{ header: h?.index, text: from.raw }],
        },
      ];
    },
  },
  {
    id: 'reply-to-differs',
    severity: 'warning',
    title: 'Replies go to a different domain',
    check: ({ analysis: a, fields, alignment }) => {
      const from = domainOf(a.summary.from?.address);
      if (!from || !a.summary.replyTo) return [];
      const h = fields.first('reply-to');
      return a.summary.replyTo
        .filter((r) => {
          const d = domainOf(r.address);
          return d !== undefined && !sameOrg(alignment, d, from);
        })
        .slice(0, 1)
        .map((r) => ({
          detail: `Reply-To ${r.address} is outside ${from}, the From domain.`,
          evidence: [{ header: h?.index, text: r.raw }],
        }));
    },
  },
  {
    id: 'return-path-differs',
    severity: 'info',
    title: 'Bounce address in another domain',
    check: ({ analysis: a, fields, alignment }) => {
      const from = domainOf(a.summary.from?.address);
      const rp = domainOf(a.summary.returnPath);
      if (!from || !rp || sameOrg(alignment, rp, from)) return [];
      const h = fields.first('return-path');
      return [
        {
          detail: `Return-Path ${a.summary.returnPath} is outside ${from}; normal for mailing services, suspicious for a personal message.`,
          evidence: [{ header: h?.index, text: a.summary.returnPath }],
        },
      ];
    },
  },
  {
    id: 'from-domain-lookalike',
    severity: 'warning',
    title: 'From domain uses punycode or mixed scripts',
    check: ({ analysis: a, fields }) => {
      const d = domainOf(a.summary.from?.address);
      if (!d) return [];
      const h = fields.first('from');
      const puny = punycodeLabels(d);
      // Mixing needs a letter outside ASCII; most domains have none, and need no walk label by label.
      const mixed = isAscii(d) ? [] : d.split('.').filter(mixedScripts);
      if (mixed.length) {
        return [
          {
            severity: 'danger',
            detail: `The From domain ${d} mixes letters of different scripts (${mixed.join(', ')}), the look-alike trick.`,
            evidence: [{ header: h?.index, text: d }],
          },
        ];
      }
      if (puny.length)
        return [
          {
            detail: `The From domain ${d} is internationalised (${puny.join(', ')}); check it is the domain you think.`,
            evidence: [{ header: h?.index, text: d }],
          },
        ];
      return [];
    },
  },
  {
    id: 'date-skew',
    severity: 'warning',
    title: 'Date header far from the first hop',
    check: ({ analysis: a, fields, headerDate }) => {
      const h = fields.first('date');
      const first = a.hops.find((x) => x.date !== undefined && x.zone !== 'unverified');
      if (!h || !first?.date) return [];
      const d = headerDate()!;
      const hopMs = Date.parse(first.date);
      if (!d.ok || Number.isNaN(hopMs)) return [];
      const diff = Math.round((d.epochMs - hopMs) / 1000);
      if (Math.abs(diff) < DAY) return [];
      const days = Math.round(Math.abs(diff) / DAY);
      return [
        {
          detail: `The Date header is ${days} day(s) ${diff > 0 ? 'after' : 'before'} the first server saw the message.`,
          evidence: [{ header: h.index, text: h.value }, { hop: first.index }],
        },
      ];
    },
  },
  {
    id: 'date-future',
    severity: 'warning',
    title: 'Message dated in the future',
    check: ({ fields, headerDate, now }) => {
      const h = fields.first('date');
      if (!h || now === undefined) return [];
      const d = headerDate()!;
      if (!d.ok || d.epochMs - now < DAY * 1000) return [];
      return [
        {
          detail: `The Date header (${h.value}) is more than a day ahead of now.`,
          evidence: [{ header: h.index, text: h.value }],
        },
      ];
    },
  },
  {
    id: 'hop-delay-negative',
    severity: 'warning',
    title: 'A hop is dated before the one it came from',
    check: ({ analysis: a }) =>
      a.hops
        .filter((h) => h.delaySeconds !== null && h.delaySeconds < -2 * 3600 && h.zone !== 'unverified')
        .map((h) => ({
          detail: `Hop ${h.index + 1} is ${Math.round(-h.delaySeconds! / 60)} minutes earlier than the previous hop: a wrong clock or a forged header.`,
          evidence: [{ hop: h.index, header: h.header }],
        })),
  },
  {
    id: 'hop-delay-huge',
    severity: 'info',
    title: 'Long delay between hops',
    check: ({ analysis: a }) =>
      a.hops
        .filter((h) => h.delaySeconds !== null && h.delaySeconds > DAY && h.zone !== 'unverified')
        .map((h) => ({
          detail: `Hop ${h.index + 1} came ${Math.round(h.delaySeconds! / 3600)} hours after the previous one (queued, moderated or retried).`,
          evidence: [{ hop: h.index, header: h.header }],
        })),
  },
  {
    id: 'chain-broken',
    severity: 'warning',
    title: 'Hops below the handoff do not add up',
    check: ({ trust, analysis: a }) => {
      if (!trust.chainBreak) return [];
      const hop = a.hops[trust.chainBreak.hop];
      const n = a.hops.filter((h) => h.zone === 'unverified').length;
      return [
        {
          detail: `${n} older hop(s) cannot be verified: ${trust.chainBreak.reason}. They may be forged.`,
          evidence: [{ hop: trust.chainBreak.hop, header: hop?.header }],
        },
      ];
    },
  },
  {
    id: 'handoff-claim-disagrees',
    severity: 'warning',
    title: "The recipient's stated sender IP is not the handoff",
    check: ({ trust, analysis: a }) => {
      if (!a.handoff) return [];
      const seen = new Set<string>();
      return trust.disagreements
        .filter((c) => c.ip !== a.handoff!.ip && !seen.has(c.ip) && seen.add(c.ip))
        .map((c) => ({
          detail: `${c.source} names ${c.ip}, but the chain hands off from ${a.handoff!.ip}.`,
          evidence: [{ header: c.header, text: c.ip }, { hop: a.handoff!.hop }],
        }));
    },
  },
  {
    id: 'injected-auth-results',
    severity: 'danger',
    title: 'Authentication-Results forged into the message',
    check: ({ injected }) =>
      injected
        .filter((r) => r.results.some((x) => x.result.toLowerCase() === 'pass'))
        .map((r) => ({
          detail: `An Authentication-Results field claiming the recipient's own server (${r.authservId ?? 'Microsoft form'}) reports a pass, but it arrived with the message: receivers delete such fields (RFC 8601 §5).`,
          evidence: [{ header: r.header }],
        })),
  },
  {
    id: 'untrusted-auth-results',
    severity: 'info',
    title: 'Authentication results from a server other than the recipient',
    check: ({ analysis: a, injected }) =>
      a.auth.results
        .filter((r) => !r.trusted && r.kind === 'authentication-results' && !injected.includes(r))
        .slice(0, 3)
        .map((r) => ({
          detail: `${r.authservId ?? 'An unnamed server'} reports ${r.results.map((x) => `${x.method}=${x.result}`).join(', ') || 'nothing'}; shown as a claim, not as the verdict.`,
          evidence: [{ header: r.header }],
        })),
  },
  {
    id: 'missing-message-id',
    severity: 'warning',
    title: 'No Message-ID',
    check: ({ analysis: a, fields }) =>
      looksLikeMessage(a, fields) && !fields.first('message-id')
        ? [
            {
              detail:
                'Every real mail client writes a Message-ID (RFC 5322 §3.6.4); bulk tools and forgeries often do not.',
              evidence: [],
            },
          ]
        : [],
  },
  {
    id: 'missing-date',
    severity: 'warning',
    title: 'No Date header',
    check: ({ analysis: a, fields }) =>
      looksLikeMessage(a, fields) && !fields.first('date')
        ? [{ detail: 'The Date header is required by RFC 5322 §3.6.', evidence: [] }]
        : [],
  },
  {
    id: 'dkim-body-length',
    severity: 'warning',
    title: 'DKIM signature covers only part of the body (l=)',
    check: ({ analysis: a }) =>
      a.auth.dkimSignatures
        .filter((s) => s.bodyLength !== undefined)
        .map((s) => ({
          detail: `The signature by ${s.domain ?? '?'} signs only the first ${s.bodyLength} bytes of the body; anything appended is unsigned.`,
          evidence: [{ header: s.header, text: `l=${s.bodyLength}` }],
        })),
  },
  {
    id: 'dkim-weak-algorithm',
    severity: 'warning',
    title: 'DKIM signature uses rsa-sha1',
    check: ({ analysis: a }) =>
      a.auth.dkimSignatures
        .filter((s) => s.algorithm?.toLowerCase() === 'rsa-sha1')
        .map((s) => ({
          detail: `The signature by ${s.domain ?? '?'} uses rsa-sha1, which RFC 8301 forbids for signing and verifiers treat as failed.`,
          evidence: [{ header: s.header, text: 'a=rsa-sha1' }],
        })),
  },
  {
    id: 'dmarc-aligned-pass',
    severity: 'good',
    title: 'DMARC passed with an aligned domain',
    check: ({ analysis: a }) => {
      const d = a.auth.dmarc;
      const al = a.auth.alignment;
      if (d?.result.toLowerCase() !== 'pass' || !(al.spfAligned || al.dkimAligned)) return [];
      return [
        {
          detail: `The recipient's server verified that ${al.fromDomain ?? 'the From domain'} sent this (${[al.dkimAligned ? 'DKIM' : '', al.spfAligned ? 'SPF' : ''].filter(Boolean).join(' and ')} aligned).`,
          evidence: ev(d),
        },
      ];
    },
  },
  {
    id: 'tls-every-hop',
    severity: 'good',
    title: 'Encrypted on every verifiable hop',
    check: ({ analysis: a }) => {
      const relays = a.hops.filter((h) => (h.zone === 'handoff' || h.zone === 'sender') && h.from.ip && h.parsed);
      if (relays.length === 0) return [];
      const encrypted = (w: string | undefined, t: unknown): boolean =>
        !!t || /^(?:e?smtps|esmtpsa|lmtps|https|utf8smtps)/i.test(w ?? '');
      if (!relays.every((h) => encrypted(h.with, h.tls))) return [];
      return [
        {
          detail: `All ${relays.length} hop(s) from the sender to the recipient used TLS.`,
          evidence: relays.map((h) => ({ hop: h.index })),
        },
      ];
    },
  },
  {
    id: 'recipient-filter-verdict',
    severity: 'warning',
    title: "The recipient's spam filter flagged it",
    check: ({ analysis: a }) => {
      // The worst verdict per vendor: Microsoft writes SCL in two fields and the category in one.
      const worst = new Map<string, Finding>();
      for (const v of a.antispam) {
        if (!v.trusted) continue;
        const f = filterVerdict(v.field.toLowerCase(), v.items);
        if (!f || worst.get(v.vendor)?.severity === 'danger') continue;
        if (worst.has(v.vendor) && f.severity !== 'danger') continue;
        worst.set(v.vendor, {
          severity: f.severity,
          detail: `${v.vendor}: ${f.text}.`,
          evidence: [{ header: v.header, text: v.summary ?? v.field }],
        });
      }
      return [...worst.values()];
    },
  },
  {
    id: 'handoff-private',
    severity: 'info',
    title: 'Handoff from a non-public address',
    check: ({ analysis: a }) => {
      const h = a.handoff ? a.hops[a.handoff.hop] : undefined;
      if (!h?.ipScope || h.ipScope === 'public' || h.ipScope === 'reserved') return [];
      return [
        {
          detail: `The machine that handed the message to the recipient has a ${h.ipScope} address (${a.handoff!.ip}): the hop is internal, or the chain above is incomplete.`,
          evidence: [{ hop: h.index }],
        },
      ];
    },
  },
];
