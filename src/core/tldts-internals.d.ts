// Types for the two modules of tldts that src/core/psl.ts imports directly (the packages type only their
// entry points). Signatures as in their dist/types/src/*.d.ts.

declare module 'tldts-icann/dist/es6/src/suffix-trie' {
  export default function suffixLookup(
    hostname: string,
    options: { allowIcannDomains: boolean; allowPrivateDomains: boolean },
    out: { isIcann: boolean | null; isPrivate: boolean | null; publicSuffix: string | null },
  ): void;
}

declare module 'tldts-core/dist/es6/src/domain' {
  export default function getDomain(
    suffix: string,
    hostname: string,
    options: { validHosts: string[] | null },
  ): string | null;
}

declare module 'tldts-core/dist/es6/src/is-valid' {
  export default function isValidHostname(hostname: string): boolean;
}
