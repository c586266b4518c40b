// ARC sets (RFC 8617 §4): every hop that seals a message adds ARC-Authentication-Results,
// ARC-Message-Signature and ARC-Seal with the same instance `i=` (1 for the first sealer, up to 50).
// groupArcSets gathers the three members of each instance and reports what RFC 8617 §5.1.1 would
// make a validator fail: a missing or repeated member, a gap in the instances, and a `cv=` that
// contradicts the instance (cv=none only on i=1). No signature is verified here.

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

const MEMBER_OF: Record<string, Member> = {
  'arc-seal': 'seal',
  'arc-message-signature': 'messageSignature',
  'arc-authentication-results': 'authenticationResults',
};

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

/** Groups the ARC header fields of a message by instance. `headers` may hold any fields. Never throws. */
export function groupArcSets(headers: HeaderField[]): GroupedArcSets {
  const diagnostics: Diagnostic[] = [];
  const byInstance = new Map<number, ArcSet>();

  for (const field of headers) {
    const member = MEMBER_OF[field.name.trim().toLowerCase()];
    if (member === undefined) continue;
    let instance: number | undefined;
    let fill: (set: ArcSet) => void;

    if (member === 'authenticationResults') {
      const parsed = parseArcAuthResults(field.value);
      instance = parsed.instance ?? undefined;
      fill = (set) => {
        set.authenticationResults = { header: field.index };
      };
    } else {
      const { tags, diagnostics: tagDiagnostics } = parseTagList(
        field.value,
        member === 'seal' ? 'arc-seal' : 'arc-message-signature',
      );
      for (const d of tagDiagnostics) diagnostics.push({ ...d, header: field.index });
      instance = tags.i === undefined ? undefined : parseDecimal(tags.i);
      const common = {
        header: field.index,
        domain: lowerOrUndefined(tags.d),
        selector: nonEmpty(tags.s),
        algorithm: lowerOrUndefined(tags.a),
      };
      fill =
        member === 'seal'
          ? (set) => {
              set.seal = dropUndefined({ ...common, cv: lowerOrUndefined(tags.cv), tags });
            }
          : (set) => {
              set.messageSignature = dropUndefined({ ...common, signedHeaders: signedHeaderList(tags.h), tags });
            };
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
    fill(set);
  }

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

/** Removes keys whose value is undefined ("unknown is absent", DESIGN.md §3). */
function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
