import { formatBytes, formatMs } from './format.js';
import type { BenchResults } from './results-schema.js';
import { measuredCase, ratioAgainstLimit, timeRatio, type MeasuredSide } from './target-ratio.js';

/**
 * A target that an open issue sets for a feature qaxon does not have yet: `contender` (the
 * qaxon configuration and workload ids the feature is to be measured under) against
 * `yardstick`, compared on median time (`measure: 'time'`) or on weight bytes, met when the
 * ratio is at most `limit`. A target this bench cannot measure as a ratio of two cases (a
 * share of a block's time, tokens per second of a pretrained model) has no contender: a
 * share of a block's time names the cases whose per-op breakdown gives it (`breakdownOf`),
 * anything else says what is missing in `needs`.
 *
 * To fill a row in, a later change adds the contender's configuration (or workload) to the
 * bench under the ids given here; nothing in this file changes.
 *
 * @example
 * ```ts
 * const target: IssueTarget = {
 *   issue: 21,
 *   target: 'GEMM 128×768×3072, dynamic int8 activations, 1 thread, against onnxruntime-web q8',
 *   measure: 'time',
 *   limit: 1,
 *   contender: { config: 'qaxon-wasm-w8a8-1t', workload: 'gemm-128x768x3072-int8' },
 *   yardstick: { config: 'ort-web-q8-1t', workload: 'gemm-128x768x3072-int8' },
 * };
 * ```
 */
export interface IssueTarget {
  readonly issue: number;
  readonly target: string;
  readonly measure: 'time' | 'weight bytes';
  readonly limit: number;
  readonly contender?: MeasuredSide;
  readonly yardstick?: MeasuredSide;
  /** For a target that is not a ratio of two cases: what the bench needs to measure it. */
  readonly needs?: string;
  /**
   * For a share of a block's time: the cases whose per-op breakdown (`opBreakdown` of a
   * case) gives it; the ratio is the largest non-dense share among them.
   */
  readonly breakdownOf?: readonly MeasuredSide[];
  /** The limit in words where it is not a ratio (`at least 8 tokens/s`). */
  readonly limitText?: string;
}

/** The contender of issue #25's GEMV targets: qaxon's future s4 weights on the LLaMA-7B MLP projection. */
const S4_LLAMA_MLP: MeasuredSide = { config: 'qaxon-wasm-s4-1t', workload: 'gemv-1x4096x11008-int8' };

/**
 * The speed and memory targets of the open issues #21 (dynamic int8 activations), #25 (int4
 * weights) and #19 (transformer blocks), as their "Done when" sections state them. The
 * contender ids are the names the bench is to give those features: `qaxon-wasm-w8a8-1t`
 * (int8 weights and int8 activations, on the int8 workloads), `qaxon-wasm-s4-1t` (4-bit
 * weights re-quantized from the int8 workload's weights, as the onnxruntime-web `q4` graph
 * holds them), and block workloads `bert-block-128-*` and `llama-step-kv128-*`.
 *
 * @example
 * ```ts
 * console.log(OPEN_ISSUE_TARGETS.filter((target) => target.issue === 25).length); // 4
 * ```
 */
