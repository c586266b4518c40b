// Meanings of Microsoft 365 / Exchange Online Protection anti-spam header values, taken from
// Microsoft's own pages (linked per table). Where Microsoft documents nothing (the
// X-Microsoft-Antispam-Mailbox-Delivery keys), the table says whose reading it is.

import { defineTable } from '../decoder';

export const MICROSOFT_HEADERS_SOURCE = 'https://learn.microsoft.com/en-us/defender-office-365/message-headers-eop-mdo';
export const MICROSOFT_SCL_SOURCE =
  'https://learn.microsoft.com/en-us/defender-office-365/anti-spam-spam-confidence-level-scl-about';
export const MICROSOFT_BCL_SOURCE =
  'https://learn.microsoft.com/en-us/defender-office-365/anti-spam-bulk-complaint-level-bcl-about';
export const EXCHANGE_STAMPS_SOURCE =
  'https://learn.microsoft.com/en-us/exchange/antispam-and-antimalware/antispam-protection/antispam-stamps';
/** Microsoft does not document X-Microsoft-Antispam-Mailbox-Delivery; this is a university IT page's reading. */
export const MAILBOX_DELIVERY_SOURCE = 'https://help.it.ox.ac.uk/examine-junk-mail-delivery';
export const AUTH_AS_SOURCE =
  'https://www.msxfaq.de/cloud/exchangeonline/transport/x-ms-exchange-organization-authas.htm';

/** Fields of X-Forefront-Antispam-Report (and its -Untrusted copy). */
export const FOREFRONT_KEYS = defineTable(MICROSOFT_HEADERS_SOURCE, {
  ARC: 'Authenticated Received Chain result (AAR, AMS, AS with cv= none/pass/fail)',
  CAT: 'Category of threat policy applied to the message',
  CIP: 'Connecting IP address (the address that connected to Microsoft 365)',
  CTRY: 'Source country/region of the connecting IP address',
  DIR: 'Direction of the message',
  H: 'HELO/EHLO name the connecting server gave',
  IPV: 'IP reputation verdict of the connecting IP',
  LANG: 'Language the message was written in',
  PTR: 'Reverse DNS (PTR) name of the connecting IP',
  SCL: 'Spam confidence level (higher is more likely spam)',
  SFTY: 'Safety tip: the message was identified as phishing or impersonation',
  SFV: 'Spam filtering verdict',
  SRV: 'Service verdict (BULK: identified as bulk mail against the BCL threshold)',
  'X-CustomSpam': 'Matched an Advanced Spam Filter (ASF) option in an anti-spam policy',
  SFS: 'Internal spam filter rule ids that matched (undocumented; used by Microsoft for diagnostics)',
  SFP: 'Internal spam filter diagnostic value (undocumented)',
  SRVR: 'Internal: Microsoft server that filtered the message (undocumented)',
});

export const CAT_VALUES = defineTable(MICROSOFT_HEADERS_SOURCE, {
  AMP: 'Anti-malware',
  BIMP: 'Brand impersonation (Defender for Office 365)',
  BULK: 'Bulk',
  DIMP: 'Domain impersonation (Defender for Office 365)',
  FTBP: 'Anti-malware common attachments filter',
  GIMP: 'Mailbox intelligence impersonation (Defender for Office 365)',
  HPHSH: 'High confidence phishing',
  HPHISH: 'High confidence phishing',
  HSPM: 'High confidence spam',
  INTOS: 'Intra-organization phishing',
  MALW: 'Malware',
  OSPM: 'Outbound spam',
  PHSH: 'Phishing',
  SAP: 'Safe Attachments (Defender for Office 365)',
  SPM: 'Spam',
  SPOOF: 'Spoofing',
  UIMP: 'User impersonation (Defender for Office 365)',
  // Not in Microsoft's table, but the value seen on clean mail.
  NONE: 'No threat category applied',
});

