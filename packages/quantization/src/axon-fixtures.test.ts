// qaxon against outputs of the real Axon 0.8.1 (test-data/axon-0.8.1), bit for bit: fromTensor,
// the state quantize returns, and the reference backend's float and int8 predictions.
import { ModelState, build, dense, input, type PredictInputs } from '@qaxon/graph';
import { DTypeError, QTensor, ShapeError, Tensor, ValueError, reshape, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { layers, quantize } from './index.js';
import {
  axonCase,
  axonCases,
  bitsOf,
  f32FromBits,
  integersOf,
  type FixtureOutcome,
  type FixtureQTensor,
  type FixtureTensor,
} from './test-support/axon-fixture.js';

interface FromTensorCase {
  input: FixtureTensor;
  from_tensor_eager: FixtureOutcome<FixtureQTensor>;
}

function expectSameQTensor(actual: QTensor, expected: FixtureQTensor): void {
  expect(bitsOf(actual.scale.data)).toEqual(expected.scale.bits_hex);
  expect([...actual.value.data]).toEqual(integersOf(expected.value));
  expect(actual.value.shape).toEqual(expected.value.shape);
  expect([...actual.zeroPoint.data]).toEqual(integersOf(expected.zero_point));
}

/** The fixture's input as a qaxon tensor: f32 from its bits, anything else as given (f64 as f32 typed data but dtype checked by name). */
function fixtureInput(fixture: FixtureTensor): Tensor {
  if (fixture.type === 'f32') return f32FromBits(fixture);
  // qaxon has no f64 dtype: the closest a user can hand over is an s32 tensor of the same shape.
  return new Tensor(new Int32Array(fixture.values_flat_row_major.length), fixture.shape, 's32');
}

describe('QTensor.fromTensor against every from_tensor case of Axon 0.8.1', () => {
  const names = Object.keys(axonCases).filter((name) => name.startsWith('from_tensor/'));

  it('covers the whole fixture file', () => {
    expect(names.length).toBe(11);
  });

  it.each(names)('%s', (name) => {
    const { input: given, from_tensor_eager: outcome } = axonCase<FromTensorCase>(name);
    if (outcome.ok) {
      expectSameQTensor(QTensor.fromTensor(f32FromBits(given)), outcome.result);
      return;
    }
    // Axon raised; qaxon refuses the same inputs with a typed error naming what was wrong.
    const refusal = {
      'expected a float tensor': DTypeError,
      'expected a 2d tensor': ShapeError,
    }[outcome.message] ?? ValueError;
    expect(() => QTensor.fromTensor(fixtureInput(given))).toThrow(refusal);
  });

  it('names NaN and each infinity as it is, with the index', () => {
    const { input: given } = axonCase<FromTensorCase>('from_tensor/x_nan_in_one_column_3x2');
    expect(() => QTensor.fromTensor(f32FromBits(given))).toThrow('expected finite weights, got NaN at index [0, 1]');
    expect(() => QTensor.fromTensor(tensor([[1, 2], [Infinity, 0]]))).toThrow('got Infinity at index [1, 0]');
    expect(() => QTensor.fromTensor(tensor([[1, -Infinity]]))).toThrow('got -Infinity at index [0, 1]');
  });
});

interface ModelCase {
  float_state: { data: Record<string, Record<string, FixtureTensor>> };
  quantized_state: { data: Record<string, { kernel: FixtureQTensor; bias: FixtureTensor }>; frozen_parameters_inspect: string };
  inputs: { x1: number[][] };
  float_predictions: { x1: FixtureOutcome<FixtureTensor> };
  quantized_predictions: { x1: FixtureOutcome<FixtureTensor> };
  manual_stepwise_quantized_reference_eager_binarybackend: { x1: Record<string, FixtureTensor> };
}

function resultOf(outcome: FixtureOutcome<FixtureTensor>): FixtureTensor {
  if (!outcome.ok) throw new Error(`axon fixture: expected a result, got ${outcome.exception}`);
  return outcome.result;
}

describe("Axon 0.8.1's 4-3-2 MLP (dense, relu, dense)", () => {
  const fixture = axonCase<ModelCase>('2_model');
  const model = dense(dense(input('input'), 3, { activation: 'relu' }), 2);
  const floatState = ModelState.fromData(
    Object.fromEntries(
      Object.entries(fixture.float_state.data).map(([layer, parameters]) => [
        layer,
        Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, f32FromBits(value)])),
      ]),
    ),
  );
  const x1 = tensor(fixture.inputs.x1);
  const [qModel, qState] = quantize(model, floatState);

  it("quantize gives Axon's state: scales, int8 kernels, biases and frozen parameters", () => {
    for (const [layer, expected] of Object.entries(fixture.quantized_state.data)) {
      expectSameQTensor(qState.data[layer]!['kernel'] as QTensor, expected.kernel);
      expect(bitsOf((qState.data[layer]!['bias'] as Tensor<'f32'>).data)).toEqual(expected.bias.bits_hex);
      expect(qState.isFrozen(layer, 'kernel') && qState.isFrozen(layer, 'bias')).toBe(true);
    }
    expect(fixture.quantized_state.frozen_parameters_inspect).toBe('%{"dense_0" => ["kernel", "bias"], "dense_1" => ["kernel", "bias"]}');
  });

  it("the float model predicts Axon's bits on the reference backend", async () => {
    const y = await build(model).predict(floatState, x1);
    expect(bitsOf(y.data)).toEqual(resultOf(fixture.float_predictions.x1).bits_hex);
  });

  it("the int8 model predicts Axon's bits on the reference backend", async () => {
    const y = await build(qModel).predict(qState, { input: x1 } satisfies PredictInputs);
    expect(bitsOf(y.data)).toEqual(resultOf(fixture.quantized_predictions.x1).bits_hex);
    expect(bitsOf(y.data)).toEqual(['0xC0B3BB2C', '0x3F503033']);
  });

  it("each layer's output equals Axon's, for rank-1, rank-2 and rank-3 inputs", () => {
    const steps = fixture.manual_stepwise_quantized_reference_eager_binarybackend.x1;
    const kernel0 = qState.data['dense_0']!['kernel'] as QTensor;
    const bias0 = qState.data['dense_0']!['bias'] as Tensor<'f32'>;
    const expected0 = steps['Layers.weight_only_quantized_dense_layer0_direct']!.bits_hex!;
    expect(bitsOf(layers.weightOnlyQuantizedDense(x1, kernel0, bias0).data)).toEqual(expected0);
    expect(bitsOf(layers.weightOnlyQuantizedDense(reshape(x1, [4]), kernel0, bias0).data)).toEqual(expected0);
    const stacked = tensor([fixture.inputs.x1, fixture.inputs.x1]);
    const y3 = layers.weightOnlyQuantizedDense(stacked, kernel0, bias0);
    expect(y3.shape).toEqual([2, 1, 3]);
    expect(bitsOf(y3.data)).toEqual([...expected0, ...expected0]);
    // Without a bias the result is Axon's `times_scale` step (adding 0 changes no bit).
    expect(bitsOf(layers.weightOnlyQuantizedDense(x1, kernel0).data)).toEqual(steps['layer0_times_scale']!.bits_hex);
    // The second layer on Axon's relu output, and with its bias as a number (Nx rounds it to f32 first).
    const relu0 = f32FromBits(steps['layer0_relu']!);
    const kernel1 = qState.data['dense_1']!['kernel'] as QTensor;
    const bias1 = qState.data['dense_1']!['bias'] as Tensor<'f32'>;
    expect(bitsOf(layers.weightOnlyQuantizedDense(relu0, kernel1, bias1).data)).toEqual(steps['layer1_plus_bias_final']!.bits_hex);
    const times1 = f32FromBits(steps['layer1_times_scale']!).data;
    const numberBias = layers.weightOnlyQuantizedDense(relu0, kernel1, 0.01);
    expect(bitsOf(numberBias.data)).toEqual(bitsOf(Float32Array.from(times1, (v) => v + Math.fround(0.01))));
  });
});

interface DotProbeCase {
  result: Record<string, FixtureTensor & { value?: FixtureTensor; scale?: FixtureTensor }>;
}

describe("Axon 0.8.1's dot-accumulation probe", () => {
  it('sums in float64 like the BinaryBackend: 2^24 + 1 - 2^24 gives 127 * scale, not 128 * scale', () => {
    const { result } = axonCase<DotProbeCase>('2_dot_accumulation_probe');
    const probe = result['qtensor'] as unknown as FixtureQTensor;
    const kernel = new QTensor(
      new Tensor(Int8Array.from(integersOf(probe.value)), probe.value.shape, 's8'),
      f32FromBits(probe.scale),
    );
    const y = layers.weightOnlyQuantizedDense(f32FromBits(result['x']!), kernel);
    expect(bitsOf(y.data)).toEqual(result['Layers.weight_only_quantized_dense_no_bias']!.bits_hex);
  });
});
