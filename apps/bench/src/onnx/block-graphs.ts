import type { BertBlockShape, BlockShape, LlamaStepShape } from '../workloads/block-shapes.js';
import type { BlockInputs, BlockNorm, BlockWeights } from '../workloads/block-weights.js';
import { encodeOnnxModel, type OnnxInitializer, type OnnxNode, type OnnxValueInfo } from './onnx-model-proto.js';
import type { Int8Graph } from './int8-graphs.js';
import { weightedMatmul, type OnnxModel, type OnnxWeight } from './bench-models.js';

/**
 * One dense layer of a block as the ONNX model holds it: its weight (float32, or int8 with
 * column scales) and an optional float32 bias.
 *
 * @example
 * ```ts
 * const dense: OnnxBlockDense = { name: 'q_proj', weight: { kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) } };
 * ```
 */
export interface OnnxBlockDense {
  readonly name: string;
  readonly weight: OnnxWeight;
  readonly bias?: Float32Array;
}

/**
 * The weights of a block for {@link blockOnnxModel}: its dense layers in the order they run
 * (BERT: query, key, value, attention output, intermediate, output; LLaMA: q, k, v, o,
 * gate, up, down) and its two norms.
 *
 * @example
 * ```ts
 * const weights: OnnxBlockWeights = { denses: [], norms: [] };
 * ```
 */
export interface OnnxBlockWeights {
  readonly denses: readonly OnnxBlockDense[];
  readonly norms: readonly BlockNorm[];
}

/**
 * The operators {@link blockOnnxModel} writes, for the results page: the fused
 * `com.microsoft` operators that optimized transformer models (transformers.js, ONNX Runtime
 * GenAI) run, around dense layers in the usual form.
 *
 * @example
 * ```ts
 * console.log(BLOCK_ONNX_OPERATORS.bert);
 * ```
 */
export const BLOCK_ONNX_OPERATORS = Object.freeze({
  bert: 'MatMul + Add per dense; com.microsoft MultiHeadAttention (padding mask as key_padding_mask); Add + LayerNormalization (opset 17); com.microsoft Gelu (erf)',
  llama:
    'SimplifiedLayerNormalization (RMSNorm); MatMul per dense; com.microsoft GroupQueryAttention with do_rotary (RoPE from cos/sin caches, GQA, past key/value [1, kv heads, past, head dim]); Sigmoid + Mul (SiLU) and Mul gating',
});

/**
 * The int8 form of one dense kernel `[k, n]`: values and one scale per column.
 *
 * @example
 * ```ts
 * const kernel: Int8Kernel = { values: new Int8Array([2, -4]), scales: new Float32Array([0.5]) };
 * ```
 */
export interface Int8Kernel {
  readonly values: Int8Array;
  readonly scales: Float32Array;
}

/**
 * A block's float32 weights as {@link OnnxBlockWeights}: every dense kernel float32, or, where
 * `int8Kernel` gives one for the layer's name, int8 (the same values and scales qaxon's
 * quantized state holds).
 *
 * @example
 * ```ts
 * const weights = onnxBlockWeights(blockWeights(TINYLLAMA_STEP));
 * console.log(weights.denses[0]!.weight.kind); // 'f32'
 * ```
 */
export function onnxBlockWeights(weights: BlockWeights, int8Kernel?: (name: string) => Int8Kernel | undefined): OnnxBlockWeights {
  return {
    norms: weights.norms,
    denses: weights.denses.map(({ name, k, n, kernel, bias }) => {
      const int8 = int8Kernel?.(name);
      const weight: OnnxWeight = int8 === undefined ? { kind: 'f32', k, n, values: kernel } : { kind: 'int8', k, n, values: int8.values, scales: int8.scales };
      return bias === undefined ? { name, weight } : { name, weight, bias };
    }),
  };
}

class GraphWriter {
  readonly initializers: OnnxInitializer[] = [];
  readonly nodes: OnnxNode[] = [];
  constructor(private readonly int8Graph: Int8Graph) {}

