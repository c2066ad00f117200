import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../reference-backend.js';
import { describeBackendConformance } from './describe-backend-conformance.js';
import { runBackendConformance } from './run-backend-conformance.js';

// A backend with two ops: the others' cases are skipped at run time, not failed.
const partial = () => {
  const reference = createReferenceBackend();
  return { ...reference, kernels: { relu: reference.kernels.relu, softmax: reference.kernels.softmax } };
};

describeBackendConformance({ name: 'relu and softmax only', create: partial, timeoutMs: 10_000 });

describe('runBackendConformance on a partial backend', () => {
  it('runs only the cases of the ops the backend has, and the lifecycle cases', async () => {
    const report = await runBackendConformance(partial());
    const ops = new Set(report.verdicts.map(({ name }) => name.split(' ')[0]));
    expect(ops).toEqual(new Set(['relu', 'softmax', 'lifecycle:']));
    expect(report.failed).toEqual([]);
    const chain = report.verdicts.find(({ name }) => name.includes('chained'))!;
    expect(chain.verdict.detail).toMatch(/relu then softmax/);
  });
});
