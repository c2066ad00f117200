import { describe, expect, it } from 'vitest';
import { BROKEN_BACKENDS } from '../test-support/broken-backends.js';
import { runBackendConformance } from './run-backend-conformance.js';

describe('the suite fails on wrong backends', () => {
  for (const [title, { backend, catches }] of Object.entries(BROKEN_BACKENDS)) {
    it(`${title}: fails ${catches.join(' and ')} cases`, async () => {
      const report = await runBackendConformance(backend());
      const failedOps = report.failed.map(({ name }) => (name.startsWith('lifecycle:') ? 'lifecycle' : name.split(' ')[0]));
      expect(failedOps.length, `no case failed for "${title}"`).toBeGreaterThan(0);
      expect(new Set(failedOps)).toEqual(new Set(catches));
    });
  }

  it('names the op, the case, the index, both values and the tolerance', async () => {
    const report = await runBackendConformance(BROKEN_BACKENDS['dense 1000 ULPs off on its first output, with float32 precision declared']!.backend());
    expect(report.failed[0]!.detail).toMatch(/^dense "1x1 · 1x1" \(relative 1\.1920928955078125e-7, absolute .*\): output \[0, 0\] is 6\.0004\d*, the reference gives 6 \(difference .*, tolerance .* with n = 1, magnitude 6\); 1 of 1 outputs differ$/);
  });
});