  node(node: OnnxNode): string {
    this.nodes.push(node);
    return node.outputs[0]!;
  }

  constant(name: string, values: Float32Array, dims: readonly number[]): string {
    this.initializers.push({ name, type: 'float', dims, values });
    return name;
  }

  /** `input · kernel (+ bias)`, named after the layer. */
  dense(input: string, dense: OnnxBlockDense): string {
    const product = `${dense.name}.product`;
    const part = weightedMatmul(input, product, dense.name, dense.weight, this.int8Graph);
    this.initializers.push(...part.initializers);
    this.nodes.push(...part.nodes);
    if (dense.bias === undefined) return product;
    const bias = this.constant(`${dense.name}.bias`, dense.bias, [dense.bias.length]);
    return this.node({ opType: 'Add', inputs: [product, bias], outputs: [`${dense.name}.output`], name: `${dense.name}.add_bias` });
  }

  add(a: string, b: string, output: string): string {
    return this.node({ opType: 'Add', inputs: [a, b], outputs: [output], name: output });
  }
}

function denseAt(weights: OnnxBlockWeights, index: number): OnnxBlockDense {
  const dense = weights.denses[index];
  if (dense === undefined) throw new RangeError(`blockOnnxModel: expected a dense layer at index ${index}, got ${weights.denses.length} dense layers`);
  return dense;
}

function normAt(weights: OnnxBlockWeights, index: number): BlockNorm {
  const norm = weights.norms[index];
  if (norm === undefined) throw new RangeError(`blockOnnxModel: expected a norm at index ${index}, got ${weights.norms.length} norms`);
  return norm;
}

function bertGraph(shape: BertBlockShape, weights: OnnxBlockWeights, writer: GraphWriter): { inputs: OnnxValueInfo[]; output: OnnxValueInfo } {
  const { hidden, tokens, heads, epsilon } = shape;
  const layerNorm = (input: string, norm: BlockNorm, output = `${norm.name}.output`) =>
    writer.node({
      opType: 'LayerNormalization',
      inputs: [input, writer.constant(`${norm.name}.gamma`, norm.gamma, [hidden]), writer.constant(`${norm.name}.beta`, norm.beta ?? new Float32Array(hidden), [hidden])],
      outputs: [output],
      name: norm.name,
      attributes: [
        { name: 'axis', value: -1 },
        { name: 'epsilon', float: epsilon },
      ],
    });
  const [query, key, value, attentionOutput, intermediate, output] = [0, 1, 2, 3, 4, 5].map((index) => denseAt(weights, index)) as [
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
  ];
  const attention = writer.node({
    opType: 'MultiHeadAttention',
    domain: 'com.microsoft',
    inputs: [writer.dense('x', query), writer.dense('x', key), writer.dense('x', value), '', 'mask'],
    outputs: ['attention.context'],
    name: 'attention',
    attributes: [{ name: 'num_heads', value: heads }],
  });
  const attended = layerNorm(writer.add('x', writer.dense(attention, attentionOutput), 'attention.residual'), normAt(weights, 0));
  const activated = writer.node({ opType: 'Gelu', domain: 'com.microsoft', inputs: [writer.dense(attended, intermediate)], outputs: ['intermediate.gelu'], name: 'intermediate.gelu' });
  const residual = writer.add(attended, writer.dense(activated, output), 'output.residual');
  layerNorm(residual, normAt(weights, 1), 'y');
  return {
    inputs: [
      { name: 'x', type: 'float', shape: [1, tokens, hidden] },
      { name: 'mask', type: 'int32', shape: [1, tokens] },
    ],
    output: { name: 'y', type: 'float', shape: [1, tokens, hidden] },
  };
}

/**
 * The cos and sin caches `[positions, headDim / 2]` of Hugging Face rotary embeddings
 * (`rotate_half` pairs): angle `position · theta^(-2i / headDim)`.
 *
 * @example
 * ```ts
 * const { cos, sin } = rotaryCaches(2, 4, 10000);
 * console.log([...cos.slice(2)]); // [Math.cos(1), Math.cos(0.01)] as float32
 * ```
 */
