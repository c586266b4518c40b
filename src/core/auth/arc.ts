// ARC sets (RFC 8617 §4): every hop that seals a message adds ARC-Authentication-Results,
// ARC-Message-Signature and ARC-Seal with the same instance `i=` (1 for the first sealer, up to 50).
// groupArcSets gathers the three members of each instance and reports what RFC 8617 §5.1.1 would
// make a validator fail: a missing or repeated member, a gap in the instances, and a `cv=` that
// contradicts the instance (cv=none only on i=1). No signature is verified here.

import { trimEnds } from '../chars';
import type { FieldNames } from '../headers/fields';
import type { ArcSet, Diagnostic, HeaderField } from '../types';
import { parseArcAuthResults } from './authres';
import { parseDecimal, signedHeaderList } from './dkim-signature';
import { parseTagList } from './tags';

export interface GroupedArcSets {
  /** One entry per instance, ascending. */
  sets: ArcSet[];
  diagnostics: Diagnostic[];
}

const MAX_INSTANCE = 50; // RFC 8617 §4.2.1

type Member = 'seal' | 'messageSignature' | 'authenticationResults';

// A Map, not an object literal: a field named `constructor` or `toString` must not look like a member.
const MEMBER_OF = new Map<string, Member>([
  ['arc-seal', 'seal'],
  ['arc-message-signature', 'messageSignature'],
  ['arc-authentication-results', 'authenticationResults'],
]);

const MEMBER_NAME: Record<Member, string> = {
  seal: 'ARC-Seal',
  messageSignature: 'ARC-Message-Signature',
  authenticationResults: 'ARC-Authentication-Results',
};

