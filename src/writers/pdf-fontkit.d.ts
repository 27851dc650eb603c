// The slice of fontkit 2 (pdfkit's own font engine, installed with pdfkit) that the PDF writer uses;
// fontkit ships no type declarations.
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    readonly familyName: string;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** Used by pdfkit to recognise a ready-made font object. */
    layout(text: string): { advanceWidth: number };
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
