// Writing files so that a failure never leaves a half-written file or clobbers one by surprise.
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { ExitCode, fail } from '../errors.js';

/** Write to a temp file beside the target, then rename over it (or link, to refuse overwriting). */
export async function writeFileAtomic(path: string, data: string | Uint8Array, overwrite = true): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.oedr-tmp-${basename(path)}-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(tmp, data);
    if (overwrite) {
      await rename(tmp, path);
    } else {
      try {
        await link(tmp, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          fail(ExitCode.input, 'file-exists', 'the file already exists; use --force to overwrite it', { file: path });
        }
        throw e;
      } finally {
        await unlink(tmp).catch(() => {});
      }
    }
  } catch (e) {
    await unlink(tmp).catch(() => {});
    if ((e as Error).name === 'OedrError') throw e;
    fail(ExitCode.input, 'write-failed', `cannot write the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
  }
}
