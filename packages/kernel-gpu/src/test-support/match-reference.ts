import { referenceBackend } from '@qaxon/kernel-reference';
import { allClose, runOp, type HostOpInputs, type OpAttrs, type OpName, type Tensor } from '@qaxon/tensor';
import { expect } from 'vitest';
import type { GpuBackend } from '../backend.js';

/** Runs `op` on `backend` and on the reference backend (upload, kernel, download) and expects the same shape and values within float32 rounding. */
export async function expectMatchesReference<O extends OpName>(backend: GpuBackend, op: O, inputs: HostOpInputs<O>, attrs: OpAttrs<O>): Promise<Tensor> {
  const actual = await runOp(backend, op, inputs, attrs);
  const expected = await runOp(referenceBackend, op, inputs, attrs);
  expect(actual.shape).toEqual(expected.shape);
  expect(allClose(actual, expected, { rtol: 1e-5, atol: 1e-5 }).message).toBe('');
  return actual;
}
