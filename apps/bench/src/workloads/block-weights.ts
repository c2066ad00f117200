import { deriveSeed, Prng } from '@qaxon/tensor';
import { BENCH_SEED } from './seeded-data.js';
import { blockRows, type BlockShape } from './block-shapes.js';

/**
 * One dense layer of a block, named as Hugging Face names it
 * (`bert.encoder.layer.0.attention.self.query`): kernel `[k, n]` row-major (Axon's layout,
 * the transpose of a PyTorch `Linear` weight) and an optional bias of `n` values.
 *
 * @example
 * ```ts
 * const dense: BlockDense = { name: 'layer.query', k: 2, n: 1, kernel: new Float32Array([0.5, -0.5]), bias: new Float32Array([0]) };
 * ```
 */
export interface BlockDense {
  readonly name: string;
  readonly k: number;
  readonly n: number;
  readonly kernel: Float32Array;
  readonly bias?: Float32Array;
}

/**
 * One norm layer of a block: `gamma`, and `beta` for a LayerNorm with bias.
 *
 * @example
 * ```ts
 * const norm: BlockNorm = { name: 'model.layers.0.input_layernorm', gamma: new Float32Array([1, 1]) };
 * ```
 */
export interface BlockNorm {
  readonly name: string;
  readonly gamma: Float32Array;
  readonly beta?: Float32Array;
}

/**
 * The float32 weights of a block: its dense layers in the order they run, and its norms.
 *
 * @example
 * ```ts
 * const weights = blockWeights(TINYLLAMA_STEP);
 * console.log(weights.denses.map((dense) => dense.name.split('.').pop()));
 * // ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj']
 * ```
 */
export interface BlockWeights {
  readonly denses: readonly BlockDense[];
  readonly norms: readonly BlockNorm[];
}

/**
 * The Hugging Face prefix of the block's layers: layer 0 of the model.
 *
 * @example
 * ```ts
 * console.log(blockPrefix(BERT_BASE_BLOCK)); // 'bert.encoder.layer.0'
 * ```
 */
export function blockPrefix(shape: BlockShape): string {
  return shape.family === 'bert' ? 'bert.encoder.layer.0' : 'model.layers.0';
}

/** Standard deviation of dense kernels and biases: `initializer_range` of BERT and LLaMA configs. */
const WEIGHT_STD = 0.02;
/** Spread of norm gains around 1 (trained gains are not all 1). */
const GAIN_STD = 0.05;

/** Normal values (Box–Muller on the bench's seeded generator), `mean + std · N(0, 1)`. */
function normals(count: number, seedParts: readonly string[], std: number, mean = 0): Float32Array {
  const prng = new Prng(deriveSeed(BENCH_SEED, ...seedParts));
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - prng.nextFloat(); // (0, 1]
    const v = prng.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u));
    out[i] = mean + std * radius * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = mean + std * radius * Math.sin(2 * Math.PI * v);
  }
  return out;
}

function denseLayer(shape: BlockShape, name: string, k: number, n: number, bias: boolean, std: number): BlockDense {
  const kernel = normals(k * n, [shape.family, name, 'kernel'], std);
  return bias ? { name, k, n, kernel, bias: normals(n, [shape.family, name, 'bias'], std) } : { name, k, n, kernel };
}

function norm(shape: BlockShape, name: string, size: number, beta: boolean): BlockNorm {
  const gamma = normals(size, [shape.family, name, 'gamma'], GAIN_STD, 1);
  return beta ? { name, gamma, beta: normals(size, [shape.family, name, 'beta'], WEIGHT_STD) } : { name, gamma };
}

/**
 * Seeded float32 weights of realistic scale for `shape`: dense kernels and biases normal
 * with standard deviation 0.02 (the `initializer_range` of BERT and LLaMA), norm gains
 * `1 + N(0, 0.05²)`, LayerNorm biases normal with deviation 0.02. The same on every call.
 * `weightStd` replaces 0.02 for dense layers (tests use larger weights on tiny shapes, so
 * that attention is far from uniform).
 *
 * @example
 * ```ts
 * const weights = blockWeights({ family: 'bert', tokens: 4, hidden: 8, heads: 2, intermediate: 16, epsilon: 1e-12 });
 * console.log(weights.denses.length, weights.norms.length); // 6 2
 * ```
 */
