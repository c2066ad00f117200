import { formatDifference, formatMs, formatRatio } from './format.js';
import type { BenchResults, PairResult } from './results-schema.js';
import { measuredCase } from './target-ratio.js';

/** The onnxruntime-web graphs each qaxon int8 configuration is timed against in turns, by id prefix, as columns. */
const ORT_WEB_COLUMNS = [
  { prefix: 'ort-web-', title: 'ORT-web f32 MatMul', short: 'f32' },
  { prefix: 'ort-web-q8-', title: 'ORT-web q8 (MatMulInteger)', short: 'q8' },
  { prefix: 'ort-web-q4-', title: 'ORT-web q4 (MatMulNBits 4-bit)', short: 'q4' },
] as const;

/**
 * The section "qaxon int8 against onnxruntime-web, in turns" of the results page: for each
 * int8 workload and WebAssembly SIMD configuration, its speedup over onnxruntime-web's f32
 * `MatMul` (on the float32 weights), `q8` and `q4` graphs on the same number of threads,
 * each from the two timed in turns in one process (above 1×: qaxon faster), with the
 * largest relative difference from the oracle of each, so that a speedup is read beside
 * what each side computes. Empty when the run has no such pair.
 *
 * @example
 * ```ts
 * const lines = ortWebPairsSection(results);
 * ```
 */
export function ortWebPairsSection(results: BenchResults): string[] {
  const pairs = (results.pairs ?? []).filter((pair) => pair.second.config.startsWith('ort-web-'));
  if (pairs.length === 0) return [];
  const label = (id: string) => results.configs.find((config) => config.id === id)?.label ?? id;
  const workloadLabel = (id: string) => results.workloads.find((entry) => entry.id === id)?.label ?? id;
  const error = (config: string, workload: string) => measuredCase(results, { config, workload })?.accuracy?.maxRelDiff;
  const rows = new Map<string, PairResult[]>();
  for (const pair of pairs) {
    const key = `${pair.first.workload}\u0000${pair.first.config}`;
    rows.set(key, [...(rows.get(key) ?? []), pair]);
  }
  const lines = [
    '',
    '## qaxon int8 against onnxruntime-web, in turns',
    '',
    "Each WebAssembly SIMD configuration on int8 weights against onnxruntime-web on the same number of threads, each pair timed in turns in one process: its f32 `MatMul` on the float32 weights of the shape, and on the same int8 weights its `q8` graph (`DynamicQuantizeLinear` + `MatMulInteger`, what transformers.js `q8` models run: activations quantized to uint8 per call) and its `q4` graph (`MatMulNBits`, the weights quantized again to 4 bits in blocks of 32, what transformers.js `q4` models run). Cells: speedup of qaxon (above 1× = qaxon faster), qaxon's median and the peer's in that pair; max rel. Δ: each side's largest difference from the oracle of the weights it holds (f32: the float32 weights).",
    '',
    `| shape | qaxon, int8 | ${ORT_WEB_COLUMNS.map((column) => column.title).join(' | ')} | max rel. Δ: qaxon / ${ORT_WEB_COLUMNS.map((column) => column.short).join(' / ')} |`,
    `| --- | --- | ${ORT_WEB_COLUMNS.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const group of rows.values()) {
    const { workload, config } = group[0]!.first;
    const threads = /-(\d+t)$/.exec(config)?.[1] ?? '';
    const columns = ORT_WEB_COLUMNS.map((column) => group.find((pair) => pair.second.config === `${column.prefix}${threads}`));
    const cells = columns.map((pair) =>
      pair === undefined ? '–' : `${formatRatio(pair.second.medianMs / pair.first.medianMs)} (${formatMs(pair.first.medianMs)} vs ${formatMs(pair.second.medianMs)})`,
    );
    const errors = [error(config, workload), ...columns.map((pair) => (pair === undefined ? undefined : error(pair.second.config, pair.second.workload)))];
    lines.push(`| ${workloadLabel(workload).replace(/ int8$/, '')} | ${label(config)} | ${cells.join(' | ')} | ${errors.map(formatDifference).join(' / ')} |`);
  }
  return lines;
}
