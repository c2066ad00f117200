import { build, dense, input, relu } from '@qaxon/graph';
import { createReferenceBackend } from '@qaxon/kernel-reference';
import { KernelUnsupportedError, QTensor, randomNormal, template, type Backend, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { QuantizationError, quantizationReport, quantize } from './index.js';

function mlp() {
  return dense(relu(dense(relu(dense(input('x'), 64)), 48)), 10, { name: 'head' });
}

describe("quantize with { type: 's4', groupSize }", () => {
  it('quantizes the selected dense kernels to packed s4 and, in a second call, the head to s8', async () => {
    const model = mlp();
    const state = build(model).init(template([1, 40]), undefined, { seed: 2 });
    const [s4Model, s4State] = quantize(model, state, { type: 's4', groupSize: 32, filter: (node) => node.name !== 'head' });
    const [both, bothState] = quantize(s4Model, s4State);
    for (const layer of ['dense_0', 'dense_1']) {
      const kernel = bothState.get(layer, 'kernel') as QTensor;
      expect([kernel.type, kernel.groupSize]).toEqual(['s4', 32]);
      expect(kernel.value.data).toEqual(QTensor.fromTensor(state.get(layer, 'kernel') as never, { type: 's4', groupSize: 32 }).value.data);
    }
    expect((bothState.get('head', 'kernel') as QTensor).type).toBe('s8');

    const x = randomNormal([3, 40], { seed: 3 });
    const report = await quantizationReport(model, state, bothState, { inputs: x });
    expect(report.layers.map((line) => [line.layer, line.bits, line.groupSize])).toEqual([
      ['dense_0', 4, 32],
      ['dense_1', 4, 32],
      ['head', 8, undefined],
    ]);
    const dense0 = report.layers[0]!;
    // [40, 64] in groups of 32 (the last one 8 rows): 20 * 64 packed bytes + 2 * 64 scales, plus the float bias.
    expect(dense0.quantizedBytes).toBe(20 * 64 + 4 * 2 * 64 + 4 * 64);
    expect(dense0.weightError.sqnrDb).toBeGreaterThan(15);
    expect(dense0.weightError.sqnrDb).toBeLessThan(report.layers[2]!.weightError.sqnrDb);
    expect(report.outputError!.sqnrDb).toBeGreaterThan(10);
    expect(report.format()).toMatch(/dense_0 +int4 g32 /);
    expect(report.format()).toMatch(/head +int8 /);

    // The quantized model initializes s4 kernels too.
    const fresh = build(s4Model).init(template([1, 40]), undefined, { seed: 4 });
    expect((fresh.get('dense_1', 'kernel') as QTensor).type).toBe('s4');
    const y = await build(both).predict(bothState, x);
    expect(y.shape).toEqual([3, 10]);
    // A backend without s4 kernels refuses them; the executor runs the reference kernel instead.
    const reference = createReferenceBackend();
    const withoutS4: Backend = {
      ...reference,
      name: 'without-s4',
      kernels: {
        ...reference.kernels,
        quantizedDense: (inputs: OpInputs<'quantizedDense'>, attrs: OpAttrs<'quantizedDense'>) => {
          if (inputs.kernel.quantization?.bits === 4) throw new KernelUnsupportedError('quantizedDense', 'no s4 kernel');
          return reference.kernels.quantizedDense(inputs, attrs);
        },
      },
    };
    const fallback = await build(both, { backend: withoutS4 }).predict(bothState, x);
    expect(fallback.data).toEqual(y.data);
  });

  it('refuses bad type and group size options, and W8A8 with s4', () => {
    const model = mlp();
    const state = build(model).init(template([1, 40]));
    expect(() => quantize(model, state, { type: 's3' as never })).toThrow("quantize: expected options.type to be 's8' or 's4', got \"s3\"");
    expect(() => quantize(model, state, { type: 's4', groupSize: 0 })).toThrow(QuantizationError);
    expect(() => quantize(model, state, { type: 's4', dynamicActivations: true })).toThrow(/dynamicActivations \(W8A8\) needs s8 kernels/);
    expect(() => quantize(model, state, { type: 's4', groupSize: 7 })).toThrow(/dense_0.kernel.*even groupSize/);
  });
});
