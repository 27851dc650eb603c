// Reading a spec file from disk: every way a file can be unreadable becomes one clear error.
// Profiles and recipient lists are read the same way (synchronously: they are found while the
// spec is being resolved), with words that fit what they are.
import { ExitCode, fail } from '../errors.js';
import { assertNotUtf16, assertUtf8, bytePlace, readRegularSync } from '../read-file.js';

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
  assertUtf8(bytes, file);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
