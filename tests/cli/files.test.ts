import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/cli/files.js';
import { formatDiagnostic, OedrError } from '../../src/errors.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'oedr-files-'));
const message = (f: () => unknown) => {
  try { f(); } catch (e) { if (e instanceof OedrError) return e.diagnostics.map(formatDiagnostic).join('\n'); throw e; }
  throw new Error('expected an OedrError');
};

describe('writeFileAtomic(Sync)', () => {
  it('makes the missing folders, writes, overwrites and leaves no temp file', async () => {
    const dir = fresh();
    const path = join(dir, 'a', 'b', 'x.txt');
    writeFileAtomicSync(path, 'one');
    await writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['x.txt']);
  });

  it('refuses to overwrite without --force and keeps the old file', async () => {
    const dir = fresh();
    const path = join(dir, 'x.txt');
    writeFileSync(path, 'old');
    await expect(writeFileAtomic(path, 'new', false)).rejects.toThrow(/the file already exists; use --force to overwrite it \[file-exists\]/);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['x.txt']);
    await writeFileAtomic(join(dir, 'y.txt'), 'new', false);
    expect(readFileSync(join(dir, 'y.txt'), 'utf8')).toBe('new');
  });

  it('says when a file is in the way of a folder', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'f'), '');
    expect(message(() => writeFileAtomicSync(join(dir, 'f', 'x.txt'), 'x'))).toBe(
      `${join(dir, 'f', 'x.txt')}: cannot write the file: ${join(dir, 'f')} is a file, not a folder [write-failed]`);
  });
});
