// The writer registry: output format -> a lazily loaded writer. docx and pdfkit load only when
// their format is asked for; a writer is created once per process and reused for every letter.
import type { Document } from '../document.js';

export interface Writer {
  extension: string;
  write(doc: Document): Promise<Uint8Array>;
  /** Writers with their own fonts say which characters they can draw. */
  covers?(codePoint: number): boolean;
}

export const formats = ['docx', 'pdf', 'md'] as const;
export type OutputFormat = (typeof formats)[number];

const factories: Record<OutputFormat, () => Promise<Writer>> = {
  docx: async () => (await import('./docx.js')).createDocxWriter(),
  pdf: async () => (await import('./pdf.js')).createPdfWriter(),
  md: async () => (await import('./markdown.js')).createMarkdownWriter(),
};

const made = new Map<OutputFormat, Promise<Writer>>();

export function getWriter(format: OutputFormat): Promise<Writer> {
  let w = made.get(format);
  if (!w) made.set(format, (w = factories[format]()));
  return w;
}
