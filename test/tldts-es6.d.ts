// tldts-icann's ES module entry, imported by path in test/core/psl.test.ts (the package types only its main).
declare module 'tldts-icann/dist/es6/index' {
  export { getDomain } from 'tldts-icann';
}
