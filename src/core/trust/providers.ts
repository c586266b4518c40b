/**
 * Mail providers whose recipient-side infrastructure spans several domains or writes its own names for
 * internal hops. This is knowledge that changes: a row per provider, each with its source.
 *
 * - `domains`: registrable domains (ICANN Public Suffix List) whose hosts belong to the provider. Hosts under
 *   any of them count as one organisation when hops are linked.
 * - `outbound`: host patterns of the provider that relay *other customers'* outgoing mail (Microsoft's
 *   `*.outbound.protection.outlook.com`, Google's `mail-*.google.com`). They belong to the provider, but a
 *   connection from one of them into the provider's inbound edge is a handoff between two tenants.
 * - `internalPrefixes`: address ranges the provider uses only inside its own network (hops that carry them
 *   are never the handoff).
 * - `connectingIpHeaders`: header fields in which the provider states the IP that connected to its edge.
 * - `authservIds`: suffixes of the authserv-id its Authentication-Results carry.
 */
export interface Provider {
  id: string;
  name: string;
  domains: string[];
  outbound?: (host: string) => boolean;
  internalPrefixes?: string[];
  connectingIpHeaders?: string[];
  authservIds?: string[];
  /**
   * Header fields the provider writes for its own recipients wherever they sit (Exchange Online appends its
   * X-MS-Exchange-Organization-* fields at the end, and removes copies arriving from outside).
   */
  recipientFieldPrefixes?: string[];
  /**
   * The provider writes its Authentication-Results after the Received block rather than next to its own
   * Received (Proton reorders the header), so its A-R is recognised by authserv-id wherever it sits.
   */
  authResultsAnywhere?: boolean;
  source: string;
}

export const PROVIDERS: readonly Provider[] = [
  {
    id: 'microsoft',
    name: 'Microsoft 365 / Outlook.com',
    domains: [
      'outlook.com',
      'office365.com',
      'hotmail.com',
      'msn.com',
      'exchangelabs.com',
      'live.com',
      'microsoft.com',
      'office.com',
    ],
    // NAM12-DM6-obe.outbound.protection.outlook.com, mail-dm6nam12on2103.outbound.protection.outlook.com
    outbound: (host) => host.endsWith('.outbound.protection.outlook.com'),
    // 2603:1000::/24 is Microsoft's internal datacenter range; 2a01:111::/32 its front ends.
    internalPrefixes: ['2603:1000::/24', '2a01:111::/32'],
    connectingIpHeaders: ['x-sender-ip', 'x-ms-exchange-organization-originalclientipaddress'],
    authservIds: ['protection.outlook.com', 'outlook.com', 'microsoft.com'],
    recipientFieldPrefixes: [
      'x-ms-exchange-organization-',
      'x-forefront-antispam-report',
      'x-microsoft-antispam',
      'x-ms-exchange-crosstenant-',
    ],
    source: 'https://learn.microsoft.com/en-us/defender-office-365/message-headers-eop-mdo',
  },
  {
    id: 'google',
    name: 'Gmail / Google Workspace',
    // 1e100.net names Google's servers (https://support.google.com/faqs/answer/174717).
    domains: ['google.com', 'gmail.com', 'googlemail.com', '1e100.net'],
    // mail-sor-f41.google.com, mail-pf1-f182.google.com: Google's outbound relays for Gmail senders;
    // 64.r1.unverified-forwarding.1e100.net: Gmail forwarding a user's mail to another address.
    outbound: (host) => (host.startsWith('mail-') && host.endsWith('.google.com')) || host.endsWith('.1e100.net'),
    // Gmail's internal hops are written `by 2002:a05:6a10:…`.
    internalPrefixes: ['2002:a00::/24'],
    authservIds: ['mx.google.com', 'google.com'],
    source: 'https://support.google.com/mail/answer/29436',
  },
  {
    id: 'yahoo',
    name: 'Yahoo / AOL',
    domains: ['yahoo.com', 'yahoo.net', 'yahoodns.net', 'aol.com', 'aol.net', 'yahoo.co.jp', 'ymail.com'],
    authservIds: ['atlas.', 'yahoo.com', 'aol.com'],
    source: 'https://senders.yahooinc.com/',
  },
  {
    id: 'apple',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com', 'apple.com'],
    authservIds: ['icloud.com', 'apple.com'],
    source: 'https://support.apple.com/en-us/102322',
  },
  {
    id: 'proton',
    name: 'Proton Mail',
    domains: ['protonmail.ch', 'protonmail.com', 'proton.me', 'pm.me'],
    authservIds: ['protonmail.ch', 'proton.me'],
    authResultsAnywhere: true,
    source: 'https://proton.me/support/email-headers',
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['messagingengine.com', 'fastmail.com', 'fastmail.fm'],
    authservIds: ['messagingengine.com', 'fastmail.com'],
    source: 'https://www.fastmail.help/hc/en-us/articles/1500000278342',
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in'],
    authservIds: ['zoho.com', 'zohomail.com', 'zoho.eu'],
    source: 'https://www.zoho.com/mail/help/',
  },
  {
    id: 'mimecast',
    name: 'Mimecast',
    domains: ['mimecast.com', 'mimecast.co.za', 'mimecast-offshore.com'],
    source: 'https://community.mimecast.com/',
  },
  {
    id: 'proofpoint',
    name: 'Proofpoint',
    domains: ['pphosted.com', 'ppe-hosted.com', 'proofpoint.com'],
    source: 'https://www.proofpoint.com/',
  },
  {
    id: 'mailgun',
    name: 'Mailgun',
    // Mail submitted over SMTP reaches smtp-out-n04.prod.<region>.postgun.com and leaves from m32-19.eu.mailgun.net
    // (its X-Mailgun-Sending-Ip): one service under two domains. Seen in public list archives (lore.kernel.org).
    domains: ['mailgun.net', 'mailgun.org', 'postgun.com'],
    source: 'https://documentation.mailgun.com/',
  },
  {
    id: 'amazon-ses',
    name: 'Amazon SES / WorkMail',
    domains: ['amazonses.com', 'amazonaws.com'],
    // SES receiving and WorkMail accept mail at inbound-smtp.<region>.amazonaws.com. Other customers' mail
    // reaches them from SES's sending hosts (a9-183.smtp-out.amazonses.com,
    // a27-4.smtp-out.us-west-2.amazonses.com) or from their own EC2 instances
    // (ec2-192-0-2-1.compute-1.amazonaws.com, ec2-….eu-west-1.compute.amazonaws.com).
    outbound: (host) =>
      host.endsWith('.amazonses.com')
        ? host.includes('.smtp-out.')
        : host.endsWith('.compute.amazonaws.com') || host.endsWith('.compute-1.amazonaws.com'),
    source: 'https://docs.aws.amazon.com/ses/latest/dg/',
  },
];

const byDomain = new Map<string, Provider>();
for (const p of PROVIDERS) for (const d of p.domains) byDomain.set(d, p);

/** The provider owning a registrable domain, if any. */
export function providerOfDomain(registrable: string): Provider | undefined {
  return byDomain.get(registrable);
}
