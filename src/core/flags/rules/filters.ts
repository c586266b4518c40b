// What the recipient's own spam filter concluded (vendor verdicts from trusted fields).

import { sameName } from '../../headers/fields';
import type { VendorVerdictItem } from '../../types';
import type { Finding, FlagRule } from '../index';

/** Microsoft's phishing, malware and spoofing categories (X-Forefront-Antispam-Report CAT). */
const MS_DANGER_CATEGORIES = new Set([
  'PHSH',
  'HPHSH',
  'HPHISH',
  'MALW',
  'SPOOF',
  'UIMP',
  'GIMP',
  'DIMP',
  'AMP',
  'SAP',
]);

/** The value of the first item whose key is `key` in any letter case. A function, not a closure made per verdict. */
function itemValue(items: VendorVerdictItem[], key: string): string | undefined {
  for (let k = 0; k < items.length; k++) if (sameName(items[k]!.key, key)) return items[k]!.value;
  return undefined;
}

/**
 * What a vendor verdict that the recipient's own filter wrote says, when it says spam or worse. `field`: the
 * name as written, compared in any letter case (sameName) without a lower-cased copy.
 */
function filterVerdict(
  field: string,
  items: VendorVerdictItem[],
): { severity: 'danger' | 'warning'; text: string } | undefined {
  if (sameName(field, 'x-forefront-antispam-report')) {
    const cat = itemValue(items, 'cat')?.toUpperCase();
    if (cat && MS_DANGER_CATEGORIES.has(cat))
      return {
        severity: 'danger',
        text: `classified as ${cat} (${items.find((i) => i.key === 'CAT')?.meaning ?? 'phishing, spoofing or malware'})`,
      };
    const scl = Number(itemValue(items, 'scl'));
    if (scl >= 5) return { severity: 'warning', text: `spam confidence level ${scl}` };
  }
  if (sameName(field, 'x-ms-exchange-organization-scl')) {
    const scl = Number(itemValue(items, 'scl'));
    if (scl >= 5) return { severity: 'warning', text: `spam confidence level ${scl}` };
  }
  if (sameName(field, 'x-spam-flag') && /^yes/i.test(itemValue(items, 'x-spam-flag') ?? items[0]?.value ?? ''))
    return { severity: 'warning', text: 'X-Spam-Flag YES' };
  if (sameName(field, 'x-spam-status') && /^yes/i.test(items[0]?.value ?? ''))
    return { severity: 'warning', text: 'X-Spam-Status Yes' };
  if (sameName(field, 'x-rspamd-action')) {
    const action = items[0]?.value.toLowerCase() ?? '';
    if (action === 'reject' || action === 'add header' || action === 'rewrite subject')
      return { severity: 'warning', text: `action ${action}` };
  }
  return undefined;
}

export const FILTER_RULES: readonly FlagRule[] = [
  {
    id: 'recipient-filter-verdict',
    severity: 'warning',
    title: "The recipient's spam filter flagged it",
    check: ({ analysis: a }) => {
      // The worst verdict per vendor: Microsoft writes SCL in two fields and the category in one. Made at the
      // first verdict that flags anything, which most messages never have.
      let worst: Map<string, Finding> | undefined;
      for (const v of a.antispam) {
        if (!v.trusted) continue;
        const f = filterVerdict(v.field, v.items);
        if (!f) continue;
        worst ??= new Map();
        if (worst.get(v.vendor)?.severity === 'danger') continue;
        if (worst.has(v.vendor) && f.severity !== 'danger') continue;
        worst.set(v.vendor, {
          severity: f.severity,
          detail: `${v.vendor}: ${f.text}.`,
          evidence: [{ header: v.header, text: v.summary ?? v.field }],
        });
      }
      return worst === undefined ? [] : [...worst.values()];
    },
  },
];
