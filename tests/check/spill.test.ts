// The spill file of a two-thread check (spill.ts): blocks come back in order, as written, and the
// file is gone from the temporary folder from the start, so an interrupted check leaves nothing.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Spill } from '../../src/check/spill.js';

const parent = mkdtempSync(join(tmpdir(), 'oedr-spill-test-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('spill', () => {
  it('gives the blocks back in order and leaves no file behind, even before it is removed', async () => {
    const spill = await Spill.make(parent);
    expect(spill).toBeDefined();
    if (process.platform !== 'win32') expect(readdirSync(parent)).toEqual([]);
    const rows = Uint32Array.from({ length: 1000 }, (_, i) => i * 7);
    const jumps = Uint32Array.from([3, 1, 4]);
    const units = Uint32Array.from({ length: 10 }, (_, i) => i + 100);
    spill!.add({ rows, jumps });
    spill!.add({ units });
    const back: unknown[] = [];
    for await (const b of spill!.blocks()) back.push('units' in b ? { units: [...b.units] } : { rows: [...b.rows], jumps: [...b.jumps] });
    expect(back).toEqual([{ rows: [...rows], jumps: [...jumps] }, { units: [...units] }]);
    await spill!.remove();
    expect(readdirSync(parent)).toEqual([]);
  });
});
