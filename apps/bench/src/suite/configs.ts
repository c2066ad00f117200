import type { QaxonBackendChoice } from '../runners/qaxon-runner.js';
import { INT8_GRAPHS, type Int8Graph } from '../onnx/int8-graphs.js';
import type { OrtRunnerOptions } from '../runners/ort-runner.js';
import type { OrtWebRunnerOptions } from '../runners/ort-web-runner.js';
import type { TfjsBackendName } from '../runners/tfjs-runner.js';
import type { WeightFormat, Workload } from '../workloads/workloads.js';

/**
 * One library configuration the bench measures: which library, set up how, for which
 * weight formats, and whether it is a peer (what a user would pick instead of qaxon).
 *
 * @example
 * ```ts
 * const config: BenchConfig = { id: 'tfjs-wasm', library: 'tfjs', label: 'TF.js wasm', peer: true, formats: ['f32', 'int8'], tfjs: 'wasm' };
 * ```
 */
export type BenchConfig = {
  readonly id: string;
  readonly label: string;
  readonly peer: boolean;
  readonly formats: readonly WeightFormat[];
} & (
  | { readonly library: 'qaxon'; readonly qaxon: QaxonBackendChoice }
  | { readonly library: 'tfjs'; readonly tfjs: TfjsBackendName }
  | { readonly library: 'ort'; readonly ort: OrtRunnerOptions }
  | { readonly library: 'ort-web'; readonly ortWeb: OrtWebRunnerOptions }
);

/**
 * Where a library runs: `browser` for JavaScript and WebAssembly (qaxon, TF.js cpu and
 * wasm, onnxruntime-web), `native` for a Node add-on (onnxruntime-node), which a web page
 * cannot use.
 *
 * @example
 * ```ts
 * console.log(platformOf('ort'), platformOf('ort-web')); // 'native' 'browser'
 * ```
 */
export function platformOf(library: BenchConfig['library']): 'browser' | 'native' {
  return library === 'ort' ? 'native' : 'browser';
}

/**
 * The int8 form of the ONNX model a configuration loads ({@link Int8Graph}), or undefined
 * for a library that does not load ONNX models.
 *
 * @example
 * ```ts
 * console.log(onnxGraphOf(benchConfigs(2).find((config) => config.id === 'ort-web-q4-1t')!)); // 'matmul-nbits-4'
 * ```
 */
export function onnxGraphOf(config: BenchConfig): Int8Graph | undefined {
  if (config.library === 'ort') return 'dequantize-linear';
  return config.library === 'ort-web' ? config.ortWeb.int8Graph : undefined;
}

/** The thread counts onnxruntime-web is measured with. */
const ORT_WEB_THREADS = [1, 2] as const;

/** Id part and label of each onnxruntime-web int8 graph (labels short enough for the charts' label column). */
const ORT_WEB_INT8_GRAPHS: Record<Int8Graph, { id: string; label: string }> = {
  'dequantize-linear': { id: 'dq', label: 'Dequantize+MatMul' },
  'matmul-integer': { id: 'q8', label: 'q8 MatMulInteger' },
  'matmul-nbits-8': { id: 'nbits8', label: 'MatMulNBits 8 bits' },
  'matmul-nbits-4': { id: 'q4', label: 'q4 MatMulNBits' },
};

/**
 * The id of the onnxruntime-web configuration on `threads` threads running `graph` (int8
 * weights), or f32 `MatMul` when `graph` is undefined: `ort-web-2t`, `ort-web-q8-1t`.
 *
 * @example
 * ```ts
 * console.log(ortWebConfigId(1, 'matmul-integer'), ortWebConfigId(2)); // 'ort-web-q8-1t' 'ort-web-2t'
 * ```
 */
export function ortWebConfigId(threads: number, graph?: Int8Graph): string {
  return `ort-web-${graph === undefined ? '' : `${ORT_WEB_INT8_GRAPHS[graph].id}-`}${threads}t`;
}

