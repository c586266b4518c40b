// The core's lib is ES2022 without DOM (DESIGN.md §1), yet TextDecoder exists in every runtime Hopscope
// targets (browsers, Node, Deno, Bun). Declare the part the core uses. The shapes are written exactly as
// lib.dom.d.ts writes them so that this file merges cleanly when a wider config also loads the DOM lib.
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

interface TextDecoder {
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}

declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: TextDecoderOptions): TextDecoder;
};
