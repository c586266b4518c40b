// DNSBL queries (RFC 5782): name construction, the self-test that decides whether a list's answers count,
// and the reading of its return codes into a status.

import { parseIp } from '../core/ip';
import type { BlocklistEntry, CodeClass } from './blocklists';
import { displayZone } from './blocklists';
import type { DnsResult } from './doh';
import type { Resolver } from './resolver';
import type { BlocklistAnswer, BlocklistStatus, LookupKeys, SelfTestResult } from './types';

/** RFC 5782 §2.1 / §2.4: reversed octets, or reversed nibbles of the full IPv6 address. */
export function reversedIp(ip: string): string | undefined {
  const parsed = parseIp(ip);
  if (parsed === undefined) return undefined;
  if (parsed.version === 4) return parsed.ip.split('.').reverse().join('.');
  return fullIpv6Hex(parsed.ip).split('').reverse().join('.');
}

/**
 * The 32 hex digits of an IPv6 address in parseIp's canonical text (RFC 5952: hex words only, at most one
 * `::`, no IPv4 tail), each word padded to four digits.
 */
function fullIpv6Hex(canonical: string): string {
  const gap = canonical.indexOf('::');
  const head = gap < 0 ? canonical.split(':') : canonical.slice(0, gap).split(':').filter(Boolean);
  const tail =
    gap < 0
      ? []
      : canonical
          .slice(gap + 2)
          .split(':')
          .filter(Boolean);
  const words = [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return words.map((word) => word.padStart(4, '0')).join('');
}

export function zoneName(entry: BlocklistEntry, keys: LookupKeys): string | undefined {
  if (!entry.needsKey) return entry.zone;
  const key = entry.keyName ? keys[entry.keyName] : undefined;
  if (!key) return undefined;
  return entry.zone.replace('{key}', key);
}

export interface QueryTarget {
  kind: 'ipv4' | 'ipv6' | 'domain';
  value: string;
}

export function queryName(target: QueryTarget, zone: string): string | undefined {
  if (target.kind === 'domain') return `${target.value}.${zone}`;
  const reversed = reversedIp(target.value);
  return reversed === undefined ? undefined : `${reversed}.${zone}`;
}

/** Reads an answer for one target: the codes decide listed / refused / over-quota / error. */
export function readAnswer(entry: BlocklistEntry, result: DnsResult): Omit<BlocklistAnswer, 'list' | 'zone'> {
  if (result.status === 'timeout') return { status: 'timeout', codes: [], detail: result.detail };
  if (result.status === 'error') return { status: 'error', codes: [], detail: result.detail };
  if (result.status === 'nxdomain' || result.records.length === 0) return { status: 'not-listed', codes: [] };
  const codes = [...new Set(result.records.map((r) => r.data))].sort();
  const classes: CodeClass[] = [];
  const meanings: string[] = [];
  for (const code of codes) {
    const { cls, meaning } = classify(entry, code);
    classes.push(cls);
    meanings.push(meaning);
  }
  // A list that says "refused" for any record did not answer the question; neither did one over quota.
  const worst: BlocklistStatus = classes.includes('refused')
    ? 'refused'
    : classes.includes('over-quota')
      ? 'over-quota'
      : classes.includes('error')
        ? 'error'
        : 'listed';
  const answer: Omit<BlocklistAnswer, 'list' | 'zone'> = { status: worst, codes, meaning: meanings.join('; ') };
  if (worst !== 'listed') answer.detail = meanings.join('; ');
  return answer;
}

function classify(entry: BlocklistEntry, code: string): { cls: CodeClass; meaning: string } {
  const known = entry.codes[code];
  if (known) return { cls: known.class, meaning: known.meaning };
  // RFC 5782 §2.3: answers are in 127.0.0.0/8. Anything else is a resolver's NXDOMAIN rewriting or a
  // lapsed zone answering everything (bl.spamcop.net in 2021), never a listing.
  if (!code.startsWith('127.')) return { cls: 'error', meaning: `answer ${code} is outside 127.0.0.0/8` };
  if (entry.bits) {
    const last = Number(code.slice(code.lastIndexOf('.') + 1));
    const parts = Object.entries(entry.bits)
      .filter(([bit]) => (last & Number(bit)) !== 0)
      .map(([, meaning]) => meaning);
    if (parts.length > 0) return { cls: 'listed', meaning: parts.join(', ') };
  }
  if (code.startsWith('127.255.255.')) return { cls: 'error', meaning: `error code ${code}` };
  return { cls: entry.otherCode ?? 'listed', meaning: `listed (code ${code}, meaning not documented)` };
}

/**
 * RFC 5782 §5: an IP list must list 127.0.0.2 and must not list 127.0.0.1; a domain list must list `test`
 * and must not list `invalid`. A list that fails is `unreliable`: its answers do not count.
 */
export async function selfTest(entry: BlocklistEntry, zone: string, resolver: Resolver): Promise<SelfTestResult> {
  const base = { list: entry.id, zone: displayZone(entry) };
  const domainList = !entry.kinds.includes('ipv4') && !entry.kinds.includes('ipv6');
  const positive = domainList ? `test.${zone}` : `2.0.0.127.${zone}`;
  const negative = domainList ? `invalid.${zone}` : `1.0.0.127.${zone}`;
  const [yes, no] = await Promise.all([resolver.query(positive, 'A'), resolver.query(negative, 'A')]);
  for (const r of [yes, no]) {
    if (r.status === 'timeout') return { ...base, status: 'timeout', detail: `self-test: ${r.detail}` };
    if (r.status === 'error') return { ...base, status: 'error', detail: `self-test: ${r.detail}` };
  }
  const yesAnswer = readAnswer(entry, yes);
  const noAnswer = readAnswer(entry, no);
  for (const a of [yesAnswer, noAnswer]) {
    if (a.status === 'refused' || a.status === 'over-quota') {
      return { ...base, status: a.status, detail: `self-test answered ${a.codes.join(', ')}: ${a.detail ?? ''}` };
    }
  }
  const testPoint = domainList ? 'test' : '127.0.0.2';
  const absentPoint = domainList ? 'invalid' : '127.0.0.1';
  if (yesAnswer.status !== 'listed') {
    return { ...base, status: 'unreliable', detail: `self-test: ${testPoint} is not listed (RFC 5782 §5 requires it)` };
  }
  if (noAnswer.status !== 'not-listed') {
    return {
      ...base,
      status: 'unreliable',
      detail: `self-test: ${absentPoint} is listed (${noAnswer.codes.join(', ')}); the list answers everything`,
    };
  }
  return { ...base, status: 'ok' };
}

/** Combines a list's self-test with its answer for one target: a failed self-test overrides the answer. */
export function combine(
  entry: BlocklistEntry,
  test: SelfTestResult,
  answer: Omit<BlocklistAnswer, 'list' | 'zone'>,
): BlocklistAnswer {
  const base = { list: entry.id, zone: displayZone(entry) };
  // The list's own refusal / quota code on the real query is more specific than the self-test's.
  if (answer.status === 'refused' || answer.status === 'over-quota') return { ...base, ...answer };
  if (test.status === 'ok') return { ...base, ...answer };
  const status: BlocklistStatus = test.status === 'pending' ? 'pending' : test.status;
  const out: BlocklistAnswer = { ...base, status, codes: answer.codes };
  if (test.detail) out.detail = test.detail;
  return out;
}
