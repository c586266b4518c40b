import { describe, expect, it } from 'vitest';
import { Organisations } from '../../../src/core/trust/organisation';

describe('Organisations.of', () => {
  it.each([
    ['SJ0PR19MB6655.namprd19.prod.outlook.com', 'p:microsoft'],
    ['mail-sor-f41.google.com', 'p:google'],
    ['smtp.mail.yahoo.co.jp', 'p:yahoo'],
    ['mx1.example.co.uk', 'd:example.co.uk'],
    ['lugh', 'b:lugh'],
    // Placeholders and addresses have no organisation, under a provider's domain too.
    ['localhost.outlook.com', null],
    ['localhost.localdomain', null],
    ['localhost', null],
    ['192.0.2.1', null],
    ['2603:10b6:a03:33e::17', null],
  ])('%s is %s', (host, key) => {
    const orgs = new Organisations();
    expect(orgs.of(host)).toBe(key);
    // Asked again (memoised or not), the same answer.
    expect(orgs.of(host)).toBe(key);
  });
});
