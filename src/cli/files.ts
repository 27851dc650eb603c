// Writing files so that a failure never leaves a half-written file or clobbers one by surprise.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { ExitCode, fail, OedrError } from '../errors.js';

/**
 * Write to a temp file beside the target, then rename over it (or link, to refuse overwriting).
 * Synchronous: fs/promises costs about twice the CPU of the system calls themselves (a thread-pool
 * round trip and a promise per call, 5 calls per file): 0.5 against 0.3 ms per file, over 1 ms per
 * letter of a batch. `folderReady` skips checking the folder, for a caller that has just written
 * another file into it.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, overwrite = true, folderReady = false): void {
  if (!folderReady) makeDir(dirname(path), path);
  const tmp = tempBeside(path);
  try {
    writeFileSync(tmp, data);
    if (overwrite) {
      renameSync(tmp, path);
    } else {
      try {
        linkSync(tmp, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          fail(ExitCode.input, 'file-exists', 'the file already exists; use --force to overwrite it', { file: path });
        }
        throw e;
      } finally {
        removeTemp(tmp);
      }
    }
  } catch (e) {
    removeTemp(tmp);
    if (e instanceof OedrError) throw e;
    fail(ExitCode.input, 'write-failed', `cannot write the file: ${reason(e)}`, { file: path });
  }
}

/** The same behind a promise, for callers that await it; the work is done before it returns. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, overwrite = true): Promise<void> {
  writeFileAtomicSync(path, data, overwrite);
}

const tempBeside = (path: string) => join(dirname(path), `.oedr-tmp-${basename(path)}-${randomBytes(6).toString('hex')}`);

function removeTemp(tmp: string): void {
  try { unlinkSync(tmp); } catch { /* never written, or already renamed or removed */ }
}

/** mkdir -p, one level at a time: Node's recursive mkdir spins forever under a dangling symlink. */
function makeDir(dir: string, file: string): void {
  let info;
  try {
    info = statSync(dir);
  } catch (e) {
    const parent = dirname(dir);
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) fail(ExitCode.input, 'write-failed', `cannot create the folder ${dir}: ${reason(e)}`, { file });
    makeDir(parent, file);
    try {
      mkdirSync(dir);
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST') fail(ExitCode.input, 'write-failed', `cannot create the folder ${dir}: ${reason(e2)}`, { file });
    }
    return;
  }
  if (!info.isDirectory()) fail(ExitCode.input, 'write-failed', `cannot write the file: ${dir} is a file, not a folder`, { file });
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'a folder of that name is in the way',
  ENOTDIR: 'part of the path is a file, not a folder', ENOENT: 'a folder on the path does not exist',
  EROFS: 'the file system is read-only', ENOSPC: 'the disk is full', EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the name is too long', ELOOP: 'too many symbolic links on the path',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && reasons[code]) ?? (e as Error).message;
}
