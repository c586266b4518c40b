// The DNS blocklist catalogue (DESIGN.md §1.5: knowledge that changes is data). Each row says what the list
// lists, which address families it answers for, what its return codes mean, where its terms are, whether it
// refuses queries that arrive through public resolvers (as ours do: DoH via Cloudflare or Google), and
// whether it needs a key. Only lists that answer honestly through public resolvers are on by default.
//
// Terms and codes were read from each operator's own pages (checked 2026-06, URLs in `terms`/`source`).
// Where an operator's page could not be read, `verified: false` says so.

export type ListKind = 'ipv4' | 'ipv6' | 'domain';

/** What an A record from the list means: a listing, or the list telling us it did not answer. */
export type CodeClass = 'listed' | 'refused' | 'over-quota' | 'error';

export interface CodeMeaning {
  meaning: string;
  class: CodeClass;
}

export interface BlocklistEntry {
  id: string;
  name: string;
  /** Zone to query; `{key}` is replaced by the user's key for keyed lists. */
  zone: string;
  lists: string;
  kinds: ListKind[];
  /** Exact codes (`127.0.0.2`) with their meaning. */
  codes: Record<string, CodeMeaning>;
  /** Bitmask lists (SURBL, URIBL): bit value of the last octet → meaning. Checked after `codes`. */
  bits?: Record<number, string>;
  /** Meaning of a 127.0.0.0/8 code not in the table (default: listed, meaning unknown). */
  otherCode?: CodeClass;
  terms: string;
  refusesPublicResolvers: boolean;
  needsKey: boolean;
  /** Which of the user's keys fills `{key}` (one Spamhaus DQS key serves ZEN, DBL and ZRD). */
  keyName?: 'spamhaus' | 'abusix';
  /** Queried when the user has not chosen lists. */
  default: boolean;
  verified: boolean;
}

// Spamhaus error codes, shared by every Spamhaus zone (public mirrors and DQS):
// https://www.spamhaus.org/news/article/788/ and https://docs.spamhaus.com/datasets/docs/source/10-data-type-documentation/datasets/040-zones.html
const SPAMHAUS_ERRORS: Record<string, CodeMeaning> = {
  '127.255.255.252': { meaning: 'typing error in the DNSBL name', class: 'error' },
  '127.255.255.254': { meaning: 'query via a public/open resolver (not allowed by Spamhaus)', class: 'refused' },
  '127.255.255.255': { meaning: 'excessive number of queries', class: 'over-quota' },
  '127.255.255.250': { meaning: 'DQS key is not valid or its subscription ended', class: 'refused' },
  '127.255.255.251': { meaning: 'DQS key is not valid or its subscription ended', class: 'refused' },
};

