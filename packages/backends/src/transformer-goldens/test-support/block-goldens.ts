import { build, type Model, type ModelOutput, type ModelState } from '@qaxon/graph';
import { quantize } from '@qaxon/quantization';
import { Tensor, subtract, type Backend } from '@qaxon/tensor';
import { expect } from 'vitest';
import { f32Mismatch, goldenErrors, recordGolden, INT8_MIN_SQNR_DB } from './golden-errors.js';

/** One golden case of a block: the model's inputs by name and the expected outputs by name. */
export interface BlockCase {
  readonly name: string;
  readonly inputs: Readonly<Record<string, Tensor>>;
  readonly expected: Readonly<Record<string, Tensor>>;
}

/**
 * Runs a model on a backend and returns its outputs by name (a single-output model's as
 * `output`). With `QAXON_GOLDEN_REPORT` set, records which ops ran on the backend and which
 * fell back to the reference.
 */
export async function predictOutputs(model: Model<Record<string, Tensor>> | Model, state: ModelState, inputs: Readonly<Record<string, Tensor>>, backend: Backend): Promise<Record<string, Tensor>> {
  const built = build(model as Model<Record<string, Tensor>>, { backend });
  try {
    const result: Tensor | Record<string, Tensor> = await built.predict(state, inputs);
    if (process.env.QAXON_GOLDEN_REPORT) {
      const placement = built.placement();
      const fellBack = [...new Set(placement.filter((call) => call.kind !== 'backend').map((call) => call.op))];
      recordGolden({ kind: 'placement', backend: backend.name, calls: placement.length, fellBack });
    }
    return result instanceof Tensor ? { output: result } : result;
  } finally {
    built.dispose();
  }
}

/**
 * Checks every output of the f32 block against PyTorch within the f32 tolerance (an
 * expectation per output, whose message names the block, case, output, backend and the
 * worst element).
 */
export async function expectF32Golden(block: string, backendName: string, backend: Backend, model: Model<Record<string, Tensor>> | Model, state: ModelState, golden: BlockCase): Promise<void> {
  const outputs = await predictOutputs(model, state, golden.inputs, backend);
  const mismatches: string[] = [];
  for (const [output, expected] of Object.entries(golden.expected)) {
    const actual = outputs[output];
    if (actual === undefined) throw new Error(`${block} ${golden.name}: the model has no output '${output}' (it has ${Object.keys(outputs).join(', ')})`);
    const where = `${block} ${golden.name} '${output}' on ${backendName}`;
    const errors = goldenErrors(actual, expected, where);
    recordGolden({ kind: 'f32', block, case: golden.name, output, backend: backendName, ...errors });
    const mismatch = f32Mismatch(errors, actual, expected, where);
    if (mismatch !== '') mismatches.push(mismatch);
  }
  expect(mismatches).toEqual([]);
}

/** Quantizes a float block with `quantize` (every dense to weight-only int8 per channel). */
export function quantizedBlock<O extends ModelOutput>(model: Model<O>, state: ModelState): [Model<O>, ModelState] {
  return quantize(model, state);
}

/**
 * Checks the int8 block's `output` against PyTorch's f32 output: SQNR at least
 * {@link INT8_MIN_SQNR_DB}. Returns the SQNR. With `residual` (the name of the input the
 * block adds back, for a pre-norm block), the SQNR of what the block adds (output − input)
 * is recorded too.
 */
export async function expectInt8Golden(block: string, backendName: string, backend: Backend, model: Model<Record<string, Tensor>> | Model, state: ModelState, golden: BlockCase, residual?: string): Promise<number> {
  const outputs = await predictOutputs(model, state, golden.inputs, backend);
  const expected = golden.expected.output!;
  const where = `${block} ${golden.name} int8 'output' on ${backendName}`;
  const errors = goldenErrors(outputs.output!, expected, where);
  const x = residual === undefined ? undefined : golden.inputs[residual];
  const branchSqnrDb = x === undefined ? undefined : goldenErrors(subtract(outputs.output!, x), subtract(expected, x), `${where} (output − input)`).sqnrDb;
  recordGolden({ kind: 'int8', block, case: golden.name, output: 'output', backend: backendName, ...errors, branchSqnrDb });
  expect(errors.sqnrDb, `${where}: output SQNR ${errors.sqnrDb.toFixed(1)} dB against PyTorch's f32 output`).toBeGreaterThanOrEqual(INT8_MIN_SQNR_DB);
  return errors.sqnrDb;
}
