import { describe, expect, test } from 'vitest';
import { adapters, findAdapter } from '../../src/webmail/registry';
import { page } from './fixtures';

describe('webmail registry', () => {
  test('every adapter has an id, a name, instructions and test URLs', () => {
    const ids = adapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const adapter of adapters) {
      expect(adapter.name).not.toBe('');
      expect(adapter.instructions.length).toBeGreaterThan(40);
      expect(adapter.testUrls.match.length).toBeGreaterThan(0);
      expect(adapter.testUrls.noMatch.length).toBeGreaterThan(0);
    }
  });

  for (const adapter of adapters) {
    for (const url of adapter.testUrls.match) {
      test(`${url} is claimed by ${adapter.id} alone`, () => {
        const claimants = adapters.filter((a) => a.matches(new URL(url))).map((a) => a.id);
        expect(claimants).toEqual([adapter.id]);
      });
    }
    for (const url of adapter.testUrls.noMatch) {
      test(`${url} is not claimed by ${adapter.id}`, () => {
        expect(adapter.matches(new URL(url))).toBe(false);
      });
    }
  }

  test('self-hosted webmails on an unknown host are found by their page signature', () => {
    const url = new URL('https://mail.example.org/');
    expect(findAdapter(url, page('roundcube-mail.html'))?.id).toBe('roundcube');
    expect(findAdapter(url, page('zimbra-classic.html'))?.id).toBe('zimbra');
    expect(findAdapter(url, page('plain-page.html'))).toBeUndefined();
  });

  test('a page that already is a raw message goes to the generic adapter whatever its host', () => {
    const raw = page('gmail-show-original.html');
    expect(findAdapter(new URL('https://mail.example.org/service/home/~/?view=text&id=1'), raw)?.id).toBe('generic');
  });
});
