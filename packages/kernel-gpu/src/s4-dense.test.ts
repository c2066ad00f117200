import { referenceBackend } from '@qaxon/kernel-reference';
import { compareOutputs, outputMagnitudes, type ConformanceCall } from '@qaxon/kernel-reference/conformance-runner';
import { full, QTensor, randomNormal, runOp, type Handle, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './backend.js';
import { modeRunsHere } from './test-support/modes-here.js';

// s4 quantizedDense on each mode that runs here, against the reference within the
// precision the backend declares for quantizedDense (float32 sums; the conformance rule).
const SHAPES: [string, number, number, number, number | undefined][] = [
  ['a GEMV in groups of 32', 1, 256, 40, 32],
  ['three rows, units not a multiple of 4, groups of 16', 3, 96, 37, 16],
  ['odd in, one scale per column', 2, 33, 9, undefined],
  ['in = 1', 2, 1, 5, undefined],
];

// headlessgl where the `gl` module and a display exist (xvfb-run -a).
const modes = (['cpu', 'webasm', 'headlessgl'] as const).filter((mode) => modeRunsHere(mode) === true);

// webasm with threads: a GEMV's sum split in parts across gpu.js's worker pool.
const setups = [...modes.map((mode) => ({ mode, threads: false })), { mode: 'webasm' as const, threads: true }];

describe.each(setups)('s4 quantizedDense in $mode mode (threads: $threads)', ({ mode, threads }) => {
  for (const [name, rows, depth, units, groupSize] of SHAPES) {
    it(`agrees with the reference: ${name}`, async () => {
      const backend = createGpuBackend({ mode, threads });
      try {
        await backend.ready;
        const q = QTensor.fromTensor(randomNormal([depth, units], { seed: depth + units }), { bits: 4, groupSize });
        const x = randomNormal([rows, depth], { seed: 5 });
        const bias = full([units], 0.5);
        const handles = { x: backend.upload(x), kernel: backend.upload(q), bias: backend.upload(bias) };
        // Called directly: a refused kernel would throw here instead of falling back.
        const output = (await backend.kernels.quantizedDense!(handles, {})) as Handle;
        const actual = (await backend.download(output)) as Tensor;
        const expected = (await runOp(referenceBackend, 'quantizedDense', { x, kernel: q, bias }, {})) as Tensor;
        const call = { inputs: { x, kernel: q, bias }, attrs: {} } as unknown as ConformanceCall;
        expect(compareOutputs(expected, actual, outputMagnitudes('quantizedDense', call, expected), backend.precision!.quantizedDense!)).toBeUndefined();
      } finally {
        backend.dispose();
      }
    });
  }
});