export const SFV_VALUES = defineTable(MICROSOFT_HEADERS_SOURCE, {
  BLK: "Filtering skipped; blocked because the sender is in the user's Blocked Senders list",
  NSPM: 'Spam filtering marked the message as not spam',
  SFE: "Filtering skipped; allowed because the sender is in the user's Safe Senders list",
  SKA: 'Spam filtering skipped: sender in the allowed senders/domains list of an anti-spam policy',
  SKB: 'Marked as spam: sender in the blocked senders/domains list of an anti-spam policy',
  SKI: 'Spam filtering skipped for another reason (for example, intra-organization mail)',
  SKN: 'Marked as not spam before spam filtering (for example, SCL -1 set by a mail flow rule)',
  SKQ: 'Released from quarantine and sent to the recipients',
  SKS: 'Marked as spam before spam filtering (for example, SCL 5–9 set by a mail flow rule)',
  SPM: 'Spam filtering marked the message as spam',
});

export const IPV_VALUES = defineTable(MICROSOFT_HEADERS_SOURCE, {
  CAL: 'Spam filtering skipped: the source IP is in the IP Allow List',
  NLI: 'The IP address was not found on any IP reputation list',
});

export const DIR_VALUES = defineTable(MICROSOFT_HEADERS_SOURCE, {
  INB: 'Inbound message',
  OUT: 'Outbound message',
  INT: 'Internal message',
});

export const SRV_VALUES = defineTable(MICROSOFT_HEADERS_SOURCE, {
  BULK: 'Identified as bulk email by spam filtering and the BCL threshold',
});

/** SFTY values: 9.19, 9.20 and 9.25 are on the current page; 9.1, 9.11 and 9.21–9.24 on its earlier revisions. */
export const SFTY_VALUES = defineTable(MICROSOFT_HEADERS_SOURCE, {
  '9.1': 'Phishing (default): phishing URL or content, or marked phishing by on-premises Exchange',
  '9.11': 'Intra-org or self-to-self spoofing',
  '9.19': 'Domain impersonation: the sending domain impersonates a protected domain',
  '9.20': "User impersonation: the sender impersonates a user in the recipient's organization or a protected user",
  '9.21': "Cross-domain spoofing: the From domain doesn't authenticate and is an external domain",
  '9.22': 'Cross-domain spoofing, and a user safe sender was overridden',
  '9.23': 'Cross-domain spoofing, and an organization allowed sender or domain was overridden',
  '9.24': 'Cross-domain spoofing, and a user mail flow rule was overridden',
  '9.25': 'First contact safety tip: the recipient rarely or never receives mail from this sender',
});

/** Spam confidence level. 2–4 are never stamped by spam filtering itself. */
export const SCL_VALUES = defineTable(MICROSOFT_SCL_SOURCE, {
  '-1': 'Spam filtering skipped (safe sender, safe recipient, IP Allow List or a mail flow rule)',
  '0': 'Not spam',
  '1': 'Not spam',
  '2': 'Not stamped by spam filtering (set by another feature or rule)',
  '3': 'Not stamped by spam filtering (set by another feature or rule)',
  '4': 'Not stamped by spam filtering (set by another feature or rule)',
  '5': 'Spam',
  '6': 'Spam',
  '7': 'High confidence spam (usually set by another feature: analyst grading, DMARC failure, mail flow rule)',
  '8': 'High confidence spam',
  '9': 'High confidence spam',
});

export const BCL_VALUES = defineTable(MICROSOFT_BCL_SOURCE, {
  '0': 'Not from a bulk sender',
  '1': 'Bulk sender that generates few complaints',
  '2': 'Bulk sender that generates few complaints',
  '3': 'Bulk sender that generates few complaints',
  '4': 'Bulk sender that generates a mixed number of complaints',
  '5': 'Bulk sender that generates a mixed number of complaints',
  '6': 'Bulk sender that generates a mixed number of complaints',
  '7': 'Bulk sender that generates a mixed number of complaints',
  '8': 'Bulk sender that generates a high number of complaints',
  '9': 'Bulk sender that generates a high number of complaints',
});

