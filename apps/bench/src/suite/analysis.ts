import type { CaseResult, ConfigSummary, Headline, WorkloadSummary } from '../report/results-schema.js';
import { fastest, ratio, speedup } from '../stats/ratios.js';

/**
 * The largest relative difference from the oracle (over the largest |oracle| value) a
 * configuration may show and still count as doing the same arithmetic: float32
 * accumulation over a few thousand terms stays far below it, while int8 activations (ONNX
 * Runtime's default for weight-only int8) land well above it.
 *
 * @example
 * ```ts
 * console.log(EXACT_RELATIVE_TOLERANCE); // 0.0001
 * ```
 */
export const EXACT_RELATIVE_TOLERANCE = 1e-4;

/**
 * Fills in each workload's fastest peer (and fastest peer within
 * {@link EXACT_RELATIVE_TOLERANCE}), each case's ratios to them, one headline per workload
 * (the fastest qaxon configuration against the fastest peer) and, per shape, one headline
 * of the fastest qaxon configuration on int8 weights against the fastest peer on float32
 * weights. Ratios are taken pair by pair from medians measured in the same run.
 *
 * @example
 * ```ts
 * const { workloads, cases, headlines } = analyse(workloadsIn, configs, casesIn);
 * console.log(headlines[0]?.speedup);
 * ```
 */
export function analyse(
  workloadsIn: readonly WorkloadSummary[],
  configs: readonly ConfigSummary[],
  casesIn: readonly CaseResult[],
): { workloads: WorkloadSummary[]; cases: CaseResult[]; headlines: Headline[]; int8VsF32Headlines: Headline[] } {
  const peer = new Set(configs.filter((config) => config.peer).map((config) => config.id));
  const median = (entry: CaseResult) => entry.timing?.medianMs;
  const exact = (entry: CaseResult) => entry.accuracy !== undefined && entry.accuracy.maxRelDiff <= EXACT_RELATIVE_TOLERANCE;
  const headlines: Headline[] = [];
  const cases: CaseResult[] = [];
  const workloads = workloadsIn.map((workload) => {
    const own = casesIn.filter((entry) => entry.workload === workload.id);
    const ok = own.filter((entry) => entry.status === 'ok' && (entry.timing?.medianMs ?? 0) > 0);
    const fastestPeer = fastest(ok, median, (entry) => peer.has(entry.config));
    const fastestExactPeer = fastest(ok, median, (entry) => peer.has(entry.config) && exact(entry));
    for (const entry of own) {
      if (entry.status !== 'ok' || entry.timing === undefined || entry.memory === undefined || fastestPeer === undefined) {
        cases.push(entry);
        continue;
      }
      const ratios: NonNullable<CaseResult['ratios']> = {
        speedupVsFastestPeer: speedup(fastestPeer.timing!.medianMs, entry.timing.medianMs),
        ...(fastestExactPeer === undefined ? {} : { speedupVsFastestExactPeer: speedup(fastestExactPeer.timing!.medianMs, entry.timing.medianMs) }),
        ...(fastestPeer.memory!.weightBytes > 0 ? { weightBytesVsFastestPeer: ratio(fastestPeer.memory!.weightBytes, entry.memory.weightBytes) } : {}),
        ...(fastestPeer.memory!.peakRssBytes > 0 ? { peakRssVsFastestPeer: ratio(fastestPeer.memory!.peakRssBytes, entry.memory.peakRssBytes) } : {}),
      };
      cases.push({ ...entry, ratios });
    }
    const bestQaxon = fastest(ok, median, (entry) => !peer.has(entry.config));
    if (bestQaxon !== undefined && fastestPeer !== undefined) headlines.push(headlineOf(workload.id, bestQaxon, fastestPeer, undefined, fastestExactPeer));
    return {
      ...workload,
      ...(fastestPeer === undefined ? {} : { fastestPeer: fastestPeer.config }),
      ...(fastestExactPeer === undefined ? {} : { fastestExactPeer: fastestExactPeer.config }),
    };
  });
  const int8VsF32Headlines: Headline[] = [];
  for (const workload of workloads) {
    if (workload.weights !== 'int8') continue;
    const float = workloads.find((candidate) => candidate.group === workload.group && candidate.weights === 'f32');
    const find = (workloadId: string | undefined, configId: string | undefined) =>
      cases.find((entry) => entry.workload === workloadId && entry.config === configId && entry.status === 'ok');
    const bestQaxon = fastest(
      cases.filter((entry) => entry.workload === workload.id && entry.status === 'ok' && !peer.has(entry.config)),
      median,
    );
    const floatPeer = find(float?.id, float?.fastestPeer);
    const exactFloatPeer = find(float?.id, float?.fastestExactPeer);
    if (bestQaxon !== undefined && floatPeer !== undefined) int8VsF32Headlines.push(headlineOf(workload.id, bestQaxon, floatPeer, float!.id, exactFloatPeer));
  }
  return { workloads, cases, headlines, int8VsF32Headlines };
}

function headlineOf(workload: string, qaxon: CaseResult, peer: CaseResult, peerWorkload?: string, exactPeer?: CaseResult): Headline {
  return {
    workload,
    qaxon: qaxon.config,
    peer: peer.config,
    ...(peerWorkload === undefined ? {} : { peerWorkload }),
    ...(exactPeer === undefined ? {} : { exactPeer: exactPeer.config, speedupVsExactPeer: speedup(exactPeer.timing!.medianMs, qaxon.timing!.medianMs) }),
    speedup: speedup(peer.timing!.medianMs, qaxon.timing!.medianMs),
    weightBytesRatio: peer.memory!.weightBytes > 0 ? ratio(peer.memory!.weightBytes, qaxon.memory!.weightBytes) : 0,
    peakRssRatio: peer.memory!.peakRssBytes > 0 ? ratio(peer.memory!.peakRssBytes, qaxon.memory!.peakRssBytes) : 0,
    maxRelDiff: qaxon.accuracy?.maxRelDiff ?? 0,
  };
}
