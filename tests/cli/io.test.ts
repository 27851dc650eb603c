// Colour is decided per process from which streams are terminals and from NO_COLOR / FORCE_COLOR.
import { afterEach, describe, expect, test } from 'vitest';
import { colorLevel, processIo } from '../../src/cli/io.js';

describe('colour', () => {
  const saved = { out: process.stdout.isTTY, err: process.stderr.isTTY, NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
  afterEach(() => {
    process.stdout.isTTY = saved.out;
    process.stderr.isTTY = saved.err;
    for (const k of ['NO_COLOR', 'FORCE_COLOR'] as const) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  test.each([
    [true, true, {}, 1],
    [false, true, {}, 0], // `oedr laws > laws.txt` on a terminal: the file must have no escape codes
    [true, false, {}, 0],
    [false, false, {}, 0],
    [false, false, { FORCE_COLOR: '1' }, 1],
    [true, true, { NO_COLOR: '1' }, 0],
    [true, true, { NO_COLOR: '1', FORCE_COLOR: '1' }, 0],
    [false, false, { FORCE_COLOR: '0' }, 0],
  ] as const)('stdout TTY %s, stderr TTY %s, env %j: level %i', (stdoutTTY, stderrTTY, env, level) => {
    expect(colorLevel({ stdoutTTY, stderrTTY, env })).toBe(level);
  });

  test('processIo: stdout piped while stderr is a terminal gives no colour, and no terminal width', () => {
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    process.stdout.isTTY = false;
    process.stderr.isTTY = true;
    const io = processIo();
    expect(io.color.green('ok')).toBe('ok');
    expect(io.interactive).toBe(true);
    expect(io.outTerminal).toBe(false);
    expect(io.columns).toBeUndefined();
  });
});

test('a reader that closes the pipe early (`oedr templates | head`) ends the run quietly, no stack trace', async () => {
  const { spawn } = await import('node:child_process');
  const bin = new URL('../../bin/oedr.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [bin, 'templates'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d; });
  // Like `head -c 1`: take the first bytes, then close the pipe while oedr is still writing.
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr).toBe('');
  expect(code).toBe(0);
});
