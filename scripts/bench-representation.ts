// The entry scripts/bench-representation.mjs bundles: analyze() and the CLI's reading of a file's bytes.
export { analyze } from '../src/core/analyze';
export { decodeEightBit } from '../src/mime/decode';