function ortWebConfigs(): BenchConfig[] {
  return ORT_WEB_THREADS.flatMap((threads) => {
    const threadLabel = `${threads} thread${threads === 1 ? '' : 's'}`;
    const f32: BenchConfig = {
      id: ortWebConfigId(threads),
      library: 'ort-web',
      label: `ORT-web ${threadLabel}`,
      peer: true,
      formats: ['f32'],
      ortWeb: { threads, int8Graph: 'dequantize-linear' },
    };
    const int8 = INT8_GRAPHS.map(
      (graph): BenchConfig => ({
        id: ortWebConfigId(threads, graph),
        library: 'ort-web',
        label: `ORT-web ${threadLabel}, ${ORT_WEB_INT8_GRAPHS[graph].label}`,
        peer: true,
        formats: ['int8'],
        ortWeb: { threads, int8Graph: graph },
      }),
    );
    return [f32, ...int8];
  });
}

const BOTH: readonly WeightFormat[] = Object.freeze(['f32', 'int8']);

/**
 * Every configuration of a run on a machine with `threads` logical processors: qaxon's
 * reference backend, gpu.js modes `webasm`, `cpu` and `headlessgl` (skipped with a reason
 * where no display or `gl` module exists), the WebAssembly SIMD backend on 1 and `threads`
 * threads; TF.js `cpu` and `wasm`; ONNX Runtime for Node single-threaded and
 * default-threaded, and for int8 also with float32 activations (accuracy level 1, the same
 * arithmetic as qaxon); onnxruntime-web on 1 and 2 threads, f32 `MatMul` on float32 weights
 * and each {@link INT8_GRAPHS} form on int8 weights.
 *
 * @example
 * ```ts
 * console.log(benchConfigs(2).map((config) => config.id).includes('qaxon-wasm-2t')); // true
 * ```
 */
export function benchConfigs(threads: number): BenchConfig[] {
  const configs: BenchConfig[] = [
    { id: 'qaxon-reference', library: 'qaxon', label: 'qaxon reference', peer: false, formats: BOTH, qaxon: { kind: 'reference' } },
    { id: 'qaxon-gpu-webasm', library: 'qaxon', label: 'qaxon gpu.js webasm', peer: false, formats: BOTH, qaxon: { kind: 'gpu', mode: 'webasm' } },
    { id: 'qaxon-gpu-cpu', library: 'qaxon', label: 'qaxon gpu.js cpu', peer: false, formats: BOTH, qaxon: { kind: 'gpu', mode: 'cpu' } },
    { id: 'qaxon-gpu-headlessgl', library: 'qaxon', label: 'qaxon gpu.js headlessgl', peer: false, formats: BOTH, qaxon: { kind: 'gpu', mode: 'headlessgl' } },
    { id: 'qaxon-wasm-1t', library: 'qaxon', label: 'qaxon wasm SIMD 1 thread', peer: false, formats: BOTH, qaxon: { kind: 'wasm', threads: 1 } },
  ];
  if (threads > 1) {
    configs.push({ id: `qaxon-wasm-${threads}t`, library: 'qaxon', label: `qaxon wasm SIMD ${threads} threads`, peer: false, formats: BOTH, qaxon: { kind: 'wasm', threads } });
  }
  configs.push(...s4Configs(threads));
  configs.push(...w8a8Configs(threads));
  configs.push(
    { id: 'tfjs-cpu', library: 'tfjs', label: 'TF.js cpu', peer: true, formats: BOTH, tfjs: 'cpu' },
    { id: 'tfjs-wasm', library: 'tfjs', label: 'TF.js wasm', peer: true, formats: BOTH, tfjs: 'wasm' },
    { id: 'ort-1t', library: 'ort', label: 'ORT 1 thread', peer: true, formats: BOTH, ort: { threads: 1, int8Accumulation: 'default' } },
    { id: 'ort-default', library: 'ort', label: 'ORT default threads', peer: true, formats: BOTH, ort: { threads: 'default', int8Accumulation: 'default' } },
    { id: 'ort-1t-f32act', label: 'ORT 1 thread, f32 activations', library: 'ort', peer: true, formats: ['int8'], ort: { threads: 1, int8Accumulation: 'float' } },
    { id: 'ort-default-f32act', label: 'ORT default threads, f32 activations', library: 'ort', peer: true, formats: ['int8'], ort: { threads: 'default', int8Accumulation: 'float' } },
    ...ortWebConfigs(),
  );
  return configs;
}

