import { BERT_BASE_BLOCK, TINYLLAMA_STEP, type BlockShape } from './block-shapes.js';

/**
 * The weight formats a workload runs in: float32 dense, or weight-only int8 dense (int8
 * values, one float32 scale per output column, float32 activations).
 *
 * @example
 * ```ts
 * console.log(WEIGHT_FORMATS); // ['f32', 'int8']
 * ```
 */
export const WEIGHT_FORMATS = ['f32', 'int8'] as const;

/**
 * One of {@link WEIGHT_FORMATS}.
 *
 * @example
 * ```ts
 * const format: WeightFormat = 'int8';
 * ```
 */
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

/**
 * A dense product `y[m, n] = Σ_k x[m, k] · w[k, n]` with seeded inputs and weights
 * (GEMV when `m` is 1).
 *
 * @example
 * ```ts
 * const gemv: KernelWorkload = { kind: 'kernel', id: 'gemv-1x4096x4096-f32', m: 1, k: 4096, n: 4096, weights: 'f32' };
 * ```
 */
export interface KernelWorkload {
  readonly kind: 'kernel';
  readonly id: string;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly weights: WeightFormat;
}

/**
 * The MNIST MLP (784-256-128-10, relu, relu, softmax) with the trained weights of
 * `apps/mnist`, on `batch` real digits.
 *
 * @example
 * ```ts
 * const mlp: MnistWorkload = { kind: 'mnist', id: 'mnist-b1-f32', batch: 1, weights: 'f32' };
 * ```
 */
export interface MnistWorkload {
  readonly kind: 'mnist';
  readonly id: string;
  readonly batch: number;
  readonly weights: WeightFormat;
}

/**
 * A transformer block ({@link BlockShape}) with seeded weights of realistic scale, its dense
 * layers in `weights` format (`int8`: the float32 weights quantized by `@qaxon/quantization`'s
 * `quantize`), batch 1.
 *
 * @example
 * ```ts
 * const block: BlockWorkload = blockWorkload(BERT_BASE_BLOCK, 'int8');
 * console.log(block.id); // 'bert-block-128-int8'
 * ```
 */
export interface BlockWorkload {
  readonly kind: 'block';
  readonly id: string;
  readonly block: BlockShape;
  readonly weights: WeightFormat;
}

/**
 * Anything the bench times.
 *
 * @example
 * ```ts
 * const workload: Workload = kernelWorkload(1, 1024, 4096, 'int8');
 * ```
 */
export type Workload = KernelWorkload | MnistWorkload | BlockWorkload;

/**
 * A {@link KernelWorkload} with its id (`gemv-1x1024x4096-int8`, `gemm-64x1024x1024-f32`).
 *
 * @example
 * ```ts
 * console.log(kernelWorkload(64, 1024, 1024, 'f32').id); // 'gemm-64x1024x1024-f32'
 * ```
 */
export function kernelWorkload(m: number, k: number, n: number, weights: WeightFormat): KernelWorkload {
  for (const [name, value] of Object.entries({ m, k, n })) {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`kernelWorkload: expected ${name} >= 1, got ${value}`);
  }
  return { kind: 'kernel', id: `${m === 1 ? 'gemv' : 'gemm'}-${m}x${k}x${n}-${weights}`, m, k, n, weights };
}

/**
 * A {@link MnistWorkload} with its id (`mnist-b256-int8`).
 *
 * @example
 * ```ts
 * console.log(mnistWorkload(256, 'int8').id); // 'mnist-b256-int8'
 * ```
 */
export function mnistWorkload(batch: number, weights: WeightFormat): MnistWorkload {
  if (!Number.isSafeInteger(batch) || batch < 1) throw new RangeError(`mnistWorkload: expected batch >= 1, got ${batch}`);
  return { kind: 'mnist', id: `mnist-b${batch}-${weights}`, batch, weights };
}

/**
 * A {@link BlockWorkload} with its id: `bert-block-<tokens>-<format>` for an encoder block,
 * `llama-step-kv<past>-<format>` for a decoder step.
 *
 * @example
 * ```ts
 * console.log(blockWorkload(TINYLLAMA_STEP, 'f32').id); // 'llama-step-kv128-f32'
 * ```
 */
export function blockWorkload(block: BlockShape, weights: WeightFormat): BlockWorkload {
  const id = block.family === 'bert' ? `bert-block-${block.tokens}-${weights}` : `llama-step-kv${block.past}-${weights}`;
  return { kind: 'block', id, block, weights };
}

/**
 * A short human label: `GEMV 1×4096×4096 f32`, `MNIST MLP batch 256 int8`, `BERT-base block 128 tokens int8`.
 *
 * @example
 * ```ts
 * console.log(workloadLabel(kernelWorkload(1, 4096, 4096, 'f32'))); // 'GEMV 1×4096×4096 f32'
 * ```
 */
export function workloadLabel(workload: Workload): string {
  if (workload.kind === 'mnist') return `MNIST MLP batch ${workload.batch} ${workload.weights}`;
  if (workload.kind === 'block') {
    const { block } = workload;
    return block.family === 'bert' ? `BERT-base block ${block.tokens} tokens ${workload.weights}` : `LLaMA step KV ${block.past} ${workload.weights}`;
  }
  return `${workload.m === 1 ? 'GEMV' : 'GEMM'} ${workload.m}×${workload.k}×${workload.n} ${workload.weights}`;
}

/**
 * The kernel shapes `[m, k, n]` of the full suite: square and wide GEMVs, the layers of a
 * BERT-base MLP (768 → 3072) for one token and for a 128-token prompt, a LLaMA-7B MLP
 * projection (4096 → 11008) for one token, and two GEMMs.
 */
const FULL_KERNEL_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 4096, 4096],
  [1, 1024, 4096],
  [1, 768, 3072],
  [1, 4096, 11008],
  [64, 1024, 1024],
  [128, 768, 3072],
  [256, 4096, 1024],
];

/** The kernel shapes of `--quick`: one GEMV and one small GEMM. */
const QUICK_KERNEL_SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1024, 4096],
  [64, 1024, 1024],
];

/**
 * The workloads of a run, kernels first: every shape in both weight formats, then the MNIST
 * MLP at batch 1 and 256 (batch 1 only with `quick`), then (not with `quick`) the
 * transformer blocks of issue #19: a BERT-base encoder block on 128 tokens and a
 * TinyLlama-1.1B decoder step with a KV cache of 128.
 *
 * @example
 * ```ts
 * console.log(suiteWorkloads(false).length); // 22
 * ```
 */
export function suiteWorkloads(quick: boolean): Workload[] {
  const shapes = quick ? QUICK_KERNEL_SHAPES : FULL_KERNEL_SHAPES;
  const kernels = shapes.flatMap(([m, k, n]) => WEIGHT_FORMATS.map((format) => kernelWorkload(m, k, n, format)));
  const batches = quick ? [1] : [1, 256];
  const mlps = batches.flatMap((batch) => WEIGHT_FORMATS.map((format) => mnistWorkload(batch, format)));
  const blocks = quick ? [] : [BERT_BASE_BLOCK, TINYLLAMA_STEP].flatMap((block) => WEIGHT_FORMATS.map((format) => blockWorkload(block, format)));
  return [...kernels, ...mlps, ...blocks];
}
