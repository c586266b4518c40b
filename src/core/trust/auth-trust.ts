import { Alignment } from '../auth/alignment';
import { parseArcAuthResults, parseAuthResults } from '../auth/authres';
import { trimEnds } from '../chars';
import type { AuthResultsHeader, AuthView, Diagnostic, HeaderField, Verdict } from '../types';
import type { AuthResultsComments } from './claims';

/** Every A-R / ARC-A-R parsed once, with the comments and properties that claims read. */
export function parseAllAuthResults(
  /** The A-R and ARC-A-R fields, in order (FieldIndex's `named.authResults`). */
  fields: readonly HeaderField[],
  diagnostics: Diagnostic[],
): { results: AuthResultsHeader[]; comments: AuthResultsComments[]; arcInstances: Map<number, number | null> } {
  const results: AuthResultsHeader[] = [];
  const comments: AuthResultsComments[] = [];
  // ARC-A-R instances read from the raw value, by header index, so that groupArcSets need not parse again.
  const arcInstances = new Map<number, number | null>();
  for (const h of fields) {
    // FieldIndex gathered only these two names, which differ in length.
    const arc = h.name.length !== 22;
    // Claims read only the SPF comments (`sender IP is …`, `designates … as permitted sender`): the others,
    // a few per field on Microsoft 365 mail, are not kept.
    const seen: AuthResultsComments['comments'] = [];
    const sink = (text: string, method: string | null): void => {
      if (method === 'spf') seen.push({ method, text });
    };
    // Some senders RFC 2047-encode the whole field; the decoded copy is what the receiver meant.
    const text = h.decoded ?? h.value;
    const parsed = arc ? parseArcAuthResults(text, sink) : parseAuthResults(text, sink);
    for (const d of parsed.diagnostics)
      diagnostics.push({ ...d, code: d.code.startsWith('authres') ? d.code : `authres-${d.code}`, header: h.index });
    const entry: AuthResultsHeader = {
      header: h.index,
      kind: arc ? 'arc-authentication-results' : 'authentication-results',
      authservId: parsed.authservId,
      version: parsed.version,
      results: parsed.results,
      trusted: false,
      trustReason: '',
    };
    if (arc && 'instance' in parsed) {
      if (parsed.instance !== null) entry.instance = parsed.instance as number;
      if (h.decoded === undefined) arcInstances.set(h.index, parsed.instance as number | null);
    }
    results.push(entry);
    // ARC-A-R records what an earlier hop (often the sending tenant) saw: never a claim about our handoff.
    if (!arc)
      comments.push({ header: h.index, authservId: parsed.authservId, comments: seen, results: parsed.results });
  }
  return { results, comments, arcInstances };
}

export interface AuthTrustContext {
  /** Header index of the newest Received written by the sender side (null: no sender side). */
  senderBoundaryHeader: number | null;
  /** Is this authserv-id the recipient's own (a recipient-zone host, or its provider's id)? */
  isRecipientAuthority: (authservId: string) => boolean;
  /** The recipient is Microsoft 365, which writes A-R without an authserv-id. */
  microsoftRecipient: boolean;
  /** The recipient's provider writes its A-R away from its Received field. */
  authResultsAnywhere: (authservId: string) => boolean;
}

/**
 * Marks which A-R fields the recipient's own servers wrote (DESIGN.md §5, last point) and takes the summary
 * verdicts from those only. Returns the headers of untrusted A-R that claim the recipient's own authserv-id,
 * which arrived with the message (RFC 8601 §5) and are evidence of injection when they claim a pass.
 */
