// What kind of file was delivered, from its first bytes (magic numbers), so that a PDF or a
// spreadsheet sent where CSV was asked is named as such instead of being parsed as text.
import type { Format } from '../spec/vocab.js';

/** Detected kinds: the spec's formats plus what officials also send (PDF, old Excel, Word, images). */
export type Detected =
  | 'text' | 'json' | 'geojson' | 'xml' | 'html' | 'xlsx' | 'ods' | 'xls' | 'docx' | 'shapefile'
  | 'zip' | 'pdf' | 'gzip' | 'image' | 'binary' | 'empty';

/** How a kind is named in a report, in words an official knows. */
export const detectedName: Record<Detected, string> = {
  text: 'a text file', json: 'a JSON file', geojson: 'a GeoJSON file', xml: 'an XML file', html: 'a web page (HTML)',
  xlsx: 'an Excel workbook (XLSX)', ods: 'an OpenDocument spreadsheet (ODS)', xls: 'an old-style Excel workbook (XLS)',
  docx: 'a Word document (DOCX)', shapefile: 'a zipped shapefile', zip: 'a ZIP archive', pdf: 'a PDF document',
  gzip: 'a gzip-compressed file', image: 'an image', binary: 'a binary (non-text) file', empty: 'an empty file',
};

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, n = b.length) => Buffer.from(b.buffer, b.byteOffset, Math.min(n, b.length)).toString('latin1');

/** The kind of file whose first bytes are `head` (a few KiB are enough). */
export function sniffFormat(head: Uint8Array): Detected {
  if (head.length === 0) return 'empty';
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls'; // OLE2 compound file
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff])) return 'image';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(ascii(head));
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && head.subarray(0, 4096).includes(0)) return 'binary';
  // UTF-16 text: look at every other byte; otherwise skip a UTF-8 byte-order mark.
  const text = utf16
    ? Buffer.from(head.subarray(2)).toString(head[0] === 0xff ? 'utf16le' : 'latin1').replace(/\0/g, '')
    : ascii(head).replace(/^\xef\xbb\xbf/, '');
  const start = text.trimStart().slice(0, 512);
  if (/^[{[]/.test(start)) return /"type"\s*:\s*"(FeatureCollection|Feature)"/.test(text) ? 'geojson' : 'json';
  if (/^<(!doctype html|html)/i.test(start)) return 'html';
  if (start.startsWith('<')) return 'xml';
  return 'text';
}

function sniffZip(head: string): Detected {
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (/xl\/|\[Content_Types\]\.xml/.test(head) && head.includes('xl/')) return 'xlsx';
  if (head.includes('word/')) return 'docx';
  if (/\.shp|\.dbf/i.test(head)) return 'shapefile';
  // The first entry of an XLSX written by Excel is [Content_Types].xml; the xl/ folder follows later.
  if (head.includes('[Content_Types].xml')) return 'xlsx';
  return 'zip';
}

/** Whether a detected kind is what was asked for. Delimited text is judged by its dialect later. */
export function formatMatches(requested: Format, detected: Detected): boolean {
  switch (requested) {
    case 'csv': case 'tsv': return detected === 'text';
    case 'json': return detected === 'json' || detected === 'geojson';
    case 'geojson': return detected === 'geojson';
    case 'xml': return detected === 'xml';
    case 'xlsx': return detected === 'xlsx';
    case 'ods': return detected === 'ods';
    case 'shapefile': return detected === 'shapefile' || detected === 'zip';
    case 'other': return detected !== 'empty';
  }
}
