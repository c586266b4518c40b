import { decodeAntispam } from './antispam';
import { Alignment } from './auth/alignment';
import { groupArcSets } from './auth/arc';
import { parseDkimSignature } from './auth/dkim-signature';
import { parseReceivedSpf } from './auth/received-spf';
import { evaluateFlags, verdictOf } from './flags';
import { parseAddress, parseAddressList } from './headers/address';
import { FieldIndex, type NamedFields } from './headers/fields';
import { readHeaderBlock } from './headers/read';
import { buildHops, totalDelay } from './hops';
import { computeAlignment, judgeAuthResults, parseAllAuthResults, summaryVerdicts } from './trust/auth-trust';
import { judgeChain } from './trust/chain';
import { collectClaims } from './trust/claims';
import { providerOfOrg } from './trust/organisation';
import type {
  Analysis,
  AnalyzeOptions,
  AuthView,
  Diagnostic,
  DkimSignature,
  HeaderField,
  ReceivedSpf,
  Summary,
} from './types';

/**
 * The one entry point of the core (DESIGN.md §2): raw message or header text in, Analysis out.
 * Pure and total: never throws on input; what it cannot understand becomes a Diagnostic.
 */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const block = readHeaderBlock(typeof text === 'string' ? text : String(text ?? ''), options.maxBytes);
  const { headers, diagnostics } = block;
  const fields = new FieldIndex(headers);
  const named = fields.named;

  const { hops, chain } = buildHops(named.received, diagnostics);

  // Authentication headers, parsed once.
  const ar = parseAllAuthResults(named.authResults, diagnostics);
  const receivedSpf: ReceivedSpf[] = [];
  for (const h of named.receivedSpf) {
    const parsed = parseReceivedSpf(h.value);
    for (const x of parsed.diagnostics) diagnostics.push({ ...x, header: h.index });
    receivedSpf.push(withHeader(h.index, parsed));
  }
  const dkimSignatures: DkimSignature[] = [];
  for (const h of named.dkimSignature) {
    const parsed = parseDkimSignature(h.value);
    for (const x of parsed.diagnostics) diagnostics.push({ ...x, header: h.index });
    dkimSignatures.push(withHeader(h.index, parsed));
  }
  const arc = groupArcSets(headers, fields, ar.arcInstances);
  diagnostics.push(...arc.diagnostics);

  // Trust: who wrote which hop, then which headers.
  const claims = collectClaims(
    named.connectingIp,
    ar.comments,
    receivedSpf.map((s) => ({
      header: s.header,
      clientIp: s.clientIp,
      authority: spfAuthority(s),
      comment: s.comment,
    })),
  );
  const trust = judgeChain(chain, claims, options.trustedHosts ?? [], options.recipientHosts ?? [], fields);
  for (const h of hops) h.zone = trust.zones[h.index] ?? 'unverified';

  const microsoftRecipient = trust.recipientOrgs.has('p:microsoft');
  const { injected } = judgeAuthResults(ar.results, {
    senderBoundaryHeader: trust.senderBoundaryHeader,
    microsoftRecipient,
    isRecipientAuthority: trust.isRecipientAuthority,
    authResultsAnywhere: trust.authResultsAnywhere,
  });
  const auth: AuthView = { results: ar.results, receivedSpf, dkimSignatures, arcSets: arc.sets, alignment: {} };
  summaryVerdicts(ar.results, auth);

  const summary = buildSummary(named, diagnostics);
  // One memo of Organizational Domains for the whole analysis: the flag rules compare the same domains again.
  const alignment = new Alignment();
  computeAlignment(auth, summary.from?.address, alignment);
  summary.hopCount = hops.length;
  summary.totalDelaySeconds = totalDelay(chain);
  summary.handoffIp = trust.handoff?.ip ?? null;
  summary.originIp = trust.origin?.ip ?? null;

  const ownPrefixes = recipientFieldPrefixes(trust.recipientOrgs);
  const isTrusted = (headerIndex: number, lowerName: string): boolean => {
    if (trust.senderBoundaryHeader === null || headerIndex < trust.senderBoundaryHeader) return true;
    // decodeAntispam hands over the field's name lower-cased (its decoder's, a constant), compared natively:
    // reading each verdict's name again, character by character against every prefix, was about an eighth of
    // decodeAntispam's time on Microsoft 365 mail.
    return !lowerName.endsWith('-untrusted') && ownPrefixes.some((p) => lowerName.startsWith(p));
  };
  const antispam = decodeAntispam(headers, isTrusted);

  const analysis: Analysis = {
    schema: 1,
    input: block.input,
    summary,
    headers,
    hops,
    handoff: trust.handoff,
    origin: trust.origin,
    auth,
    antispam,
    flags: [],
    diagnostics,
  };
  analysis.flags = evaluateFlags(analysis, { trust, injected, now: options.now, fields, alignment, chain });
  summary.verdict = verdictOf(analysis.flags, hops.length > 0 || auth.results.length > 0);
  return analysis;
}