export function judgeAuthResults(
  results: AuthResultsHeader[],
  ctx: AuthTrustContext,
): { injected: AuthResultsHeader[] } {
  const injected: AuthResultsHeader[] = [];
  const boundary = ctx.senderBoundaryHeader;
  // What trusted fields already reported, per authserv-id, method and signing domain. The recipient may write
  // several fields (one per milter) and repeat itself, but the same check with a different result below the
  // first can only be a copy that arrived with the message: receivers prepend, so the topmost is their own.
  // Made when first needed: most messages never compare a field with a trusted one (see below).
  let reported: Map<string, string> | undefined;
  // The trusted fields so far, whose keys go into `reported` only once a field must be compared with them
  // (most messages have none). A field's key can equal a trusted field's only if its first three parts
  // (kind, authserv-id, instance) are that field's too, as none holds the '|' that joins the parts; should
  // an authserv-id hold one, every later field is compared.
  const trusted: AuthResultsHeader[] = [];
  let recorded = 0;
  let pipeInTrusted = false;
  // The results of the trusted ARC-Authentication-Results so far (arcKey), made when a field below first needs
  // them: does a trusted ARC-Authentication-Results of its authserv-id report every result of that field? Such
  // a field repeats what the recipient itself sealed: a sender could only copy a verdict the recipient reached
  // anyway. A set, so that however many results both hold, each is looked at once.
  let sealed: Set<string> | undefined;
  let sealedRecorded = 0;
  const attestedByOwnArc = (r: AuthResultsHeader): boolean => {
    if (r.kind !== 'authentication-results' || r.results.length === 0) return false;
    sealed ??= new Set();
    for (; sealedRecorded < trusted.length; sealedRecorded++) {
      const t = trusted[sealedRecorded]!;
      if (t.kind === 'arc-authentication-results') for (const y of t.results) sealed.add(arcKey(t.authservId, y));
    }
    for (const x of r.results) if (!sealed.has(arcKey(r.authservId, x))) return false;
    return true;
  };
  for (const r of results) {
    const own = r.authservId === null ? ctx.microsoftRecipient : ctx.isRecipientAuthority(r.authservId);
    const who = r.authservId ?? '(no authserv-id, Microsoft 365 form)';
    const placed = above(r.header, boundary) || (r.authservId !== null && own && ctx.authResultsAnywhere(r.authservId));
    const pipe = r.authservId?.includes('|') === true;
    let conflicts = false;
    if (trusted.length > 0 && (pipe || pipeInTrusted || hasSameField(trusted, r))) {
      reported ??= new Map();
      for (; recorded < trusted.length; recorded++) {
        const t = trusted[recorded]!;
        for (const x of t.results) {
          const key = keyOf(t, x);
          if (!reported.has(key)) reported.set(key, x.result);
        }
      }
      for (let k = 0; k < r.results.length && !conflicts && reported.size > 0; k++) {
        const seen = reported.get(keyOf(r, r.results[k]!));
        conflicts = seen !== undefined && seen !== r.results[k]!.result;
      }
    }
    if (own && placed && !conflicts) {
      r.trusted = true;
      r.trustReason = `written by the recipient's servers (${who}), above the hops the sender wrote`;
      trusted.push(r);
      if (pipe) pipeInTrusted = true;
    } else if (own && r.kind === 'arc-authentication-results') {
      // RFC 8617 keeps every ARC set: one with the recipient's authserv-id below its own fields was added when
      // the message went through the same provider before (the sender's own Microsoft 365 tenant, a Google
      // Group, a forward), not forged in, and RFC 8601 §5's deletion does not apply to it.
      r.trustReason = `an ARC set${r.instance !== undefined ? ` (i=${r.instance})` : ''} that ${who} added earlier on the message's way (the sender's tenant of the same provider, a list or a forward); a claim, not the verdict`;
    } else if (own && placed && attestedByOwnArc(r)) {
      // The recipient handled the message twice (a re-import through its API, a forward back into it): the
      // later pass re-checked and may disagree (DKIM breaks on re-import), but the earlier field says what the
      // recipient's own ARC-Authentication-Results above it sealed, so the recipient wrote it, not the sender.
      r.trustReason = `an earlier verdict of the recipient's servers (${who}), the same as their own ARC-Authentication-Results above it; the field above is the verdict`;
    } else if (own && placed) {
      r.trustReason = `contradicts the recipient's own field above it (${who}): a copy that arrived with the message`;
      injected.push(r);
    } else if (own) {
      r.trustReason = `claims the recipient's own authserv-id ${who} but sits below the handoff: it arrived with the message`;
      injected.push(r);
    } else if (above(r.header, boundary)) {
      r.trustReason = `authserv-id ${who} is not one of the recipient's servers`;
    } else {
      r.trustReason = `written before the message reached the recipient (${who}); a claim, not a verdict`;
    }
  }
  return { injected };
}

/**
 * The key under which an ARC-Authentication-Results result and an Authentication-Results result say the same:
 * authserv-id, method, DKIM signing domain and result (in any case). JSON, so that no part can run into the next.
 */
