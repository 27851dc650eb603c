// Reading a spec file from disk: every way a file can be unreadable becomes one clear error.
// Profiles and recipient lists are read the same way (synchronously: they are found while the
// spec is being resolved), with words that fit what they are.
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { ExitCode, fail } from '../errors.js';

/** Specs are small; a larger file is almost certainly the wrong file. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** What a file is meant to hold, for the messages: a spec, a profile or a recipient list. */
export interface FileKind {
  /** `YAML` or `CSV`, as in "expected a YAML file, got a directory". */
  format?: 'YAML' | 'CSV';
  /** The advice for an empty file; a spec's says how to start one. */
  empty?: string;
}

export async function readSpecFile(file: string): Promise<string> {
  return decodeSpec(await readSpecBytes(file), file);
}

/**
 * The checked bytes of a spec file (for its hash as well as its text). Read synchronously: specs are
 * small, and for a batch of 1,000 the thread-pool round trips of fs/promises cost more than the reading.
 */
export async function readSpecBytes(file: string, kind: FileKind = {}): Promise<Uint8Array> {
  return readBytesSync(file, kind);
}

/** The same, with the text: for the profiles and recipient lists a spec names. */
export function readSourceSync(file: string, kind: FileKind = {}): { text: string; bytes: Uint8Array } {
  const bytes = readBytesSync(file, kind);
  return { text: decodeSpec(bytes, file, kind), bytes };
}

function readBytesSync(file: string, kind: FileKind): Uint8Array {
  let info;
  try {
    info = statSync(file);
  } catch (e) {
    statFailed(e, file);
  }
  checkInfo(info, file, kind);
  try {
    return readFileSync(file);
  } catch (e) {
    return statFailed(e, file);
  }
}

function statFailed(e: unknown, file: string): never {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') fail(ExitCode.input, 'file-missing', 'no such file', { file });
  if (code === 'EACCES') fail(ExitCode.input, 'file-unreadable', 'permission denied', { file });
  fail(ExitCode.input, 'file-unreadable', `cannot read the file (${code ?? 'unknown error'})`, { file });
}

function checkInfo(info: Stats, file: string, kind: FileKind): void {
  if (info.isDirectory()) fail(ExitCode.input, 'file-is-directory', `expected a ${kind.format ?? 'YAML'} file, got a directory`, { file });
  if (!info.isFile()) fail(ExitCode.input, 'file-unreadable', 'expected a regular file', { file });
  if (info.size > MAX_SPEC_BYTES) {
    fail(ExitCode.input, 'file-too-large', `file is ${info.size} bytes; the limit for a spec is ${MAX_SPEC_BYTES} bytes (1 MiB)`, { file });
  }
}

/** Strict UTF-8 decoding with the place of the first bad byte; a UTF-8 BOM is dropped. */
export function decodeSpec(bytes: Uint8Array, file: string, kind: FileKind = {}): string {
  if (bytes.length === 0) fail(ExitCode.invalid, 'file-empty', kind.empty ?? 'the file is empty; `oedr init` writes a starter spec', { file });
  const utf16 = utf16Order(bytes);
  if (utf16) {
    fail(ExitCode.input, 'file-utf16', `the file is UTF-16 (${utf16}), not UTF-8; ${resave(kind)}`, { file });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    fail(ExitCode.input, 'file-binary', `this is a binary file, not a ${kind.format ?? 'YAML'} text file`, { file, ...place(bytes, nul) });
  }
  // isUtf8 is native (simdutf); the byte-by-byte scan only runs to find the place of a bad byte.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (bad !== -1) {
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
    const looks = kind.format === 'CSV' && looks1252(bytes) ? ', and looks like Windows-1252, which Excel\'s "CSV (Comma delimited)" writes' : '';
    fail(ExitCode.input, 'file-not-utf8', `the file is not UTF-8: byte 0x${hex} is not valid UTF-8${looks}; ${resave(kind)}`, {
      file, ...place(bytes, bad),
    });
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How to save the file again as UTF-8, in the programs its kind of file is written with. */
function resave(kind: FileKind): string {
  return kind.format === 'CSV'
    ? 'save it as UTF-8: in Excel, Save As "CSV UTF-8 (Comma delimited)"; in LibreOffice, Save As CSV with Character set "Unicode (UTF-8)"; in Google Sheets, Download as CSV'
    : 'save it as UTF-8 (in the editor\'s Save As, Encoding: UTF-8)';
}

/** UTF-16 by its byte order mark, or by the zero bytes of ASCII text in UTF-16 without one. */
function utf16Order(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe) return 'little-endian, with a byte order mark';
  if (b[0] === 0xfe && b[1] === 0xff) return 'big-endian, with a byte order mark';
  if (b.length < 4 || b.length % 2) return undefined;
  const n = Math.min(b.length, 64);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) even++; if (b[i + 1] === 0) odd++; }
  if (odd === n / 2 && even === 0) return 'little-endian';
  if (even === n / 2 && odd === 0) return 'big-endian';
  return undefined;
}

/** Bytes above 0x7F, all of them defined in Windows-1252 (and the file not UTF-8). */
function looks1252(b: Uint8Array): boolean {
  return !b.some((c) => c === 0x81 || c === 0x8d || c === 0x8f || c === 0x90 || c === 0x9d);
}

function place(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) { line++; start = i + 1; }
  // Column in characters, counting only the valid UTF-8 lead bytes before the offset.
  let col = 1;
  for (let i = start; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) col++;
  return { line, col };
}

/** Offset of the first byte that breaks UTF-8, or -1. Rejects overlongs and surrogates like TextDecoder. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) { i++; continue; }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
