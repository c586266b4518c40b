// Networks that rent out servers by the hour. Mail from a bulk or personal sender normally leaves through
// its mail provider's network; mail whose handoff is a rented VPS is worth a note (info, not a verdict:
// plenty of honest small servers live there). Numbers as registered in the RIR and shown by
// https://bgp.he.net/AS<number>; keywords match the AS name from Team Cymru / RIPEstat.
// Deliberately absent: AS15169 (Google) and AS8075 (Microsoft), which carry Gmail and Outlook mail too.

export interface HostingNetwork {
  asn: number;
  name: string;
  source: string;
}

export const HOSTING_ASNS: HostingNetwork[] = [
  { asn: 16509, name: 'Amazon (AWS EC2)', source: 'https://bgp.he.net/AS16509' },
  { asn: 14618, name: 'Amazon (AWS us-east-1)', source: 'https://bgp.he.net/AS14618' },
  { asn: 396982, name: 'Google Cloud Platform', source: 'https://bgp.he.net/AS396982' },
  { asn: 14061, name: 'DigitalOcean', source: 'https://bgp.he.net/AS14061' },
  { asn: 16276, name: 'OVH', source: 'https://bgp.he.net/AS16276' },
  { asn: 24940, name: 'Hetzner Online', source: 'https://bgp.he.net/AS24940' },
  { asn: 63949, name: 'Akamai Connected Cloud (Linode)', source: 'https://bgp.he.net/AS63949' },
  { asn: 20473, name: 'Vultr (The Constant Company)', source: 'https://bgp.he.net/AS20473' },
  { asn: 51167, name: 'Contabo', source: 'https://bgp.he.net/AS51167' },
  { asn: 12876, name: 'Scaleway', source: 'https://bgp.he.net/AS12876' },
  { asn: 36352, name: 'ColoCrossing', source: 'https://bgp.he.net/AS36352' },
  { asn: 9009, name: 'M247', source: 'https://bgp.he.net/AS9009' },
  { asn: 45102, name: 'Alibaba Cloud', source: 'https://bgp.he.net/AS45102' },
  { asn: 132203, name: 'Tencent Cloud', source: 'https://bgp.he.net/AS132203' },
  { asn: 31898, name: 'Oracle Cloud', source: 'https://bgp.he.net/AS31898' },
];

/** Words in an AS name that mark a hosting network; matched as whole words, case-insensitively. */
export const HOSTING_KEYWORDS = [
  'hosting',
  'hoster',
  'vps',
  'datacenter',
  'data-center',
  'colocation',
  'dedicated',
  'servers',
];

export function hostingNetwork(asn: number, asName: string | null): { reason: string } | undefined {
  const known = HOSTING_ASNS.find((h) => h.asn === asn);
  if (known) return { reason: `AS${asn} is ${known.name}, a server-hosting network` };
  if (asName) {
    const words = asName.toLowerCase().split(/[^a-z-]+/);
    const word = HOSTING_KEYWORDS.find((k) => words.includes(k));
    if (word) return { reason: `AS${asn} (${asName}) names itself a hosting network ("${word}")` };
  }
  return undefined;
}