export function rotaryCaches(positions: number, headDim: number, theta: number): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const cos = new Float32Array(positions * half);
  const sin = new Float32Array(positions * half);
  for (let position = 0; position < positions; position++) {
    for (let i = 0; i < half; i++) {
      const angle = position * theta ** ((-2 * i) / headDim);
      cos[position * half + i] = Math.cos(angle);
      sin[position * half + i] = Math.sin(angle);
    }
  }
  return { cos, sin };
}

function llamaGraph(shape: LlamaStepShape, weights: OnnxBlockWeights, writer: GraphWriter): { inputs: OnnxValueInfo[]; output: OnnxValueInfo } {
  const { hidden, heads, kvHeads, headDim, past, epsilon, theta } = shape;
  const rmsNorm = (input: string, norm: BlockNorm) =>
    writer.node({
      opType: 'SimplifiedLayerNormalization',
      inputs: [input, writer.constant(`${norm.name}.gamma`, norm.gamma, [hidden])],
      outputs: [`${norm.name}.output`],
      name: norm.name,
      attributes: [
        { name: 'axis', value: -1 },
        { name: 'epsilon', float: epsilon },
      ],
    });
  const [q, k, v, o, gate, up, down] = [0, 1, 2, 3, 4, 5, 6].map((index) => denseAt(weights, index)) as [
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
    OnnxBlockDense,
  ];
  const normed = rmsNorm('x', normAt(weights, 0));
  const { cos, sin } = rotaryCaches(past + 1, headDim, theta);
  const attention = writer.node({
    opType: 'GroupQueryAttention',
    domain: 'com.microsoft',
    inputs: [
      writer.dense(normed, q),
      writer.dense(normed, k),
      writer.dense(normed, v),
      'past_key',
      'past_value',
      'seqlens_k',
      'total_sequence_length',
      writer.constant('rotary.cos', cos, [past + 1, headDim / 2]),
      writer.constant('rotary.sin', sin, [past + 1, headDim / 2]),
    ],
    outputs: ['attention.context', 'present_key', 'present_value'],
    name: 'attention',
    attributes: [
      { name: 'num_heads', value: heads },
      { name: 'kv_num_heads', value: kvHeads },
      { name: 'do_rotary', value: 1 },
      { name: 'rotary_interleaved', value: 0 },
    ],
  });
  const attended = writer.add('x', writer.dense(attention, o), 'attention.residual');
  const normedAgain = rmsNorm(attended, normAt(weights, 1));
  const gated = writer.dense(normedAgain, gate);
  const sigmoid = writer.node({ opType: 'Sigmoid', inputs: [gated], outputs: ['mlp.sigmoid'], name: 'mlp.sigmoid' });
  const silu = writer.node({ opType: 'Mul', inputs: [gated, sigmoid], outputs: ['mlp.silu'], name: 'mlp.silu' });
  const product = writer.node({ opType: 'Mul', inputs: [silu, writer.dense(normedAgain, up)], outputs: ['mlp.gated'], name: 'mlp.gated' });
  writer.add(attended, writer.dense(product, down), 'y');
  const cache = [1, kvHeads, past, headDim];
  return {
    inputs: [
      { name: 'x', type: 'float', shape: [1, 1, hidden] },
      { name: 'past_key', type: 'float', shape: cache },
      { name: 'past_value', type: 'float', shape: cache },
      { name: 'seqlens_k', type: 'int32', shape: [1] },
      { name: 'total_sequence_length', type: 'int32', shape: [] },
    ],
    output: { name: 'y', type: 'float', shape: [1, 1, hidden] },
  };
}

