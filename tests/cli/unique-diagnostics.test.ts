import { describe, expect, it } from 'vitest';
import { uniqueDiagnostics, type Diagnostic } from '../../src/errors.js';

describe('uniqueDiagnostics', () => {
  it('keeps the first of diagnostics with the same textual form, in order', () => {
    const a: Diagnostic = { severity: 'error', rule: 'r', message: 'm', file: 'a.yaml', line: 1 };
    const b: Diagnostic = { severity: 'warning', rule: 'r', message: 'm', file: 'a.yaml', line: 1 };
    expect(uniqueDiagnostics([a, b, { ...a }, b])).toEqual([a, b]);
  });
});
