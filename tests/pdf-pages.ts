// Reads a PDF back page by page as lines of text (pdf.js positions), for tests of page breaks.
import { getDocumentProxy } from 'unpdf';

/** Each page's text lines, top to bottom, without the footer in the bottom margin. */
export async function pageLines(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: string[][] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const items = (await (await pdf.getPage(i)).getTextContent()).items as { str: string; transform: number[] }[];
    const rows = new Map<number, string>();
    for (const it of items) {
      const y = Math.round(it.transform[5]!);
      // The footer ("Page X of Y") sits in the bottom margin (56 pt), below 55 pt from the foot.
      if (!it.str.trim() || y < 55) continue;
      rows.set(y, `${rows.get(y) ?? ''} ${it.str}`.trim());
    }
    pages.push([...rows].sort((a, b) => b[0] - a[0]).map(([, s]) => s));
  }
  return pages;
}