export function blockWeights(shape: BlockShape, weightStd = WEIGHT_STD): BlockWeights {
  const prefix = blockPrefix(shape);
  const dense = (name: string, k: number, n: number, bias: boolean) => denseLayer(shape, name, k, n, bias, weightStd);
  const { hidden, intermediate } = shape;
  if (shape.family === 'bert') {
    return {
      denses: [
        dense(`${prefix}.attention.self.query`, hidden, hidden, true),
        dense(`${prefix}.attention.self.key`, hidden, hidden, true),
        dense(`${prefix}.attention.self.value`, hidden, hidden, true),
        dense(`${prefix}.attention.output.dense`, hidden, hidden, true),
        dense(`${prefix}.intermediate.dense`, hidden, intermediate, true),
        dense(`${prefix}.output.dense`, intermediate, hidden, true),
      ],
      norms: [norm(shape, `${prefix}.attention.output.LayerNorm`, hidden, true), norm(shape, `${prefix}.output.LayerNorm`, hidden, true)],
    };
  }
  const kv = shape.kvHeads * shape.headDim;
  const q = shape.heads * shape.headDim;
  return {
    denses: [
      dense(`${prefix}.self_attn.q_proj`, hidden, q, false),
      dense(`${prefix}.self_attn.k_proj`, hidden, kv, false),
      dense(`${prefix}.self_attn.v_proj`, hidden, kv, false),
      dense(`${prefix}.self_attn.o_proj`, q, hidden, false),
      dense(`${prefix}.mlp.gate_proj`, hidden, intermediate, false),
      dense(`${prefix}.mlp.up_proj`, hidden, intermediate, false),
      dense(`${prefix}.mlp.down_proj`, intermediate, hidden, false),
    ],
    norms: [norm(shape, `${prefix}.input_layernorm`, hidden, false), norm(shape, `${prefix}.post_attention_layernorm`, hidden, false)],
  };
}

/**
 * The inputs of one call of a block besides the weights: `x` `[1, rows, hidden]` (normal,
 * deviation 1, as hidden states after a norm are); for BERT the padding mask `[1, tokens]`
 * (all ones: no padding); for a LLaMA step the new token's position (`past`) and the KV
 * cache of the past tokens `[1, past, kvHeads · headDim]` (normal, deviation 1, the scale
 * of keys and values projected from such states), the key already rotated.
 *
 * @example
 * ```ts
 * const inputs = blockInputs(TINYLLAMA_STEP);
 * console.log(inputs.x.length, inputs.position, inputs.pastKey?.length); // 2048 128 32768
 * ```
 */
export interface BlockInputs {
  readonly x: Float32Array;
  readonly mask?: Int32Array;
  readonly position?: number;
  readonly pastKey?: Float32Array;
  readonly pastValue?: Float32Array;
}

/**
 * The seeded {@link BlockInputs} of `shape`, the same on every call.
 *
 * @example
 * ```ts
 * console.log(blockInputs(BERT_BASE_BLOCK).mask?.every((one) => one === 1)); // true
 * ```
 */
export function blockInputs(shape: BlockShape): BlockInputs {
  const x = normals(blockRows(shape) * shape.hidden, [shape.family, 'x'], 1);
  if (shape.family === 'bert') return { x, mask: new Int32Array(shape.tokens).fill(1) };
  const cache = shape.past * shape.kvHeads * shape.headDim;
  return { x, position: shape.past, pastKey: normals(cache, [shape.family, 'past key'], 1), pastValue: normals(cache, [shape.family, 'past value'], 1) };
}

/**
 * Where the bench compares a block's outputs: `count` seeded positions of the output
 * `[1, rows, hidden]` (every position when it is smaller), sorted.
 *
 * @example
 * ```ts
 * console.log(blockSamplePositions(BERT_BASE_BLOCK).length); // 256
 * ```
 */
export function blockSamplePositions(shape: BlockShape, count = 256): number[] {
  const size = blockRows(shape) * shape.hidden;
  if (size <= count) return Array.from({ length: size }, (_, index) => index);
  const prng = new Prng(deriveSeed(BENCH_SEED, 'block sample', shape.family));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(prng.nextUint32() % size);
  return [...chosen].sort((a, b) => a - b);
}
