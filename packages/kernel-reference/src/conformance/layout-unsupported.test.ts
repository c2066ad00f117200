import { KernelUnsupportedError, type Backend, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createReferenceBackend } from '../reference-backend.js';
import { describeBackendConformance } from './describe-backend-conformance.js';
import { runBackendConformance } from './run-backend-conformance.js';

/** A backend whose quantized kernels take per-channel int8 only, as fast backends do: other layouts are unsupported. */
const perChannelOnly = (): Backend => {
  const reference = createReferenceBackend();
  const refuse = (op: 'quantizedDense' | 'gather', weight: Handle): void => {
    const layout = weight.quantization;
    if (layout !== undefined && (layout.bits !== 8 || layout.axis !== 1 || layout.groupSize !== undefined)) {
      throw new KernelUnsupportedError(op, `per-channel int8 only, got ${layout.bits} bits along axis ${layout.axis} in groups of ${String(layout.groupSize)}`);
    }
  };
  return {
    ...reference,
    kernels: {
      quantizedDense: (inputs: OpInputs<'quantizedDense'>, attrs: OpAttrs<'quantizedDense'>) => {
        refuse('quantizedDense', inputs.kernel);
        return reference.kernels.quantizedDense(inputs, attrs);
      },
      gather: (inputs: OpInputs<'gather'>, attrs: OpAttrs<'gather'>) => {
        refuse('gather', inputs.table);
        return reference.kernels.gather(inputs, attrs);
      },
    },
  };
};

describeBackendConformance({ name: 'per-channel int8 only', create: perChannelOnly, timeoutMs: 10_000 });

describe('cases of quantized layouts a backend lacks', () => {
  it('are skipped with the KernelUnsupportedError reason, not failed', async () => {
    const report = await runBackendConformance(perChannelOnly());
    expect(report.failed).toEqual([]);
    const skipped = report.verdicts.filter(({ verdict }) => verdict.skipped !== undefined).map(({ name }) => name);
    expect(skipped.filter((name) => /group-wise|per-row|4-bit/.test(name)).length).toBe(7);
    const grouped = report.verdicts.find(({ name }) => name.includes('group-wise, groups of 4'))!;
    expect(grouped.verdict.skipped).toMatch(/per-channel int8 only, got 8 bits along axis 1 in groups of 4/);
    const perChannel = report.verdicts.find(({ name }) => name.includes('symmetric odd sizes'))!;
    expect(perChannel.verdict.skipped).toBeUndefined();
  });
});
