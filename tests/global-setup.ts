// Builds dist/ once before the suite: the tests that run bin/oedr.js or the built writers in child
// processes must exercise the code under test, never a dist/ left over from an older checkout.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    // The compiler's own output says what is wrong; without a build the child-process tests mean nothing.
    throw new Error(`\`npm run build\` failed (exit ${r.status ?? r.signal}); the suite needs a current dist/:\n${r.stdout}${r.stderr}`);
  }
}
