import type { OnnxWeight } from './bench-models.js';
import { matmulNBitsWeights, type Int8Weight } from './matmul-nbits-weights.js';
import type { OnnxInitializer, OnnxNode } from './onnx-model-proto.js';

/**
 * The ways an ONNX model can state a product with int8 weights, as the bench runs them:
 * - `dequantize-linear`: `DequantizeLinear(int8, per-column scales, axis=1)` → `MatMul`
 *   (weight-only int8, the QDQ form; ONNX Runtime may fuse it into `MatMulNBits`);
 * - `matmul-integer`: `DynamicQuantizeLinear(x)` → `MatMulInteger(uint8 x, int8 w)` → `Cast`
 *   → `Mul` by `x_scale · w_scale` (what `quantize_dynamic` writes and transformers.js `q8`
 *   models run: activations quantized to uint8 per call, per tensor);
 * - `matmul-nbits-8` / `matmul-nbits-4`: `com.microsoft` `MatMulNBits` with 8 or 4 bits in
 *   blocks of 32 (transformers.js `q4` is the 4-bit one; its weights are quantized again to
 *   4 bits, see `matmul-nbits-weights.ts`).
 *
 * @example
 * ```ts
 * console.log(INT8_GRAPHS.length); // 4
 * ```
 */
export const INT8_GRAPHS = ['dequantize-linear', 'matmul-integer', 'matmul-nbits-8', 'matmul-nbits-4'] as const;

/**
 * One of {@link INT8_GRAPHS}.
 *
 * @example
 * ```ts
 * const graph: Int8Graph = 'matmul-integer';
 * ```
 */
export type Int8Graph = (typeof INT8_GRAPHS)[number];

/**
 * Nodes and initializers of part of a graph.
 *
 * @example
 * ```ts
 * const part: OnnxPart = { initializers: [], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] };
 * ```
 */
export interface OnnxPart {
  readonly initializers: OnnxInitializer[];
  readonly nodes: OnnxNode[];
}

/**
 * The nodes and initializers that turn `input` into `input · weight` under `output` for an
 * int8 weight, in the form `graph` names (names of intermediate values start with `prefix`).
 *
 * @example
 * ```ts
 * const part = int8Matmul('x', 'y', 'w', { kind: 'int8', k: 2, n: 1, values: new Int8Array([1, 2]), scales: new Float32Array([0.5]) }, 'matmul-integer');
 * console.log(part.nodes.map((node) => node.opType)); // ['DynamicQuantizeLinear', 'MatMulInteger', 'Cast', 'Mul', 'Mul']
 * ```
 */
export function int8Matmul(input: string, output: string, prefix: string, weight: Int8Weight, graph: Int8Graph): OnnxPart {
  if (weight.scales.length !== weight.n) {
    throw new RangeError(`int8Matmul: weight '${prefix}' has ${weight.n} output columns, got ${weight.scales.length} scales`);
  }
  const values: OnnxInitializer = { name: `${prefix}_values`, type: 'int8', dims: [weight.k, weight.n], values: weight.values };
  const scales: OnnxInitializer = { name: `${prefix}_scales`, type: 'float', dims: [weight.n], values: weight.scales };
  switch (graph) {
    case 'dequantize-linear':
      return {
        initializers: [values, scales, { name: `${prefix}_zero_points`, type: 'int8', dims: [weight.n], values: new Int8Array(weight.n) }],
        nodes: [
          {
            opType: 'DequantizeLinear',
            inputs: [values.name, scales.name, `${prefix}_zero_points`],
            outputs: [`${prefix}_weight`],
            name: `${prefix}_dequantize`,
            attributes: [{ name: 'axis', value: 1 }],
          },
          { opType: 'MatMul', inputs: [input, `${prefix}_weight`], outputs: [output], name: `${prefix}_matmul` },
        ],
      };
    case 'matmul-integer':
      return {
        initializers: [values, scales],
        nodes: [
          { opType: 'DynamicQuantizeLinear', inputs: [input], outputs: [`${prefix}_x_q`, `${prefix}_x_scale`, `${prefix}_x_zero_point`], name: `${prefix}_quantize_x` },
          { opType: 'MatMulInteger', inputs: [`${prefix}_x_q`, values.name, `${prefix}_x_zero_point`], outputs: [`${prefix}_integer_product`], name: `${prefix}_matmul_integer` },
          { opType: 'Cast', inputs: [`${prefix}_integer_product`], outputs: [`${prefix}_integer_product_float`], name: `${prefix}_cast`, attributes: [{ name: 'to', value: 1 }] },
          { opType: 'Mul', inputs: [`${prefix}_x_scale`, scales.name], outputs: [`${prefix}_output_scales`], name: `${prefix}_scale_product` },
          { opType: 'Mul', inputs: [`${prefix}_integer_product_float`, `${prefix}_output_scales`], outputs: [output], name: `${prefix}_rescale` },
        ],
      };
    case 'matmul-nbits-8':
    case 'matmul-nbits-4': {
      const packed = matmulNBitsWeights(weight, graph === 'matmul-nbits-8' ? 8 : 4);
      return {
        initializers: [
          { name: `${prefix}_codes`, type: 'uint8', dims: [weight.n, packed.blocks, packed.codes.length / weight.n / packed.blocks], values: packed.codes },
          { name: `${prefix}_block_scales`, type: 'float', dims: [weight.n, packed.blocks], values: packed.scales },
        ],
        nodes: [
          {
            opType: 'MatMulNBits',
            domain: 'com.microsoft',
            inputs: [input, `${prefix}_codes`, `${prefix}_block_scales`],
            outputs: [output],
            name: `${prefix}_matmul_nbits`,
            attributes: [
              { name: 'K', value: weight.k },
              { name: 'N', value: weight.n },
              { name: 'bits', value: packed.bits },
              { name: 'block_size', value: packed.blockSize },
            ],
          },
        ],
      };
    }
  }
}

/**
 * The weights a model built with `graph` really multiplies by, for its oracle: `weight`
 * itself, except for `matmul-nbits-4`, whose weights are quantized again to 4 bits (returned
 * as the float32 values the 4-bit codes stand for).
 *
 * @example
 * ```ts
 * const weight: OnnxWeight = { kind: 'int8', k: 2, n: 1, values: new Int8Array([1, 2]), scales: new Float32Array([0.5]) };
 * console.log(graphWeights(weight, 'matmul-integer') === weight); // true
 * ```
 */
export function graphWeights(weight: OnnxWeight, graph: Int8Graph): OnnxWeight {
  if (weight.kind === 'f32' || graph !== 'matmul-nbits-4') return weight;
  return { kind: 'f32', k: weight.k, n: weight.n, values: matmulNBitsWeights(weight, 4).values };
}
