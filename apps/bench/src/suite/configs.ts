import type { QaxonBackendChoice } from '../runners/qaxon-runner.js';
import type { OrtRunnerOptions } from '../runners/ort-runner.js';
import type { TfjsBackendName } from '../runners/tfjs-runner.js';
import type { WeightFormat } from '../workloads/workloads.js';

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
);

const BOTH: readonly WeightFormat[] = Object.freeze(['f32', 'int8']);

/**
 * Every configuration of a run on a machine with `threads` logical processors: qaxon's
 * reference backend, gpu.js modes `webasm`, `cpu` and `headlessgl` (skipped with a reason
 * where no display or `gl` module exists), the WebAssembly SIMD backend on 1 and `threads`
 * threads; TF.js `cpu` and `wasm`; ONNX Runtime single-threaded and default-threaded, and
 * for int8 also with float32 activations (accuracy level 1, the same arithmetic as qaxon).
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
  configs.push(
    { id: 'tfjs-cpu', library: 'tfjs', label: 'TF.js cpu', peer: true, formats: BOTH, tfjs: 'cpu' },
    { id: 'tfjs-wasm', library: 'tfjs', label: 'TF.js wasm', peer: true, formats: BOTH, tfjs: 'wasm' },
    { id: 'ort-1t', library: 'ort', label: 'ORT 1 thread', peer: true, formats: BOTH, ort: { threads: 1, int8Accumulation: 'default' } },
    { id: 'ort-default', library: 'ort', label: 'ORT default threads', peer: true, formats: BOTH, ort: { threads: 'default', int8Accumulation: 'default' } },
    { id: 'ort-1t-f32act', label: 'ORT 1 thread, f32 activations', library: 'ort', peer: true, formats: ['int8'], ort: { threads: 1, int8Accumulation: 'float' } },
    { id: 'ort-default-f32act', label: 'ORT default threads, f32 activations', library: 'ort', peer: true, formats: ['int8'], ort: { threads: 'default', int8Accumulation: 'float' } },
  );
  return configs;
}