/**
 * A transformer block as an ONNX model (opset 17) for ONNX Runtime, with the fused
 * operators of {@link BLOCK_ONNX_OPERATORS}; dense layers with int8 weights in the form
 * `int8Graph` names. BERT: inputs `x` `[1, tokens, hidden]` and the int32 padding `mask`
 * `[1, tokens]`. LLaMA step: `x` `[1, 1, hidden]`, `past_key` / `past_value`
 * `[1, kvHeads, past, headDim]`, int32 `seqlens_k` `[1]` (= past) and
 * `total_sequence_length` (scalar, past + 1). Output `y` `[1, rows, hidden]`.
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-web';
 * const shape = { family: 'bert', tokens: 4, hidden: 8, heads: 2, intermediate: 16, epsilon: 1e-12 } as const;
 * const { bytes } = blockOnnxModel(shape, onnxBlockWeights(blockWeights(shape)));
 * const session = await ort.InferenceSession.create(bytes);
 * ```
 */
export function blockOnnxModel(shape: BlockShape, weights: OnnxBlockWeights, int8Graph: Int8Graph = 'dequantize-linear'): OnnxModel {
  const writer = new GraphWriter(int8Graph);
  const { inputs, output } = shape.family === 'bert' ? bertGraph(shape, weights, writer) : llamaGraph(shape, weights, writer);
  const bytes = encodeOnnxModel({ name: `${shape.family}_block`, opset: 17, nodes: writer.nodes, initializers: writer.initializers, inputs, outputs: [output] });
  return { bytes, weightBytes: writer.initializers.reduce((total, initializer) => total + initializer.values.byteLength, 0) };
}

/**
 * One input of an ONNX model besides `x`: its name, values and dimensions.
 *
 * @example
 * ```ts
 * const mask: OnnxFeed = { name: 'mask', data: new Int32Array([1, 1]), dims: [1, 2] };
 * ```
 */
export interface OnnxFeed {
  readonly name: string;
  readonly data: Float32Array | Int32Array;
  readonly dims: readonly number[];
}

/**
 * What {@link blockOnnxModel}'s model is fed besides the values of `x`: the dimensions of
 * `x` and the other inputs (BERT: the padding mask; LLaMA step: the KV cache transposed to
 * `[1, kvHeads, past, headDim]`, `seqlens_k` = past and `total_sequence_length` = past + 1).
 *
 * @example
 * ```ts
 * const feeds = blockOnnxFeeds(TINYLLAMA_STEP, blockInputs(TINYLLAMA_STEP));
 * console.log(feeds.xDims, feeds.others.map((feed) => feed.name));
 * // [1, 1, 2048] ['past_key', 'past_value', 'seqlens_k', 'total_sequence_length']
 * ```
 */
export function blockOnnxFeeds(shape: BlockShape, inputs: BlockInputs): { readonly xDims: readonly number[]; readonly others: readonly OnnxFeed[] } {
  if (shape.family === 'bert') {
    return { xDims: [1, shape.tokens, shape.hidden], others: [{ name: 'mask', data: inputs.mask ?? new Int32Array(shape.tokens).fill(1), dims: [1, shape.tokens] }] };
  }
  const { past, kvHeads, headDim } = shape;
  if (inputs.pastKey === undefined || inputs.pastValue === undefined) throw new RangeError('blockOnnxFeeds: a LLaMA step needs pastKey and pastValue, got none');
  const headsFirst = (cache: Float32Array) => {
    const out = new Float32Array(cache.length);
    for (let position = 0; position < past; position++) {
      for (let head = 0; head < kvHeads; head++) {
        out.set(cache.subarray((position * kvHeads + head) * headDim, (position * kvHeads + head + 1) * headDim), (head * past + position) * headDim);
      }
    }
    return out;
  };
  return {
    xDims: [1, 1, shape.hidden],
    others: [
      { name: 'past_key', data: headsFirst(inputs.pastKey), dims: [1, kvHeads, past, headDim] },
      { name: 'past_value', data: headsFirst(inputs.pastValue), dims: [1, kvHeads, past, headDim] },
      { name: 'seqlens_k', data: new Int32Array([past]), dims: [1] },
      { name: 'total_sequence_length', data: new Int32Array([past + 1]), dims: [] },
    ],
  };
}
