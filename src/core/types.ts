// The Analysis schema (DESIGN.md §3). Field names are part of the public JSON contract:
// the CLI prints these objects and the UI and lookups read nothing else.

export type Severity = 'danger' | 'warning' | 'info' | 'good';
export type Zone = 'recipient' | 'handoff' | 'sender' | 'unverified';
export type IpScope = 'public' | 'private' | 'loopback' | 'link-local' | 'shared' | 'reserved';
export type Confidence = 'high' | 'medium' | 'low';

export interface Address {
  name?: string;
  address: string;
  raw: string;
}

export interface InputInfo {
  bytes: number;
  kind: 'message' | 'headers';
  eol: 'crlf' | 'lf' | 'cr' | 'mixed';
  truncated: boolean;
}

export interface HeaderField {
  index: number;
  name: string;
  /** The field exactly as it appeared (name, colon, value, folding), without the final line break. */
  raw: string;
  /** The unfolded value after the colon, leading white space removed. */
  value: string;
  /** RFC 2047 decoded copy of `value`, present only when it differs. */
  decoded?: string;
}

export interface Diagnostic {
  code: string;
  message: string;
  header?: number;
  offset?: number;
}

export interface Summary {
  subject?: string;
  from?: Address;
  sender?: Address;
  replyTo?: Address[];
  returnPath?: string;
  to?: Address[];
  date?: string;
  messageId?: string;
  hopCount: number;
  totalDelaySeconds: number | null;
  handoffIp: string | null;
  originIp: string | null;
  verdict: 'danger' | 'warning' | 'ok' | 'unknown';
}

export interface HopFrom {
  helo?: string;
  rdns?: string;
  ip?: string;
  port?: number;
  ident?: string;
}

export interface Hop {
  index: number;
  header: number;
  parsed: boolean;
  from: HopFrom;
  by: { host?: string; ip?: string };
  with?: string;
  id?: string;
  for?: string;
  via?: string;
  tls?: { version?: string; cipher?: string; bits?: number };
  authenticated?: { user?: string; mechanism?: string };
  date?: string;
  delaySeconds: number | null;
  ipScope?: IpScope;
  zone: Zone;
  raw: string;
}

export interface Handoff {
  hop: number;
  ip: string;
  confidence: Confidence;
  reason: string;
  confirmedBy: string[];
}

export interface Origin {
  hop: number;
  ip: string | null;
  confidence: Confidence;
  reason: string;
}

export interface AuthResult {
  method: string;
  version?: number;
  result: string;
  reason?: string;
  props: Record<string, string>;
}

export interface AuthResultsHeader {
  header: number;
  kind: 'authentication-results' | 'arc-authentication-results';
  instance?: number;
  authservId: string | null;
  version: number | null;
  results: AuthResult[];
  trusted: boolean;
  trustReason: string;
}

export interface Verdict {
  method: string;
  result: string;
  reason?: string;
  props: Record<string, string>;
  header: number;
}

export interface ReceivedSpf {
  header: number;
  result: string;
  comment?: string;
  /** key=value pairs (client-ip, envelope-from, helo, receiver, identity, mechanism, problem). */
  props: Record<string, string>;
  clientIp?: string;
}

export interface DkimSignature {
  header: number;
  /** Every tag as written (values with folding white space removed, except b= and bh= which are kept compact). */
  tags: Record<string, string>;
  domain?: string;
  selector?: string;
  algorithm?: string;
  canonicalization?: string;
  signedHeaders: string[];
  bodyLength?: number;
  identity?: string;
  timestamp?: number;
  expiration?: number;
}

export interface ArcSet {
  instance: number;
  seal?: {
    header: number;
    cv?: string;
    domain?: string;
    selector?: string;
    algorithm?: string;
    tags: Record<string, string>;
  };
  messageSignature?: {
    header: number;
    domain?: string;
    selector?: string;
    algorithm?: string;
    signedHeaders: string[];
    tags: Record<string, string>;
  };
  authenticationResults?: { header: number };
}

export interface AuthView {
  results: AuthResultsHeader[];
  spf?: Verdict;
  dkim?: Verdict[];
  dmarc?: Verdict;
  arc?: Verdict;
  compauth?: Verdict;
  receivedSpf: ReceivedSpf[];
  dkimSignatures: DkimSignature[];
  arcSets: ArcSet[];
  alignment: { fromDomain?: string; spfAligned?: boolean; dkimAligned?: boolean; organizationalDomain?: string };
}

export interface VendorVerdictItem {
  key: string;
  value: string;
  meaning?: string;
}

export interface VendorVerdict {
  vendor: string;
  header: number;
  /** The header field name the verdict was read from. */
  field: string;
  /** Recipient-side (written by the recipient's servers) or a copy that arrived with the message. */
  trusted: boolean;
  summary?: string;
  score?: number;
  items: VendorVerdictItem[];
}

export interface Evidence {
  header?: number;
  hop?: number;
  text?: string;
}

export interface Flag {
  id: string;
  severity: Severity;
  title: string;
  detail: string;
  evidence: Evidence[];
}

export interface Analysis {
  schema: 1;
  input: InputInfo;
  summary: Summary;
  headers: HeaderField[];
  hops: Hop[];
  handoff: Handoff | null;
  origin: Origin | null;
  auth: AuthView;
  antispam: VendorVerdict[];
  flags: Flag[];
  diagnostics: Diagnostic[];
}

export interface AnalyzeOptions {
  /** The current time (ms since epoch); the core has no clock of its own. */
  now?: number;
  /** Host names or domains the user declares part of their own (recipient) infrastructure. */
  trustedHosts?: string[];
  /** Exact host names known to be the recipient's own servers (learned from a mailbox, see trust/mailbox.ts). */
  recipientHosts?: string[];
  /** Input cap in bytes; beyond it the input is truncated with a diagnostic. Default 4 MB. */
  maxBytes?: number;
}

// Header-signature verification results (enrichment.signatures, enrichment.arc), defined beside their
// verifier in src/core/dkim and part of the same JSON contract.
export type {
  ArcInstanceReport,
  ArcVerification,
  BodyStatus,
  SignatureFailure,
  SignatureStatus,
  SignatureVerification,
} from './dkim/types';
