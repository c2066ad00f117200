import { int8Matmul, type Int8Graph, type OnnxPart } from './int8-graphs.js';
import { encodeOnnxModel, type OnnxGraph, type OnnxInitializer, type OnnxNode } from './onnx-model-proto.js';

/**
 * A weight matrix `[k, n]` (row-major) as the bench hands it to ONNX Runtime: float32
 * values, or weight-only int8 values with one float32 scale per output column (symmetric:
 * zero points are 0).
 *
 * @example
 * ```ts
 * const f32: OnnxWeight = { kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) };
 * const s8: OnnxWeight = { kind: 'int8', k: 2, n: 1, values: new Int8Array([1, 2]), scales: new Float32Array([0.5]) };
 * ```
 */
export type OnnxWeight =
  | { readonly kind: 'f32'; readonly k: number; readonly n: number; readonly values: Float32Array }
  | { readonly kind: 'int8'; readonly k: number; readonly n: number; readonly values: Int8Array; readonly scales: Float32Array };

/**
 * An encoded ONNX model (the bytes of a `.onnx` file) and the bytes its initializers hold
 * (the weights as the model stores them: values, scales, zero points, biases).
 *
 * @example
 * ```ts
 * const model: OnnxModel = matmulModel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log(model.weightBytes); // 8
 * ```
 */
export interface OnnxModel {
  readonly bytes: Uint8Array;
  readonly weightBytes: number;
}

/**
 * The initializers and nodes that turn input `input` into `input · weight` under `output`:
 * `MatMul` for a float32 weight; for an int8 weight, the form `graph` names (see
 * {@link INT8_GRAPHS}; by default `DequantizeLinear(values, scales, zeroPoints, axis=1)`
 * feeding `MatMul`, the weight-only int8 pattern as an ONNX model states it).
 *
 * @example
 * ```ts
 * const part = weightedMatmul('x', 'y', 'w', { kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log(part.nodes.map((node) => node.opType)); // ['MatMul']
 * ```
 */
export function weightedMatmul(input: string, output: string, prefix: string, weight: OnnxWeight, graph: Int8Graph = 'dequantize-linear'): OnnxPart {
  if (weight.values.length !== weight.k * weight.n) {
    throw new RangeError(`weightedMatmul: weight '${prefix}' of shape [${weight.k}, ${weight.n}] needs ${weight.k * weight.n} values, got ${weight.values.length}`);
  }
  if (weight.kind === 'int8') return int8Matmul(input, output, prefix, weight, graph);
  return {
    initializers: [{ name: `${prefix}_weight`, type: 'float', dims: [weight.k, weight.n], values: weight.values }],
    nodes: [{ opType: 'MatMul', inputs: [input, `${prefix}_weight`], outputs: [output], name: `${prefix}_matmul` }],
  };
}

/**
 * An ONNX model computing `y = x · weight` for `x` of shape `['batch', k]`: `MatMul` for a
 * float32 weight, the int8 form `graph` names for an int8 one.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * const { bytes } = matmulModel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * const session = await ort.InferenceSession.create(bytes);
 * const { y } = await session.run({ x: new ort.Tensor('float32', new Float32Array([3, 4]), [1, 2]) });
 * console.log(y.data); // Float32Array [11]
 * ```
 */
export function matmulModel(weight: OnnxWeight, graph: Int8Graph = 'dequantize-linear'): OnnxModel {
  const { initializers, nodes } = weightedMatmul('x', 'y', 'w', weight, graph);
  return encoded(initializers, {
    name: `matmul_${weight.kind === 'f32' ? 'f32' : graph}_${weight.k}x${weight.n}`,
    nodes,
    initializers,
    inputs: [{ name: 'x', type: 'float', shape: ['batch', weight.k] }],
    outputs: [{ name: 'y', type: 'float', shape: ['batch', weight.n] }],
  });
}

function encoded(initializers: readonly OnnxInitializer[], graph: OnnxGraph): OnnxModel {
  return { bytes: encodeOnnxModel(graph), weightBytes: initializers.reduce((total, initializer) => total + initializer.values.byteLength, 0) };
}

/**
 * One dense layer of {@link mlpModel}: its weight and a float32 bias of `n` values.
 *
 * @example
 * ```ts
 * const layer: OnnxDenseLayer = { weight: { kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) }, bias: new Float32Array([0]) };
 * ```
 */
export interface OnnxDenseLayer {
  readonly weight: OnnxWeight;
  readonly bias: Float32Array;
}

/**
 * A multilayer perceptron as an ONNX model: each layer is `x · weight + bias`, followed by
 * `Relu` except the last, which is followed by `Softmax` over the last axis; int8 weights
 * in the form `graph` names. Input `x` `['batch', k0]`, output `y` `['batch', n_last]`.
 *
 * @example
 * ```ts
 * const { bytes } = mlpModel([
 *   { weight: { kind: 'f32', k: 2, n: 3, values: new Float32Array(6) }, bias: new Float32Array(3) },
 *   { weight: { kind: 'f32', k: 3, n: 2, values: new Float32Array(6) }, bias: new Float32Array(2) },
 * ]);
 * ```
 */
export function mlpModel(layers: readonly OnnxDenseLayer[], graph: Int8Graph = 'dequantize-linear'): OnnxModel {
  if (layers.length === 0) throw new RangeError('mlpModel: expected at least one layer, got none');
  const initializers: OnnxInitializer[] = [];
  const nodes: OnnxNode[] = [];
  let current = 'x';
  layers.forEach((layer, index) => {
    const previous = layers[index - 1];
    if (previous !== undefined && previous.weight.n !== layer.weight.k) {
      throw new RangeError(`mlpModel: layer ${index} expects ${layer.weight.k} inputs, but layer ${index - 1} gives ${previous.weight.n}`);
    }
    if (layer.bias.length !== layer.weight.n) {
      throw new RangeError(`mlpModel: layer ${index} has ${layer.weight.n} units, got a bias of ${layer.bias.length} values`);
    }
    const prefix = `dense_${index}`;
    const part = weightedMatmul(current, `${prefix}_product`, prefix, layer.weight, graph);
    initializers.push(...part.initializers, { name: `${prefix}_bias`, type: 'float', dims: [layer.weight.n], values: layer.bias });
    nodes.push(...part.nodes, { opType: 'Add', inputs: [`${prefix}_product`, `${prefix}_bias`], outputs: [`${prefix}_sum`], name: `${prefix}_add` });
    const last = index === layers.length - 1;
    const activated = last ? 'y' : `${prefix}_out`;
    nodes.push(
      last
        ? { opType: 'Softmax', inputs: [`${prefix}_sum`], outputs: [activated], name: `${prefix}_softmax`, attributes: [{ name: 'axis', value: -1 }] }
        : { opType: 'Relu', inputs: [`${prefix}_sum`], outputs: [activated], name: `${prefix}_relu` },
    );
    current = activated;
  });
  const first = layers[0]!;
  const last = layers[layers.length - 1]!;
  return encoded(initializers, {
    name: 'mlp',
    nodes,
    initializers,
    inputs: [{ name: 'x', type: 'float', shape: ['batch', first.weight.k] }],
    outputs: [{ name: 'y', type: 'float', shape: ['batch', last.weight.n] }],
  });
}