export const OPEN_ISSUE_TARGETS: readonly IssueTarget[] = [
  {
    issue: 21,
    target: 'GEMM 128×768×3072 with dynamic int8 activations, 1 thread, against onnxruntime-web q8 (DynamicQuantizeLinear + MatMulInteger) on the same int8 weights',
    measure: 'time',
    limit: 1,
    contender: { config: 'qaxon-wasm-w8a8-1t', workload: 'gemm-128x768x3072-int8' },
    yardstick: { config: 'ort-web-q8-1t', workload: 'gemm-128x768x3072-int8' },
  },
  {
    issue: 21,
    target: "GEMV 1×4096×4096 with dynamic int8 activations, 1 thread, against qaxon's weight-only int8",
    measure: 'time',
    limit: 1,
    contender: { config: 'qaxon-wasm-w8a8-1t', workload: 'gemv-1x4096x4096-int8' },
    yardstick: { config: 'qaxon-wasm-1t', workload: 'gemv-1x4096x4096-int8' },
  },
  {
    issue: 25,
    target: "GEMV 1×4096×11008 with s4 weights, 1 thread, against qaxon's s8",
    measure: 'time',
    limit: 0.8,
    contender: S4_LLAMA_MLP,
    yardstick: { config: 'qaxon-wasm-1t', workload: 'gemv-1x4096x11008-int8' },
  },
  {
    issue: 25,
    target: 'GEMV 1×4096×11008 with s4 weights, 1 thread, against onnxruntime-web q4 (MatMulNBits, 4 bits) on the same weights',
    measure: 'time',
    limit: 0.1,
    contender: S4_LLAMA_MLP,
    yardstick: { config: 'ort-web-q4-1t', workload: 'gemv-1x4096x11008-int8' },
  },
  {
    issue: 25,
    target: 'GEMV 1×4096×11008: bytes of the s4 state against the f32 weights',
    measure: 'weight bytes',
    limit: 0.16,
    contender: S4_LLAMA_MLP,
    yardstick: { config: 'qaxon-wasm-1t', workload: 'gemv-1x4096x11008-f32' },
  },
  {
    issue: 25,
    target: 'A TinyLlama-1.1B-shaped checkpoint quantized to s4 while loading decodes at least 8 tokens/s with 2 threads',
    measure: 'time',
    limit: 1,
    limitText: 'at least 8 tokens/s',
    needs: 'a pretrained-model workload (tokens per second, not a ratio of two cases)',
  },
  {
    issue: 19,
    target: "BERT-base encoder block (hidden 768, 12 heads, intermediate 3072, 128 tokens) with int8 dense weights, 1 thread, against onnxruntime-web's f32 block",
    measure: 'time',
    limit: 1,
    contender: { config: 'qaxon-wasm-1t', workload: 'bert-block-128-int8' },
    yardstick: { config: 'ort-web-1t', workload: 'bert-block-128-f32' },
  },
  {
    issue: 19,
    target: "LLaMA-shaped decoder step (one new token, KV cache of 128) with int8 dense weights, 1 thread, against onnxruntime-web's f32 step",
    measure: 'time',
    limit: 0.7,
    contender: { config: 'qaxon-wasm-1t', workload: 'llama-step-kv128-int8' },
    yardstick: { config: 'ort-web-1t', workload: 'llama-step-kv128-f32' },
  },
  {
    issue: 19,
    target: "In both blocks, everything except the dense layers takes at most 25% of the block's time",
    measure: 'time',
    limit: 0.25,
    limitText: "non-dense share ≤ 25% of the block's time",
    breakdownOf: [
      { config: 'qaxon-wasm-1t', workload: 'bert-block-128-int8' },
      { config: 'qaxon-wasm-1t', workload: 'llama-step-kv128-int8' },
    ],
  },
];

/**
 * One {@link IssueTarget} as checked on a run: its status, the ratio where both sides ran
 * (and how it was obtained), and the yardstick's own measurement where it ran (so the page
 * shows what a feature must beat even before it exists).
 *
 * @example
 * ```ts
 * const row: IssueTargetCheck = { target: OPEN_ISSUE_TARGETS[0]!, status: 'not implemented yet', yardstick: '15.2 ms' };
 * ```
 */
export interface IssueTargetCheck {
  readonly target: IssueTarget;
  readonly status: 'met' | 'missed' | 'not implemented yet' | 'not measured by this run';
  readonly yardstick?: string;
  readonly ratio?: string;
}

/**
 * Checks each of `targets` on `results`: `not implemented yet` where the contender's
 * configuration or workload is not part of the run (or the target needs a measurement the
 * bench does not make), `not measured by this run` where it is but a side did not run,
 * else met or missed with the ratio.
 *
 * @example
 * ```ts
 * for (const row of checkIssueTargets(results)) console.log(row.target.issue, row.status);
 * ```
 */