export const BLOCKLISTS: BlocklistEntry[] = [
  {
    id: 'spamcop',
    name: 'SpamCop Blocking List',
    zone: 'bl.spamcop.net',
    lists: 'IPs that sent mail reported by SpamCop users; listings expire about 24 h after the last report',
    kinds: ['ipv4'],
    codes: { '127.0.0.2': { meaning: 'listed: sent mail reported by SpamCop users', class: 'listed' } },
    terms: 'https://www.spamcop.net/bl.shtml',
    refusesPublicResolvers: false,
    needsKey: false,
    default: true,
    verified: true,
  },
  {
    id: 'psbl',
    name: 'Passive Spam Block List',
    zone: 'psbl.surriel.com',
    lists: 'IPs that sent mail to PSBL spam traps (anyone may remove an IP)',
    kinds: ['ipv4'],
    codes: { '127.0.0.2': { meaning: 'listed: sent mail to a PSBL spam trap', class: 'listed' } },
    terms: 'https://psbl.org/howto/', // "Anybody is free to use PSBL."
    refusesPublicResolvers: false,
    needsKey: false,
    default: true,
    verified: true,
  },
  {
    id: 'mailspike',
    name: 'Mailspike BL',
    zone: 'bl.mailspike.net',
    lists: 'IPs in a distributed spam wave (z zone) plus IPs with poor reputation L3–L5 (rep zone)',
    kinds: ['ipv4'],
    // https://mailspike.org/usage.html and https://mailspike.org/anubis/reputation.html: free for low volume
    // (≤100,000 queries a day).
    codes: {
      '127.0.0.2': { meaning: 'listed: part of a distributed spam wave', class: 'listed' },
      '127.0.0.10': { meaning: 'worst reputation (L5)', class: 'listed' },
      '127.0.0.11': { meaning: 'very bad reputation (L4)', class: 'listed' },
      '127.0.0.12': { meaning: 'bad reputation (L3)', class: 'listed' },
    },
    terms: 'https://mailspike.org/usage.html',
    refusesPublicResolvers: false,
    needsKey: false,
    default: true,
    verified: true,
  },
  {
    id: 's5h',
    name: 'S5H (System 5 Hosting) RBL',
    zone: 'all.s5h.net',
    lists: 'IPs seen sending spam or abusive HTTP requests to S5H traps; self-service delisting',
    kinds: ['ipv4', 'ipv6'],
    codes: { '127.0.0.2': { meaning: 'listed: spam or abuse seen by S5H', class: 'listed' } },
    terms: 'https://www.usenix.org.uk/content/rbl.html', // "fully RFC 5782 compliant", IPv4 and IPv6
    refusesPublicResolvers: false,
    needsKey: false,
    default: true,
    verified: true,
  },
  {
    id: 'spamhaus-zen',
    name: 'Spamhaus ZEN (DQS)',
    zone: '{key}.zen.dq.spamhaus.net',
    lists: 'SBL (spam sources), CSS, DROP, XBL (exploited hosts), PBL (end-user ranges), BCL',
    kinds: ['ipv4', 'ipv6'],
    codes: {
      '127.0.0.2': { meaning: 'SBL: Spamhaus-verified spam source', class: 'listed' },
      '127.0.0.3': { meaning: 'CSS: low-reputation sender (automated)', class: 'listed' },
      '127.0.0.4': { meaning: 'XBL: exploited host (malware, proxy, bot)', class: 'listed' },
      '127.0.0.9': { meaning: 'DROP: hijacked or criminal network', class: 'listed' },
      '127.0.0.10': { meaning: 'PBL: end-user range that should not send direct mail (ISP)', class: 'listed' },
      '127.0.0.11': { meaning: 'PBL: end-user range that should not send direct mail (Spamhaus)', class: 'listed' },
      '127.0.0.30': { meaning: 'BCL: botnet controller', class: 'listed' },
      ...SPAMHAUS_ERRORS,
    },
    terms: 'https://www.spamhaus.com/data-access/free-data-query-service/',
    refusesPublicResolvers: false, // DQS is keyed, so the resolver does not matter
    needsKey: true,
    keyName: 'spamhaus',
    default: false,
    verified: true,
  },
  {
    id: 'spamhaus-dbl',
    name: 'Spamhaus DBL (DQS)',
    zone: '{key}.dbl.dq.spamhaus.net',
    lists: 'domains with poor reputation, used in phishing, malware or botnet C&C',
    kinds: ['domain'],
    codes: {
      '127.0.1.2': { meaning: 'low-reputation domain', class: 'listed' },
      '127.0.1.4': { meaning: 'phishing domain', class: 'listed' },
      '127.0.1.5': { meaning: 'malware domain', class: 'listed' },
      '127.0.1.6': { meaning: 'botnet C&C domain', class: 'listed' },
      '127.0.1.102': { meaning: 'abused legitimate domain', class: 'listed' },
      '127.0.1.103': { meaning: 'abused redirector', class: 'listed' },
      '127.0.1.104': { meaning: 'abused domain used in phishing', class: 'listed' },
      '127.0.1.105': { meaning: 'abused domain used by malware', class: 'listed' },
      '127.0.1.106': { meaning: 'abused domain hosting C&C', class: 'listed' },
      '127.0.1.255': { meaning: 'IP query sent to a domain list', class: 'error' },
      ...SPAMHAUS_ERRORS,
    },
    terms: 'https://www.spamhaus.com/data-access/free-data-query-service/',
    refusesPublicResolvers: false,
    needsKey: true,
    keyName: 'spamhaus',
    default: false,
    verified: true,
  },
  {
    id: 'spamhaus-zrd',
    name: 'Spamhaus Zero Reputation Domains (DQS)',
    zone: '{key}.zrd.dq.spamhaus.net',
    lists: 'domains first seen in the last 24 hours',
    kinds: ['domain'],
    codes: { ...SPAMHAUS_ERRORS },
    // 127.0.2.2 … 127.0.2.24: first seen between N-2 and N-1 hours ago.
    otherCode: 'listed',
    terms: 'https://www.spamhaus.com/data-access/free-data-query-service/',
    refusesPublicResolvers: false,
    needsKey: true,
    keyName: 'spamhaus',
    default: false,
    verified: true,
  },
  {
    id: 'spamhaus-zen-public',
    name: 'Spamhaus ZEN (public mirrors)',
    zone: 'zen.spamhaus.org',
    lists: 'as ZEN (DQS); the public mirrors answer 127.255.255.254 to queries from public resolvers',
    kinds: ['ipv4', 'ipv6'],
    codes: {
      '127.0.0.2': { meaning: 'SBL: Spamhaus-verified spam source', class: 'listed' },
      '127.0.0.3': { meaning: 'CSS: low-reputation sender (automated)', class: 'listed' },
      '127.0.0.4': { meaning: 'XBL: exploited host (malware, proxy, bot)', class: 'listed' },
      '127.0.0.9': { meaning: 'DROP: hijacked or criminal network', class: 'listed' },
      '127.0.0.10': { meaning: 'PBL: end-user range (ISP)', class: 'listed' },
      '127.0.0.11': { meaning: 'PBL: end-user range (Spamhaus)', class: 'listed' },
      ...SPAMHAUS_ERRORS,
    },
    terms: 'https://www.spamhaus.org/blocklists/dnsbl-fair-use-policy/',
    refusesPublicResolvers: true,
    needsKey: false,
    default: false,
    verified: true,
  },
  {
    id: 'barracuda',
    name: 'Barracuda Reputation Block List',
    zone: 'b.barracudacentral.org',
    lists: 'IPs sending spam to Barracuda traps; free, but only to registered resolver IPs',
    kinds: ['ipv4'],
    codes: { '127.0.0.2': { meaning: 'listed: poor reputation at Barracuda', class: 'listed' } },
    terms: 'https://www.barracudacentral.org/rbl/how-to-use',
    refusesPublicResolvers: true,
    needsKey: false,
    default: false,
    verified: true,
  },
  {
    id: 'uribl',
    name: 'URIBL multi',
    zone: 'multi.uribl.com',
    lists: 'domains seen in spam (black, grey, red lists as bits)',
    kinds: ['domain'],
    // https://uribl.com/refused.shtml: 127.0.0.1 = query refused (public resolvers are refused).
    codes: { '127.0.0.1': { meaning: 'query refused (resolver over URIBL volume limit)', class: 'refused' } },
    bits: { 2: 'black: domain in spam', 4: 'grey: domain in bulk mail', 8: 'red: new domain in spam' },
    terms: 'https://uribl.com/usage.shtml',
    refusesPublicResolvers: true,
    needsKey: false,
    default: false,
    verified: true,
  },
  {
    id: 'surbl',
    name: 'SURBL multi',
    zone: 'multi.surbl.org',
    lists: 'domains of web sites in spam: phishing, malware, abuse, cracked sites (as bits)',
    kinds: ['domain'],
    codes: { '127.0.0.1': { meaning: 'query blocked (public resolver or volume)', class: 'refused' } },
    bits: { 8: 'phishing (PH)', 16: 'malware (MW)', 64: 'abuse (ABUSE)', 128: 'cracked site (CR)' },
    terms: 'https://www.surbl.org/guidelines',
    refusesPublicResolvers: true,
    needsKey: false,
    default: false,
    verified: false, // the 127.0.0.1 "blocked" code is from SURBL's guidelines as remembered, not re-read
  },
  {
    id: 'uceprotect-1',
    name: 'UCEPROTECT Level 1',
    zone: 'dnsbl-1.uceprotect.net',
    lists: 'single IPs that hit UCEPROTECT spam traps; aggressive, escalates to ranges in levels 2/3',
    kinds: ['ipv4'],
    codes: { '127.0.0.2': { meaning: 'listed: hit UCEPROTECT spam traps', class: 'listed' } },
    terms: 'https://www.uceprotect.net/en/index.php?m=6&s=11',
    refusesPublicResolvers: true,
    needsKey: false,
    default: false,
    verified: false,
  },
  {
    id: 'abusix',
    name: 'Abusix Mail Intelligence (combined)',
    zone: '{key}.combined.mail.abusix.zone',
    lists: 'spam sources, exploited hosts, policy (dynamic) ranges; free key for low volume',
    kinds: ['ipv4', 'ipv6'],
    codes: {
      '127.0.0.2': { meaning: 'black: spam source', class: 'listed' },
      '127.0.0.3': { meaning: 'black: exploited host', class: 'listed' },
      '127.0.0.4': { meaning: 'exploit: compromised host', class: 'listed' },
      '127.0.0.11': { meaning: 'policy: dynamic/end-user range', class: 'listed' },
      '127.0.0.12': { meaning: 'policy: generic rDNS', class: 'listed' },
    },
    terms: 'https://abusix.com/terms-of-service/',
    refusesPublicResolvers: false,
    needsKey: true,
    keyName: 'abusix',
    default: false,
    verified: false,
  },
];

export function findBlocklist(idOrZone: string): BlocklistEntry | undefined {
  const q = idOrZone.toLowerCase();
  return BLOCKLISTS.find((b) => b.id === q || b.zone === q || b.zone.replace('{key}.', '') === q);
}

/** The zone to show people: the key placeholder removed, never the key. */
export function displayZone(entry: BlocklistEntry): string {
  return entry.zone.replace('{key}.', '');
}

/** A list the user names by zone that the catalogue does not know: RFC 5782 defaults, 127.0.0.2 = listed. */
export function adHocBlocklist(zone: string): BlocklistEntry {
  return {
    id: zone.toLowerCase(),
    name: zone,
    zone: zone.toLowerCase(),
    lists: 'not in the catalogue (RFC 5782 conventions assumed; IPv4 only)',
    kinds: ['ipv4'],
    codes: {},
    terms: '',
    refusesPublicResolvers: false,
    needsKey: false,
    default: false,
    verified: false,
  };
}
