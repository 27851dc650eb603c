// The resolver: a law's facts against one spec's requester, recipient and datasets.
import { describe, expect, test } from 'vitest';
import { loadLaws } from '../../src/laws/registry.js';
import { resolveLaw, type ResolveInput } from '../../src/laws/resolve.js';

const registry = await loadLaws();

function input(over: Partial<ResolveInput> = {}): ResolveInput {
  return {
    letter: { kind: 'foi-request', date: '2027-03-22', language: 'en', subject: 'Results' },
    requester: { organisation: 'Watch', email: 'a@b.example', signatory: { name: 'A' }, co_signers: [] },
    recipient: { institution: 'Electoral Commission', level: 'national' },
    datasets: [{ title: 'Results', description: 'Results', format: 'csv', fields: [], documentation: true }],
    ...over,
  } as ResolveInput;
}

describe('resolveLaw', () => {
  test('every built-in law resolves for a plain spec', () => {
    for (const law of registry.laws) {
      const r = resolveLaw(law, input());
      expect(r.appeal.length, law.code).toBeGreaterThan(0);
      expect(r.code).toBe(law.code);
    }
  });
});