function lowerOrUndefined(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text.toLowerCase();
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** Does `name` start with "arc-" in any letter case? (No character outside ASCII lower-cases to "a", "r", "c" or "-".) */
function startsWithArc(name: string): boolean {
  return (name.charCodeAt(1) | 0x20) === 114 && (name.charCodeAt(2) | 0x20) === 99 && name.charCodeAt(3) === 45;
}

/** The field name as groupArcSets compares it: trimmed and lower-cased. */
function memberKey(name: string, lower: string | undefined): string {
  if (lower === undefined) return name.trim().toLowerCase();
  return trimEnds(lower);
}

type Signed = NonNullable<ArcSet['seal']> & NonNullable<ArcSet['messageSignature']>;

/**
 * An ARC-Seal or ARC-Message-Signature member: `header`, then the tags it names when present
 * ("unknown is absent", DESIGN.md §3), in the schema's key order.
 */
function signedMember(header: number, tags: Record<string, string>, member: 'seal' | 'messageSignature'): Signed {
  const out = { header } as Signed;
  const domain = lowerOrUndefined(tags.d);
  if (domain !== undefined) out.domain = domain;
  const selector = nonEmpty(tags.s);
  if (selector !== undefined) out.selector = selector;
  const algorithm = lowerOrUndefined(tags.a);
  if (algorithm !== undefined) out.algorithm = algorithm;
  if (member === 'seal') {
    const cv = lowerOrUndefined(tags.cv);
    if (cv !== undefined) out.cv = cv;
  } else out.signedHeaders = signedHeaderList(tags.h);
  out.tags = tags;
  return out;
}

/**
 * Groups the ARC header fields of a message by instance. `headers` may hold any fields. Never throws.
 * `names` (FieldIndex) and `arcInstances` (the instances parseAllAuthResults read from
 * ARC-Authentication-Results values, by header index) spare a second pass over names and values.
 */
export function groupArcSets(
  headers: readonly HeaderField[],
  names?: FieldNames,
  arcInstances?: ReadonlyMap<number, number | null>,
): GroupedArcSets {
  const diagnostics: Diagnostic[] = [];
  const byInstance = new Map<number, ArcSet>();

  for (let k = 0; k < headers.length; k++) {
    const field = headers[k]!;
    let lower: string | undefined;
    if (names !== undefined) {
      // Cheap reject first, on the name as written: every ARC field name starts with "arc-" in some letter
      // case (unless it carries white space to trim), and few other names start with "a": one character read
      // for most fields, and no lower-cased copy of their names.
      const first = field.name.charCodeAt(0);
      if (first > 32 && first < 127 && ((first | 0x20) !== 97 || !startsWithArc(field.name))) continue;
      lower = names.lower(k);
    }
    const member = MEMBER_OF.get(memberKey(field.name, lower));
    if (member === undefined) continue;
    let instance: number | undefined;
    let tags: Record<string, string> | undefined;

    if (member === 'authenticationResults') {
      const known = arcInstances?.get(field.index);
      const parsed =
        known !== undefined || arcInstances?.has(field.index) ? known : parseArcAuthResults(field.value).instance;
      instance = parsed ?? undefined;
    } else {
      const list = parseTagList(field.value, member === 'seal' ? 'arc-seal' : 'arc-message-signature');
      tags = list.tags;
      for (const d of list.diagnostics) diagnostics.push({ ...d, header: field.index });
      instance = tags.i === undefined ? undefined : parseDecimal(tags.i);
    }

    if (instance === undefined || instance < 1 || instance > MAX_INSTANCE) {
      diagnostics.push({
        code: 'arc-bad-instance',
        message: `${MEMBER_NAME[member]} has no valid instance i= (1–${MAX_INSTANCE}); ignored.`,
        header: field.index,
      });
      continue;
    }
    let set = byInstance.get(instance);
    if (set === undefined) {
      set = { instance };
      byInstance.set(instance, set);
    }
    if (set[member] !== undefined) {
      diagnostics.push({
        code: 'arc-duplicate-member',
        message: `A second ${MEMBER_NAME[member]} for i=${instance}; the first (topmost) was kept.`,
        header: field.index,
      });
      continue;
    }
    if (member === 'authenticationResults') set.authenticationResults = { header: field.index };
    else if (member === 'seal') set.seal = signedMember(field.index, tags!, member);
    else set.messageSignature = signedMember(field.index, tags!, member);
  }

  // Most messages carry no ARC set at all: nothing to sort or check.
  if (byInstance.size === 0) return { sets: [], diagnostics };
  const sets = [...byInstance.values()].sort((a, b) => a.instance - b.instance);
  for (const set of sets) {
    const missing = (['authenticationResults', 'messageSignature', 'seal'] as const).filter(
      (m) => set[m] === undefined,
    );
    if (missing.length > 0) {
      diagnostics.push({
        code: 'arc-incomplete-set',
        message: `ARC set i=${set.instance} lacks ${missing.map((m) => MEMBER_NAME[m]).join(', ')}.`,
        header: (set.seal ?? set.messageSignature ?? set.authenticationResults)!.header,
      });
    }
    const cv = set.seal?.cv;
    if (set.seal !== undefined) {
      if (cv === undefined || (cv !== 'none' && cv !== 'pass' && cv !== 'fail')) {
        diagnostics.push({
          code: 'arc-bad-cv',
          message: `ARC-Seal i=${set.instance} has cv=${cv ?? '(missing)'}; expected none, pass or fail.`,
          header: set.seal.header,
        });
      } else if ((set.instance === 1) !== (cv === 'none')) {
        diagnostics.push({
          code: 'arc-bad-cv',
          message:
            set.instance === 1
              ? `ARC-Seal i=1 must have cv=none, not cv=${cv}.`
              : `ARC-Seal i=${set.instance} has cv=none; only i=1 may.`,
          header: set.seal.header,
        });
      }
    }
  }
  for (let k = 0; k < sets.length; k++) {
    if (sets[k]!.instance !== k + 1) {
      diagnostics.push({
        code: 'arc-instance-gap',
        message: `ARC instances are not 1..${sets.length}: i=${k + 1} is missing.`,
      });
      break;
    }
  }
  return { sets, diagnostics };
}