/** Phishing confidence level: 1–3 neutral, 4–8 suspicious (Exchange antispam stamps); 0 as seen in EOP's header. */
export const PCL_VALUES = defineTable(EXCHANGE_STAMPS_SOURCE, {
  '0': 'Neutral: content is not likely to be phishing',
  '1': 'Neutral: content is not likely to be phishing',
  '2': 'Neutral: content is not likely to be phishing',
  '3': 'Neutral: content is not likely to be phishing',
  '4': 'Suspicious: content is likely to be phishing',
  '5': 'Suspicious: content is likely to be phishing',
  '6': 'Suspicious: content is likely to be phishing',
  '7': 'Suspicious: content is likely to be phishing',
  '8': 'Suspicious: content is likely to be phishing',
});

/** Fields of X-Microsoft-Antispam. Microsoft documents BCL (and, on earlier revisions, PCL); the rest is diagnostic. */
export const MICROSOFT_ANTISPAM_KEYS = defineTable(MICROSOFT_HEADERS_SOURCE, {
  BCL: 'Bulk complaint level (0–9; higher is more likely unwanted bulk mail)',
  PCL: 'Phishing confidence level (0–3 not likely phishing, 4–8 likely phishing)',
  RULEID: 'Internal rule ids (undocumented)',
  SRVR: 'Internal: Microsoft server that filtered the message (undocumented)',
  ARA: 'Internal diagnostic ids (undocumented)',
});

export const MAILBOX_DELIVERY_KEYS = defineTable(MAILBOX_DELIVERY_SOURCE, {
  dest: 'Server-side delivery destination',
  OFR: 'What decided the delivery folder',
  RF: 'Folder the message was routed to by the filter',
  ENG: 'Internal filtering engine ids (undocumented)',
  // Flags seen on every Outlook.com delivery; Microsoft documents none of them.
  ucf: 'Undocumented mailbox filter flag',
  jmr: 'Undocumented mailbox filter flag',
  ex: 'Undocumented mailbox filter flag',
  auth: 'Undocumented mailbox filter flag',
  psp: 'Undocumented mailbox filter flag',
  wl: 'Undocumented mailbox filter flag (the name suggests an allow list)',
  pcwl: 'Undocumented mailbox filter flag (the name suggests an allow list)',
  rwl: 'Undocumented mailbox filter flag (the name suggests an allow list)',
  abwl: 'Undocumented mailbox filter flag (the name suggests an allow list)',
  dwl: 'Undocumented mailbox filter flag (the name suggests an allow list)',
  iwl: 'Undocumented mailbox filter flag (the name suggests an allow list)',
  kl: 'Undocumented mailbox filter flag (the name suggests a block list)',
  dkl: 'Undocumented mailbox filter flag (the name suggests a block list)',
  ijl: 'Undocumented mailbox filter flag',
});

export const MAILBOX_DELIVERY_DEST = defineTable(MAILBOX_DELIVERY_SOURCE, {
  I: 'Delivered to the Inbox',
  J: 'Delivered to the Junk Email folder',
  C: 'Delivered to a user-specified (custom) folder',
});

export const MAILBOX_DELIVERY_OFR = defineTable(MAILBOX_DELIVERY_SOURCE, {
  CustomRules: "A user's mailbox rule decided the folder",
  SpamFilterAuthJ: 'Exchange spam filtering decided the folder (Junk Email)',
  TrustedSenderList: "The sender is on the recipient's trusted (safe) senders list",
});

export const AUTH_AS_VALUES = defineTable(AUTH_AS_SOURCE, {
  Anonymous: 'The sending server did not authenticate: ordinary mail from outside the organization',
  Internal: 'Authenticated as part of the organization (an internal sender or server)',
  Partner: 'Authenticated as a partner organization (domain-secured / partner connector)',
  Authenticated: 'The sender authenticated to the Exchange server (for example, SMTP AUTH)',
});

export const DIRECTIONALITY_VALUES = defineTable(AUTH_AS_SOURCE, {
  Incoming: 'The message came into the organization from outside',
  Originating: 'The message was sent from inside the organization',
});