function arcKey(authservId: string | null, x: AuthResultsHeader['results'][number]): string {
  const domain = x.method === 'dkim' ? (x.props['header.d'] ?? x.props['header.i'] ?? '').toLowerCase() : '';
  return JSON.stringify([authservId, x.method, domain, x.result.toLowerCase()]);
}

/** Does a field at header `h` sit above the newest Received written by the sender side (`boundary`)? */
function above(h: number, boundary: number | null): boolean {
  return boundary === null || h < boundary;
}

/** What judgeAuthResults compares fields' results by: the field's kind, authserv-id and instance, the method, the DKIM domain. */
function keyOf(r: AuthResultsHeader, x: AuthResultsHeader['results'][number]): string {
  return `${r.kind}|${r.authservId}|${r.instance ?? ''}|${x.method}|${x.method === 'dkim' ? (x.props['header.d'] ?? x.props['header.i'] ?? '') : ''}`;
}

/** Has a field of `fields` the kind, authserv-id and instance of `r`, as judgeAuthResults' keys write them? */
function hasSameField(fields: readonly AuthResultsHeader[], r: AuthResultsHeader): boolean {
  for (const t of fields)
    if (
      t.kind === r.kind &&
      (t.authservId ?? 'null') === (r.authservId ?? 'null') &&
      String(t.instance ?? '') === String(r.instance ?? '')
    )
      return true;
  return false;
}

function verdict(r: AuthResultsHeader, i: number): Verdict {
  const res = r.results[i]!;
  const v: Verdict = { method: res.method, result: res.result, props: res.props, header: r.header };
  if (res.reason !== undefined) v.reason = res.reason;
  return v;
}

/** Summary verdicts from trusted A-R only; ARC-A-R are used for `arc` only when no plain A-R says it. */
export function summaryVerdicts(results: AuthResultsHeader[], view: AuthView): void {
  for (const r of results) {
    if (!r.trusted || r.kind !== 'authentication-results') continue;
    r.results.forEach((res, i) => {
      const m = res.method;
      if (m === 'spf' && !view.spf) view.spf = verdict(r, i);
      else if (m === 'dkim') {
        view.dkim ??= [];
        view.dkim.push(verdict(r, i));
      } else if (m === 'dmarc' && !view.dmarc) view.dmarc = verdict(r, i);
      else if (m === 'arc' && !view.arc) view.arc = verdict(r, i);
      else if (m === 'compauth' && !view.compauth) view.compauth = verdict(r, i);
    });
  }
}

/** The lower-cased domain of an address (after its last '@'), without a closing '>' or trailing dot. */
export function domainOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  const part = at >= 0 ? address.slice(at + 1) : address;
  // The '>' and the dot are cut in one slice.
  const d = trimEnds(part).toLowerCase();
  let end = d.length;
  if (d.charCodeAt(end - 1) === 62 /* > */) end--;
  if (end > 0 && d.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === 0 ? undefined : end === d.length ? d : d.slice(0, end);
}

/**
 * DMARC identifier alignment (RFC 7489 §3.1) of the trusted SPF and DKIM passes with the From domain.
 * `alignment` is the analysis's memo, so the flag rules find the From domain's lookup already done.
 */
export function computeAlignment(
  view: AuthView,
  fromAddress: string | undefined,
  alignment: Alignment = new Alignment(),
): void {
  const fromDomain = domainOf(fromAddress);
  if (!fromDomain) return;
  view.alignment.fromDomain = fromDomain;
  const org = alignment.organizationalDomainOfDomain(fromDomain);
  if (org) view.alignment.organizationalDomain = org;
  if (view.spf) {
    const d = domainOf(view.spf.props['smtp.mailfrom'] ?? view.spf.props['smtp.helo']);
    // domainOf's results are lower-cased and hold no '@': Alignment need not normalise them again.
    view.alignment.spfAligned =
      view.spf.result.toLowerCase() === 'pass' && !!d && alignment.alignedDomains(d, fromDomain, 'r');
  }
  if (view.dkim) {
    view.alignment.dkimAligned = view.dkim.some((v) => {
      const d = domainOf(v.props['header.d'] ?? v.props['header.i']);
      return v.result.toLowerCase() === 'pass' && !!d && alignment.alignedDomains(d, fromDomain, 'r');
    });
  }
}
