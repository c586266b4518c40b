// Well-known ARC sealers (RFC 8617 §7.2: a receiver decides which sealers it trusts). The options page offers
// these as a starting trust list; a row is the seal's d= (and the selectors seen in the wild where that
// helps recognise it), who operates it, and where that is documented. `checked` says whether the source was
// read and found to support the row when the table was written; unchecked rows are what is commonly seen in
// the wild and need their link confirmed before the options page pre-selects them.

export interface ArcSealer {
  /** The ARC-Seal d= value. */
  domain: string;
  operator: string;
  /** Selectors observed on this sealer's seals (informational; selectors rotate). */
  selectors?: string[];
  source: string;
  checked: boolean;
}

/** The ARC Community Sealers list that mailauth's trust list and several receivers start from. */
const COMMUNITY_LIST =
  'https://github.com/trusteddomainproject/ARC_Community_Sealers/blob/master/community_sealer_whitelist';

export const ARC_SEALERS: readonly ArcSealer[] = [
  {
    domain: 'google.com',
    operator: 'Google (Gmail, Google Workspace)',
    selectors: ['arc-20160816', 'arc-20240605'],
    source: 'https://support.google.com/a/answer/13198639',
    checked: true,
  },
  { domain: 'gmail.com', operator: 'Google (Gmail)', source: COMMUNITY_LIST, checked: true },
  { domain: 'googlegroups.com', operator: 'Google Groups', source: COMMUNITY_LIST, checked: true },
  {
    domain: 'microsoft.com',
    operator: 'Microsoft 365 / Exchange Online',
    selectors: ['arcselector9901', 'arcselector10001'],
    source: 'https://learn.microsoft.com/en-us/defender-office-365/email-authentication-arc-configure',
    checked: false,
  },
  {
    domain: 'outlook.com',
    operator: 'Microsoft (Outlook.com consumer)',
    selectors: ['arcselector9901'],
    source: 'https://learn.microsoft.com/en-us/defender-office-365/email-authentication-arc-configure',
    checked: false,
  },
  {
    domain: 'yahoo.com',
    operator: 'Yahoo Mail',
    source: 'https://senders.yahooinc.com/best-practices/',
    checked: false,
  },
  {
    domain: 'aol.com',
    operator: 'AOL (Yahoo)',
    source: 'https://senders.yahooinc.com/best-practices/',
    checked: false,
  },
  {
    domain: 'messagingengine.com',
    operator: 'Fastmail',
    source: COMMUNITY_LIST,
    checked: true,
  },
  { domain: 'fastmail.com', operator: 'Fastmail', source: COMMUNITY_LIST, checked: true },
  { domain: 'fastmail.fm', operator: 'Fastmail', source: COMMUNITY_LIST, checked: true },
  { domain: 'topicbox.com', operator: 'Topicbox (Fastmail)', source: COMMUNITY_LIST, checked: true },
  { domain: 'pobox.com', operator: 'Pobox', source: COMMUNITY_LIST, checked: true },
  {
    domain: 'zohomail.com',
    operator: 'Zoho Mail',
    source: 'https://www.zoho.com/mail/help/adminconsole/arc.html',
    checked: false,
  },
  {
    domain: 'zoho.com',
    operator: 'Zoho Mail',
    source: 'https://www.zoho.com/mail/help/adminconsole/arc.html',
    checked: false,
  },
  {
    domain: 'protonmail.ch',
    operator: 'Proton Mail',
    source: 'https://proton.me/support/email-authentication',
    checked: false,
  },
  {
    domain: 'proton.me',
    operator: 'Proton Mail',
    source: 'https://proton.me/support/email-authentication',
    checked: false,
  },
  {
    domain: 'mimecast.com',
    operator: 'Mimecast',
    source: 'https://community.mimecast.com/s/article/email-security-cloud-gateway-arc-authenticated-received-chain',
    checked: false,
  },
  {
    domain: 'pphosted.com',
    operator: 'Proofpoint (hosted)',
    source: 'https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/ARC',
    checked: false,
  },
  {
    domain: 'icloud.com',
    operator: 'Apple iCloud Mail',
    source: 'https://support.apple.com/en-us/102322',
    checked: false,
  },
  { domain: 'one.com', operator: 'one.com', source: COMMUNITY_LIST, checked: true },
  { domain: 'securemx.jp', operator: 'SecureMX', source: COMMUNITY_LIST, checked: true },
  { domain: 'umich.edu', operator: 'University of Michigan', source: COMMUNITY_LIST, checked: true },
  { domain: 'forwardemail.net', operator: 'Forward Email', source: 'https://forwardemail.net/en/faq', checked: false },
];