/**
 * Whether `config` runs `workload`: every configuration runs kernels and the MNIST MLP;
 * transformer blocks run on qaxon's WebAssembly SIMD backend (the backend issue #19's
 * targets are set for) and on ONNX Runtime (node and web), which load the block as an ONNX
 * graph. TF.js has no such graph here, and qaxon's reference and gpu.js backends would
 * take minutes per block.
 *
 * @example
 * ```ts
 * const [tfjs] = benchConfigs(2).filter((config) => config.id === 'tfjs-wasm');
 * console.log(runsWorkload(tfjs!, blockWorkload(BERT_BASE_BLOCK, 'f32'))); // false
 * ```
 */
export function runsWorkload(config: BenchConfig, workload: Workload): boolean {
  if (!config.formats.includes(workload.weights)) return false;
  if (isS4Config(config)) return workload.kind === 'kernel';
  if (isW8A8Config(config)) return workload.kind === 'kernel';
  if (workload.kind !== 'block') return true;
  return config.library === 'ort' || config.library === 'ort-web' || (config.library === 'qaxon' && config.qaxon.kind === 'wasm');
}

/**
 * The s4 configurations of issue #25: the WebAssembly SIMD backend on 1 thread
 * (`qaxon-wasm-s4-1t`) and, where the machine has two threads, on 2 (`qaxon-wasm-s4-2t`),
 * with each int8 kernel workload's weights re-quantized to 4 bits in blocks of 32 — the
 * weights of onnxruntime-web's `q4` graph (see `runners/s4-kernel.ts`).
 *
 * @example
 * ```ts
 * console.log(s4Configs(2).map((config) => config.id)); // ['qaxon-wasm-s4-1t', 'qaxon-wasm-s4-2t']
 * ```
 */
export function s4Configs(threads: number): BenchConfig[] {
  return [1, 2]
    .filter((count) => count <= Math.max(1, threads))
    .map((count) => ({
      id: `qaxon-wasm-s4-${count}t`,
      library: 'qaxon',
      label: `qaxon wasm SIMD s4 ${count} thread${count === 1 ? '' : 's'}`,
      peer: false,
      formats: ['int8'],
      qaxon: { kind: 'wasm', threads: count, weights: 's4' },
    }));
}

/**
 * True for a configuration that re-quantizes int8 weights to s4 ({@link s4Configs}).
 *
 * @example
 * ```ts
 * console.log(isS4Config(s4Configs(1)[0]!)); // true
 * ```
 */
export function isS4Config(config: BenchConfig): boolean {
  return config.library === 'qaxon' && config.qaxon.kind === 'wasm' && config.qaxon.weights === 's4';
}

/**
 * The graph whose weights (so whose oracle) a configuration's outputs are checked
 * against: {@link onnxGraphOf}, and for the s4 configurations the `q4` graph's weights,
 * which they hold.
 *
 * @example
 * ```ts
 * console.log(oracleGraphOf(s4Configs(1)[0]!)); // 'matmul-nbits-4'
 * ```
 */
export function oracleGraphOf(config: BenchConfig): Int8Graph | undefined {
  return isS4Config(config) ? 'matmul-nbits-4' : onnxGraphOf(config);
}

/**
 * The W8A8 configurations of issue #21: the WebAssembly SIMD backend with int8 activations
 * quantized per row at run time (`dynamicQuantizedDense`) on the int8 kernel workloads'
 * weights, on 1 thread (`qaxon-wasm-w8a8-1t`) and, where the machine has two threads, on 2.
 *
 * @example
 * ```ts
 * console.log(w8a8Configs(2).map((config) => config.id)); // ['qaxon-wasm-w8a8-1t', 'qaxon-wasm-w8a8-2t']
 * ```
 */
export function w8a8Configs(threads: number): BenchConfig[] {
  return [1, 2]
    .filter((count) => count <= Math.max(1, threads))
    .map((count) => ({
      id: `qaxon-wasm-w8a8-${count}t`,
      library: 'qaxon',
      label: `qaxon wasm SIMD W8A8 ${count} thread${count === 1 ? '' : 's'}`,
      peer: false,
      formats: ['int8'],
      qaxon: { kind: 'wasm', threads: count, activations: 'int8' },
    }));
}

/**
 * True for a configuration that quantizes activations to int8 ({@link w8a8Configs}).
 *
 * @example
 * ```ts
 * console.log(isW8A8Config(w8a8Configs(1)[0]!)); // true
 * ```
 */
export function isW8A8Config(config: BenchConfig): boolean {
  return config.library === 'qaxon' && config.qaxon.kind === 'wasm' && config.qaxon.activations === 'int8';
}
