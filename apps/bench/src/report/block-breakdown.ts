import { BLOCK_ONNX_OPERATORS } from '../onnx/block-graphs.js';
import { DENSE_OPS } from '../runners/op-breakdown.js';
import { formatMs } from './format.js';
import type { BenchResults } from './results-schema.js';

/**
 * The "Where a transformer block's time goes" section of the results page: for each qaxon
 * case with a per-op breakdown, one table row per op (kernel calls and time per block call,
 * share of the call) plus the time outside every timed kernel and transfer, the ops that
 * ran on the reference backend, and the non-dense share issue #19 bounds; then the ONNX
 * operators the onnxruntime side runs. Empty when no case has a breakdown.
 *
 * @example
 * ```ts
 * const lines = blockBreakdownSection(results);
 * console.log(lines[1]); // "## Where a transformer block's time goes" (or undefined)
 * ```
 */
export function blockBreakdownSection(results: BenchResults): string[] {
  const cases = results.cases.filter((entry) => entry.opBreakdown !== undefined);
  if (cases.length === 0) return [];
  const label = (id: string) => results.configs.find((config) => config.id === id)?.label ?? id;
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    '',
    "## Where a transformer block's time goes",
    '',
    `Per-op time of qaxon's blocks, measured after the timed calls by wrapping the backend's kernels, \`upload\` and \`download\` in a timer and summing per op name (means per block call). Dense layers are ${DENSE_OPS.map((op) => `\`${op}\``).join(' and ')}; everything else, including the executor and ops that ran on the reference backend, is the non-dense share.`,
  ];
  for (const entry of cases) {
    const breakdown = entry.opBreakdown!;
    const outside = breakdown.callMs - breakdown.ops.reduce((sum, op) => sum + op.ms, 0);
    lines.push(
      '',
      `**${label(entry.config)} on \`${entry.workload}\`**: ${formatMs(breakdown.callMs)} per call over ${breakdown.calls} calls, non-dense share **${percent(breakdown.nonDenseShare)}**${
        breakdown.fallbacks === undefined ? '' : `; on the reference backend: ${breakdown.fallbacks.map((op) => `\`${op}\``).join(', ')}`
      }.`,
      '',
      '| op | calls per block | time per block | share |',
      '| --- | ---: | ---: | ---: |',
      ...breakdown.ops.map((op) => `| \`${op.op}\` | ${op.calls} | ${formatMs(op.ms)} | ${percent(op.ms / breakdown.callMs)} |`),
      `| outside timed kernels and transfers | – | ${formatMs(Math.max(0, outside))} | ${percent(Math.max(0, outside) / breakdown.callMs)} |`,
    );
  }
  lines.push('', `The onnxruntime side runs each block as an ONNX graph: BERT: ${BLOCK_ONNX_OPERATORS.bert}. LLaMA: ${BLOCK_ONNX_OPERATORS.llama}.`);
  return lines;
}
