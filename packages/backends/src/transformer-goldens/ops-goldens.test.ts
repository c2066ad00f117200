import { KernelUnsupportedError, isOpName, runOp, type Backend, type OpName, type Tensor } from '@qaxon/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { GOLDEN_BACKENDS } from './test-support/golden-backends.js';
import { readGoldenFixture } from './test-support/golden-fixture.js';
import { f32Mismatch, goldenErrors, recordGolden, F32_RELATIVE_TOLERANCE } from './test-support/golden-errors.js';

// Issue #19: single transformer ops (rope in both conventions, attention with GQA, causal
// and padding masks, gelu erf/tanh, silu, the norms, softmax) against PyTorch goldens
// (fixtures/ops.*, written by scripts/torch-goldens.py), on every backend that implements
// the op. Tolerance: fixtures/README.md.

interface OpCase {
  op: string;
  attrs: Record<string, unknown>;
  description: string;
  inputs: Record<string, string>;
  expected: string;
  torchFloat32MaxAbsError: number;
}

const fixture = readGoldenFixture<{ cases: Record<string, OpCase> }>('ops');
const cases = Object.entries(fixture.json.cases);

it('the ops fixture holds cases of the transformer ops', () => {
  expect(cases.map(([, c]) => c.op).sort()).toEqual(expect.arrayContaining(['attention', 'geluTanh', 'layerNorm', 'rmsNorm', 'rope']));
  for (const [name, c] of cases) expect(isOpName(c.op), `${name}: op '${c.op}'`).toBe(true);
});

for (const golden of GOLDEN_BACKENDS) {
  if (golden.unavailable !== undefined) {
    describe(golden.name, () => it.skip(`transformer op goldens [${golden.unavailable}]`, () => {}));
    continue;
  }
  const backend: Backend & { dispose?(): void } = await golden.create();
  describe(`${golden.name}: transformer ops match PyTorch (max abs error <= ${F32_RELATIVE_TOLERANCE} · max |expected|)`, () => {
    afterAll(() => backend.dispose?.());
    for (const [name, c] of cases) {
      const op = c.op as OpName;
      if (backend.kernels[op] === undefined) {
        it.skip(`${name} (${c.op}) [${golden.name} has no '${c.op}' kernel; the graph runs it on the reference]`, () => {});
        continue;
      }
      it(`${name}: ${c.description}`, async (context) => {
        const inputs = Object.fromEntries(Object.entries(c.inputs).map(([input, tensorName]) => [input, fixture.tensor(tensorName)]));
        const expected = fixture.tensor(c.expected);
        let actual: Tensor;
        try {
          actual = await runOp(backend, op, inputs as never, c.attrs as never);
        } catch (error) {
          // The kernel declines these attributes (the graph then runs the op on the reference).
          if (error instanceof KernelUnsupportedError) return context.skip();
          throw error;
        }
        const where = `${golden.name} ${c.op} (${name})`;
        const errors = goldenErrors(actual, expected, where);
        recordGolden({ kind: 'op', backend: golden.name, case: name, op: c.op, ...errors, torchFloat32MaxAbsError: c.torchFloat32MaxAbsError });
        expect(f32Mismatch(errors, actual, expected, where)).toBe('');
      });
    }
  });
}