export function checkIssueTargets(results: BenchResults, targets: readonly IssueTarget[] = OPEN_ISSUE_TARGETS): IssueTargetCheck[] {
  return targets.map((target) => {
    if (target.breakdownOf !== undefined) return checkBreakdown(results, target, target.breakdownOf);
    const { contender, yardstick } = target;
    const measured = yardstick === undefined ? undefined : measuredCase(results, yardstick);
    const yardstickText =
      measured === undefined ? {} : { yardstick: target.measure === 'time' ? formatMs(measured.timing!.medianMs) : formatBytes(measured.memory!.weightBytes) };
    const known = contender !== undefined && results.configs.some((config) => config.id === contender.config) && results.workloads.some((workload) => workload.id === contender.workload);
    if (!known || yardstick === undefined) return { target, status: 'not implemented yet', ...yardstickText };
    const ratio = target.measure === 'time' ? timeRatio(results, contender, yardstick) : weightRatio(results, contender, yardstick);
    if (ratio === undefined) return { target, status: 'not measured by this run', ...yardstickText };
    return {
      target,
      status: ratio.value <= target.limit ? 'met' : 'missed',
      ...yardstickText,
      ratio: `${ratioAgainstLimit(ratio.value, target.limit)}×${ratio.how === undefined ? '' : ` (${ratio.how})`}`,
    };
  });
}

/**
 * A share-of-time target: the largest non-dense share among the breakdowns of `sides`, met
 * when it is at most the limit and every side was measured.
 */
function checkBreakdown(results: BenchResults, target: IssueTarget, sides: readonly MeasuredSide[]): IssueTargetCheck {
  const known = sides.some((side) => results.workloads.some((workload) => workload.id === side.workload) && results.configs.some((config) => config.id === side.config));
  if (!known) return { target, status: 'not implemented yet' };
  const shares = sides.map((side) => ({ side, share: measuredCase(results, side)?.opBreakdown?.nonDenseShare }));
  const measured = shares.filter((entry): entry is { side: MeasuredSide; share: number } => entry.share !== undefined);
  if (measured.length === 0) return { target, status: 'not measured by this run' };
  const worst = Math.max(...measured.map((entry) => entry.share));
  const ratio = `${measured.map((entry) => `${entry.side.workload} ${ratioAgainstLimit(entry.share, target.limit)}`).join(', ')} (per-op breakdown)`;
  if (measured.length < sides.length) return { target, status: 'not measured by this run', ratio };
  return { target, status: worst <= target.limit ? 'met' : 'missed', ratio };
}

function weightRatio(results: BenchResults, mine: MeasuredSide, theirs: MeasuredSide): { value: number; how?: string } | undefined {
  const [first, second] = [measuredCase(results, mine)?.memory, measuredCase(results, theirs)?.memory];
  return first === undefined || second === undefined || !(second.weightBytes > 0) ? undefined : { value: first.weightBytes / second.weightBytes };
}

/**
 * The "Targets of open issues" section of the results page: one table row per
 * {@link OPEN_ISSUE_TARGETS} entry with its limit, the yardstick's measurement in this run,
 * the ratio and its status.
 *
 * @example
 * ```ts
 * const lines = openIssueTargetsSection(results);
 * console.log(lines[1]); // '## Targets of open issues'
 * ```
 */
export function openIssueTargetsSection(results: BenchResults): string[] {
  const label = (id: string) => results.configs.find((config) => config.id === id)?.label ?? id;
  const rows = checkIssueTargets(results).map(({ target, status, yardstick, ratio }) => {
    const against = target.yardstick === undefined ? '–' : `${label(target.yardstick.config)} on \`${target.yardstick.workload}\`${yardstick === undefined ? ' (not measured)' : `: ${yardstick}`}`;
    const contender =
      target.breakdownOf !== undefined
        ? `per-op breakdown of ${target.breakdownOf.map((side) => `${label(side.config)} on \`${side.workload}\``).join(' and ')}`
        : target.contender === undefined
          ? `needs ${target.needs ?? 'a measurement this bench does not make'}`
          : `${label(target.contender.config)} on \`${target.contender.workload}\``;
    return `| #${target.issue} | ${target.target} | ${target.limitText ?? `${target.measure} ≤ ${target.limit}×`} | ${contender} | ${against} | ${ratio ?? '–'} | ${status === 'met' ? 'met' : status === 'missed' ? '**missed**' : status} |`;
  });
  return [
    '',
    '## Targets of open issues',
    '',
    "The targets that open issues set for features qaxon does not have yet, checked on this run: the ratio is qaxon's value over the yardstick's, met when at most the limit. A feature that does not exist yet shows as *not implemented yet*, with the yardstick's own measurement where this run made it; once the bench measures the contender under the ids given, the row fills in.",
    '',
    '| issue | target | limit | qaxon (contender) | yardstick | ratio | status |',
    '| --- | --- | --- | --- | --- | ---: | --- |',
    ...rows,
  ];
}