/**
 * `{ header, ...parsed }` without `parsed.diagnostics` (which the caller has moved to the analysis), in the
 * parser's key order. A for-in copy: the rest pattern `{ diagnostics, ...rest }` goes through a slow
 * runtime path that copies every property twice.
 */
function withHeader<T extends { diagnostics: Diagnostic[] }>(
  header: number,
  parsed: T,
): Omit<T, 'diagnostics'> & { header: number } {
  const out: Record<string, unknown> = { header };
  for (const key in parsed) if (key !== 'diagnostics') out[key] = parsed[key];
  return out as Omit<T, 'diagnostics'> & { header: number };
}

/** Field-name prefixes that the recipient's provider writes for its own users (see providers.ts). */
function recipientFieldPrefixes(recipientOrgs: Set<string>): string[] {
  const out: string[] = [];
  for (const key of recipientOrgs) {
    const p = providerOfOrg(key);
    if (p?.recipientFieldPrefixes) out.push(...p.recipientFieldPrefixes);
  }
  return out;
}

/** The SPF receiver: `receiver=` or the host in the comment (`(protection.outlook.com: domain of …)`). */
function spfAuthority(s: ReceivedSpf): string | undefined {
  if (s.props.receiver) return s.props.receiver;
  const c = s.comment;
  if (!c) return undefined;
  const colon = c.indexOf(':');
  const host = colon > 0 ? c.slice(0, colon).trim() : '';
  return host && !host.includes(' ') ? host : undefined;
}

function buildSummary(named: NamedFields, diagnostics: Analysis['diagnostics']): Summary {
  const text = (h: HeaderField | undefined): string | undefined => (h ? (h.decoded ?? h.value) : undefined);
  const summary: Summary = {
    hopCount: 0,
    totalDelaySeconds: null,
    handoffIp: null,
    originIp: null,
    verdict: 'unknown',
  };
  const subject = named.subject;
  if (subject) summary.subject = text(subject)!;
  const from = named.from;
  if (from) {
    const a = parseAddress(from.value);
    if (a) summary.from = a;
    else
      diagnostics.push({ code: 'from-unparsed', message: 'From header holds no readable address', header: from.index });
  }
  const sender = named.sender;
  if (sender) {
    const a = parseAddress(sender.value);
    if (a) summary.sender = a;
  }
  const replyTo = named.replyTo;
  if (replyTo) {
    const list = parseAddressList(replyTo.value);
    if (list.length) summary.replyTo = list;
  }
  const rp = named.returnPath;
  if (rp) {
    const v = rp.value.trim();
    const inner = v.startsWith('<') ? v.slice(1, v.indexOf('>') > 0 ? v.indexOf('>') : undefined) : v;
    summary.returnPath = inner;
  }
  const to = named.to;
  if (to) {
    const list = parseAddressList(to.value);
    if (list.length) summary.to = list;
  }
  const date = named.date;
  if (date) summary.date = date.value;
  const mid = named.messageId;
  if (mid) summary.messageId = mid.value.trim();
  return summary;
}
