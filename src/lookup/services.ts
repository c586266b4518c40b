// What each lookup sends where, for the options page (DESIGN.md §1.3: nothing leaves the machine until the
// user turns lookups on, and then only what this list says).

import { BLOCKLISTS, displayZone } from './blocklists';

export interface ServiceDescription {
  id: string;
  name: string;
  /** What leaves the machine. */
  sends: string;
  /** To whom (the endpoint or zone). */
  to: string;
  terms: string;
  /** Off unless the user opts in (or gives a key). */
  optIn: boolean;
}

export const SERVICES: ServiceDescription[] = [
  {
    id: 'doh',
    name: 'DNS-over-HTTPS resolver (Cloudflare 1.1.1.1, then Google 8.8.8.8; configurable)',
    sends:
      'every DNS question below: IP addresses from the Received chain (reversed), the From / Return-Path / DKIM / Reply-To domains, and your own IP address as the connection source',
    to: 'https://cloudflare-dns.com/dns-query, https://dns.google/dns-query',
    terms:
      'https://developers.cloudflare.com/1.1.1.1/privacy/public-dns-resolver/ · https://developers.google.com/speed/public-dns/privacy',
    optIn: false,
  },
  ...BLOCKLISTS.map((b) => ({
    id: `dnsbl:${b.id}`,
    name: b.name,
    sends: `${b.kinds.includes('domain') ? 'domains' : 'IP addresses'} from the message, as a DNS question through the resolver${b.needsKey ? ', with your key in the name' : ''}`,
    to: displayZone(b),
    terms: b.terms,
    optIn: !b.default,
  })),
  {
    id: 'reverse-dns',
    name: 'Reverse DNS (PTR) and forward confirmation',
    sends: 'IP addresses from the Received chain, and the host names they point to, through the resolver',
    to: 'in-addr.arpa / ip6.arpa via the resolver',
    terms: '',
    optIn: false,
  },
  {
    id: 'team-cymru',
    name: 'Team Cymru IP-to-ASN (DNS)',
    sends: 'IP addresses from the Received chain, through the resolver',
    to: 'origin.asn.cymru.com, origin6.asn.cymru.com, asn.cymru.com',
    terms: 'https://team-cymru.com/community-services/ip-asn-mapping/',
    optIn: false,
  },
  {
    id: 'ripestat',
    name: 'RIPEstat prefix overview (fallback when Team Cymru does not answer)',
    sends: 'an IP address from the Received chain, over HTTPS',
    to: 'https://stat.ripe.net/data/prefix-overview/data.json',
    terms: 'https://www.ripe.net/about-us/legal/ripestat-service-terms-and-conditions/',
    optIn: false,
  },
  {
    id: 'rdap',
    name: 'RDAP domain registration (IANA bootstrap, then the registry)',
    sends: 'the registrable part of the From / Return-Path / DKIM / Reply-To domains, over HTTPS',
    to: 'https://data.iana.org/rdap/dns.json and the registry it names (e.g. rdap.verisign.com)',
    terms: 'https://www.iana.org/help/rdap-faq',
    optIn: false,
  },
  {
    id: 'policy-records',
    name: 'SPF and DMARC records',
    sends: 'the From (and Return-Path) domain, as TXT questions through the resolver',
    to: 'the domain itself and _dmarc.<domain> via the resolver',
    terms: '',
    optIn: false,
  },
  {
    id: 'abuseipdb',
    name: 'AbuseIPDB check (only with your API key)',
    sends: 'the handoff and origin IP addresses and your API key, over HTTPS',
    to: 'https://api.abuseipdb.com/api/v2/check',
    terms: 'https://www.abuseipdb.com/legal',
    optIn: true,
  },
];
