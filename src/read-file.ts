// The one way oedr opens a file it reads: specs, profiles, recipient lists, laws files, templates,
// words.yaml, delivered data and summaries. Only a regular file is read: a FIFO, a device or a
// socket (or a link to one) would block or never end, so it is refused before a byte is read.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { ExitCode, OedrError, type Diagnostic } from './errors.js';

/**
 * O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever, before fstat could say
 * what it is. It changes nothing for a regular file.
 */
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a file that is not a regular one is, in words. */
export function notRegularKind(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const reasons: Record<string, [rule: string, message: string]> = {
  ENOENT: ['file-missing', 'no such file'],
  ENOTDIR: ['file-missing', 'no such file (part of the path is a file, not a folder)'],
  EACCES: ['file-unreadable', 'permission denied'],
  EPERM: ['file-unreadable', 'permission denied'],
  ELOOP: ['file-unreadable', 'the symbolic links on its path form a loop'],
  ENAMETOOLONG: ['file-unreadable', 'the path is too long'],
  EISDIR: ['file-is-directory', 'expected a file, got a folder'],
};

/** A failed open or read as a diagnostic of exit code 3. */
export function readFault(e: unknown, file: string): OedrError {
  if (e instanceof OedrError) return e;
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const [rule, message] = reasons[code] ?? ['file-unreadable', `cannot read the file (${code || (e as Error).message})`];
  return new OedrError(ExitCode.input, [{ severity: 'error', rule, message, file }]);
}

/** `what` names the file expected, as in "expected a YAML file, got a directory". */
function refuse(st: Stats, file: string, what = 'file'): OedrError | undefined {
  const kind = notRegularKind(st);
  if (kind === undefined) return undefined;
  const rule = st.isDirectory() ? 'file-is-directory' : 'file-not-regular';
  const d: Diagnostic = { severity: 'error', rule, file, message: st.isDirectory() ? `expected a ${what}, got a directory` : `expected a ${what}, got ${kind}; oedr reads only regular files` };
  return new OedrError(ExitCode.input, [d]);
}

/** An open descriptor of a regular file and its stats; throws (exit 3) for anything else. */
export function openRegularSync(file: string, what?: string): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (e) {
    throw readFault(e, file);
  }
  const stats = fstatSync(fd);
  const no = refuse(stats, file, what);
  if (no) { closeSync(fd); throw no; }
  return { fd, stats };
}

/** The same, as a FileHandle for streamed reads. */
export async function openRegular(file: string, what?: string): Promise<{ fh: FileHandle; stats: Stats }> {
  let fh: FileHandle;
  try {
    fh = await open(file, FLAGS);
  } catch (e) {
    throw readFault(e, file);
  }
  const stats = await fh.stat();
  const no = refuse(stats, file, what);
  if (no) { await fh.close(); throw no; }
  return { fh, stats };
}

export interface ReadLimits {
  /** Names the file expected in messages ("a YAML file"). */
  what?: string;
  /** Called with the size when it exceeds `max`; throws its own error. Checked again as the file is read, in case it grows. */
  max?: number;
  tooLarge?: (size: number) => never;
}

/** The bytes of a regular file. */
export function readRegularSync(file: string, { what, max = Infinity, tooLarge }: ReadLimits = {}): Buffer {
  const { fd, stats } = openRegularSync(file, what);
  try {
    if (stats.size > max && tooLarge) tooLarge(stats.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(Math.min(stats.size - total, 1 << 24), 1 << 16));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > max && tooLarge) tooLarge(total);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (e) {
    throw readFault(e, file);
  } finally {
    closeSync(fd);
  }
}

/** A text file that must be UTF-8 (a template, words.yaml): a bad byte is an error at its line and column. */
export function readUtf8Sync(file: string, code: ExitCode = ExitCode.input): string {
  const bytes = readRegularSync(file);
  assertUtf8(bytes, file, code);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Throws at the line and column of the first byte that is not UTF-8, if any. */
export function assertUtf8(bytes: Uint8Array, file: string, code: ExitCode = ExitCode.input): void {
  // isUtf8 is native (simdutf); the byte-by-byte scan only runs to find the place of a bad byte.
  if (isUtf8(bytes)) return;
  assertNotUtf16(bytes, file, code);
  const bad = firstInvalidUtf8(bytes);
  const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  throw new OedrError(code, [{ severity: 'error', rule: 'file-not-utf8', file, ...bytePlace(bytes, bad),
    message: `the file is not UTF-8: byte 0x${hex} is not valid UTF-8; save it as UTF-8` }]);
}

/** UTF-16 (by its byte-order mark, or by the zero bytes of ASCII text in it) is named as such, with how to fix it. */
export function assertNotUtf16(b: Uint8Array, file: string, code: ExitCode = ExitCode.input): void {
  const order = b[0] === 0xff && b[1] === 0xfe ? 'little endian'
    : b[0] === 0xfe && b[1] === 0xff ? 'big endian'
      : b.length >= 4 && b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0 ? 'little endian, without a byte-order mark'
        : b.length >= 4 && b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0 ? 'big endian, without a byte-order mark' : undefined;
  if (!order) return;
  throw new OedrError(code, [{ severity: 'error', rule: 'file-utf16', file,
    message: `the file is UTF-16 (${order}), not UTF-8; save it as UTF-8 (in Notepad: Save as, Encoding "UTF-8"; or \`iconv -f UTF-16 -t UTF-8\`)` }]);
}

/** Line and column (in characters) of a byte offset. */
export function bytePlace(bytes: Uint8Array, offset: number): { line: number; col: number } {
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

/** The rules of a file that could not be read at all (exit 3), wherever it was named from. */
const readFaultRules = new Set(['file-missing', 'file-unreadable', 'file-is-directory', 'file-not-regular', 'file-utf16',
  'file-binary', 'file-not-utf8', 'file-too-large', 'outside-root']);

/**
 * The exit code of a spec with errors: 3 when one of its files (the spec, a profile, a recipient
 * list) could not be read, as for the spec itself; else 1.
 */
export function failedSpecCode(diagnostics: readonly Diagnostic[]): ExitCode {
  return diagnostics.some((d) => d.severity === 'error' && readFaultRules.has(d.rule)) ? ExitCode.input : ExitCode.invalid;
}
