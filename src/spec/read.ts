// Reading a spec file from disk: every way a file can be unreadable becomes one clear error.
// Profiles and recipient lists are read the same way (synchronously: they are found while the
// spec is being resolved), with words that fit what they are.
import { ExitCode, fail } from '../errors.js';
import { isUtf8 } from 'node:buffer';
import { assertNotUtf16, assertUtf8, bytePlace, firstInvalidUtf8, readRegularSync } from '../read-file.js';

export { firstInvalidUtf8 } from '../read-file.js';

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
  const what = kind.format === 'CSV' ? 'a recipient list' : 'a spec';
  return readRegularSync(file, { what: `${kind.format ?? 'YAML'} file`, max: MAX_SPEC_BYTES, tooLarge: (size) =>
    fail(ExitCode.input, 'file-too-large', `file is ${size} bytes; the limit for ${what} is ${MAX_SPEC_BYTES} bytes (1 MiB)`, { file }) });
}

/** Strict UTF-8 decoding with the place of the first bad byte; a UTF-8 BOM is dropped. */
export function decodeSpec(bytes: Uint8Array, file: string, kind: FileKind = {}): string {
  if (bytes.length === 0) fail(ExitCode.invalid, 'file-empty', kind.empty ?? 'the file is empty; `oedr init` writes a starter spec', { file });
  assertNotUtf16(bytes, file);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    fail(ExitCode.input, 'file-binary', `this is a binary file, not a ${kind.format ?? 'YAML'} text file`, { file, ...bytePlace(bytes, nul) });
  }
  if (kind.format === 'CSV' && !isUtf8(bytes)) notUtf8Csv(bytes, file);
  assertUtf8(bytes, file);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A recipient list that is not UTF-8 is most often Excel's "CSV (Comma delimited)", which writes
 * Windows-1252: say so when its bytes fit, and how to save it as UTF-8 in the usual programs.
 */
function notUtf8Csv(bytes: Uint8Array, file: string): never {
  const bad = firstInvalidUtf8(bytes);
  const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, '0');
  const cp1252 = !bytes.some((c) => c === 0x81 || c === 0x8d || c === 0x8f || c === 0x90 || c === 0x9d);
  const looks = cp1252 ? ', and looks like Windows-1252, which Excel\'s "CSV (Comma delimited)" writes' : '';
  fail(ExitCode.input, 'file-not-utf8', `the file is not UTF-8: byte 0x${hex} is not valid UTF-8${looks}; save it as UTF-8: in Excel, Save As "CSV UTF-8 (Comma delimited)"; in LibreOffice, Save As CSV with Character set "Unicode (UTF-8)"; in Google Sheets, Download as CSV`, {
    file, ...bytePlace(bytes, bad),
  });
}
