import { KernelUnsupportedError, type QTensor, type Backend, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../reference-backend.js';
import { CONFORMANCE_CASES } from './cases.js';
import { runBackendConformance } from './run-backend-conformance.js';
import { s4Cases } from './s4-cases.js';

/** A backend with int8 kernels only: s4 weights are refused as fast backends refuse a layout they lack. */
const withoutS4 = (): Backend => {
  const reference = createReferenceBackend();
  return {
    ...reference,
    kernels: {
      quantizedDense: (inputs: OpInputs<'quantizedDense'>, attrs: OpAttrs<'quantizedDense'>) => {
        if (inputs.kernel.quantization?.packed !== undefined) throw new KernelUnsupportedError('quantizedDense', 'no s4 kernel (8-bit weights only)');
        return reference.kernels.quantizedDense(inputs, attrs);
      },
    },
  };
};

describe('s4 conformance cases', () => {
  it('are in the suite, cover odd in, shorter last groups, odd units and several rows, on packed weights', () => {
    const cases = s4Cases();
    expect(cases.every((c) => CONFORMANCE_CASES.some((other) => other.op === c.op && other.name === c.name))).toBe(true);
    const kernels = cases.filter((c) => c.op === 'quantizedDense').map((c) => c.build().inputs as OpInputs<'quantizedDense'> & { kernel: QTensor });
    expect(kernels.every(({ kernel }) => kernel.type === 's4' && kernel.quantization.packed === 'int4-pairs-along-axis-0')).toBe(true);
    expect(kernels.some(({ kernel }) => kernel.shape[0]! % 2 === 1)).toBe(true);
    expect(kernels.some(({ kernel }) => kernel.groupSize !== undefined && kernel.shape[0]! % kernel.groupSize !== 0)).toBe(true);
    expect(kernels.some(({ kernel }) => kernel.shape[1]! % 2 === 1)).toBe(true);
  });

  it('a backend without s4 kernels skips them with its KernelUnsupportedError reason, and passes the rest', async () => {
    const report = await runBackendConformance(withoutS4());
    expect(report.failed).toEqual([]);
    const s4 = report.verdicts.filter(({ name }) => name.startsWith('quantizedDense "s4'));
    expect(s4.length).toBe(11);
    expect(s4.every(({ verdict }) => verdict.passed && verdict.skipped?.includes('no s4 kernel (8-bit weights only)'))).toBe(true);
  });
});
