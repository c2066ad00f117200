import type { CaseResult, ConfigSummary, Headline, PeerComparison, WorkloadSummary } from '../report/results-schema.js';
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
 * {@link EXACT_RELATIVE_TOLERANCE}), overall and among browser peers, each case's ratios to
 * them, one headline per workload (the fastest qaxon configuration against the fastest
 * browser peer and, apart, the fastest native peer) and, per shape, one headline of the
 * fastest qaxon configuration on int8 weights against the fastest peers on float32 weights.
 * Ratios are taken pair by pair from medians measured in the same run.
 *
 * @example
 * ```ts
 * const { workloads, cases, headlines } = analyse(workloadsIn, configs, casesIn);
 * console.log(headlines[0]?.browser?.speedup);
 * ```
 */
export function analyse(
  workloadsIn: readonly WorkloadSummary[],
  configs: readonly ConfigSummary[],
  casesIn: readonly CaseResult[],
): { workloads: WorkloadSummary[]; cases: CaseResult[]; headlines: Headline[]; int8VsF32Headlines: Headline[] } {
  const platform = new Map(configs.filter((config) => config.peer).map((config) => [config.id, config.platform]));
  const isPeer = (entry: CaseResult) => platform.has(entry.config);
  const median = (entry: CaseResult) => entry.timing?.medianMs;
  const exact = (entry: CaseResult) => entry.accuracy !== undefined && entry.accuracy.maxRelDiff <= EXACT_RELATIVE_TOLERANCE;
  const okCases = (cases: readonly CaseResult[], workload: string | undefined) =>
    cases.filter((entry) => entry.workload === workload && entry.status === 'ok' && (entry.timing?.medianMs ?? 0) > 0);
  /** The fastest peers of `ok` on `on` (any platform when undefined), and the fastest exact one. */
  const fastestPeers = (ok: readonly CaseResult[], on?: 'browser' | 'native') => {
    const include = (entry: CaseResult) => isPeer(entry) && (on === undefined || platform.get(entry.config) === on);
    return { peer: fastest(ok, median, include), exactPeer: fastest(ok, median, (entry) => include(entry) && exact(entry)) };
  };
  const headlines: Headline[] = [];
  const cases: CaseResult[] = [];
  const workloads = workloadsIn.map((workload) => {
    const own = casesIn.filter((entry) => entry.workload === workload.id);
    const ok = okCases(own, workload.id);
    const any = fastestPeers(ok);
    const browser = fastestPeers(ok, 'browser');
    for (const entry of own) {
      const fastestPeer = any.peer;
      if (entry.status !== 'ok' || entry.timing === undefined || entry.memory === undefined || fastestPeer === undefined) {
        cases.push(entry);
        continue;
      }
      const versus = (peer: CaseResult | undefined) => (peer === undefined ? undefined : speedup(peer.timing!.medianMs, entry.timing!.medianMs));
      const ratios: NonNullable<CaseResult['ratios']> = {
        speedupVsFastestPeer: versus(fastestPeer)!,
        ...(any.exactPeer === undefined ? {} : { speedupVsFastestExactPeer: versus(any.exactPeer)! }),
        ...(browser.peer === undefined ? {} : { speedupVsFastestBrowserPeer: versus(browser.peer)! }),
        ...(fastestPeer.memory!.weightBytes > 0 ? { weightBytesVsFastestPeer: ratio(fastestPeer.memory!.weightBytes, entry.memory.weightBytes) } : {}),
        ...(fastestPeer.memory!.peakRssBytes > 0 ? { peakRssVsFastestPeer: ratio(fastestPeer.memory!.peakRssBytes, entry.memory.peakRssBytes) } : {}),
      };
      cases.push({ ...entry, ratios });
    }
    const bestQaxon = fastest(ok, median, (entry) => !isPeer(entry));
    if (bestQaxon !== undefined && any.peer !== undefined) headlines.push(headlineOf(workload.id, bestQaxon, { browser, native: fastestPeers(ok, 'native') }));
    return {
      ...workload,
      ...(any.peer === undefined ? {} : { fastestPeer: any.peer.config }),
      ...(any.exactPeer === undefined ? {} : { fastestExactPeer: any.exactPeer.config }),
      ...(browser.peer === undefined ? {} : { fastestBrowserPeer: browser.peer.config }),
      ...(browser.exactPeer === undefined ? {} : { fastestExactBrowserPeer: browser.exactPeer.config }),
    };
  });
  const int8VsF32Headlines: Headline[] = [];
  for (const workload of workloads) {
    if (workload.weights !== 'int8') continue;
    const float = workloads.find((candidate) => candidate.group === workload.group && candidate.weights === 'f32');
    const bestQaxon = fastest(
      okCases(cases, workload.id).filter((entry) => !isPeer(entry)),
      median,
    );
    const floatCases = okCases(cases, float?.id);
    if (bestQaxon !== undefined && fastestPeers(floatCases).peer !== undefined) {
      int8VsF32Headlines.push(headlineOf(workload.id, bestQaxon, { browser: fastestPeers(floatCases, 'browser'), native: fastestPeers(floatCases, 'native') }, float!.id));
    }
  }
  return { workloads, cases, headlines, int8VsF32Headlines };
}

type FastestPeers = { peer: CaseResult | undefined; exactPeer: CaseResult | undefined };

function headlineOf(workload: string, qaxon: CaseResult, peers: { browser: FastestPeers; native: FastestPeers }, peerWorkload?: string): Headline {
  const comparison = ({ peer, exactPeer }: FastestPeers): PeerComparison | undefined =>
    peer === undefined
      ? undefined
      : {
          peer: peer.config,
          speedup: speedup(peer.timing!.medianMs, qaxon.timing!.medianMs),
          weightBytesRatio: peer.memory!.weightBytes > 0 ? ratio(peer.memory!.weightBytes, qaxon.memory!.weightBytes) : 0,
          peakRssRatio: peer.memory!.peakRssBytes > 0 ? ratio(peer.memory!.peakRssBytes, qaxon.memory!.peakRssBytes) : 0,
          ...(exactPeer === undefined ? {} : { exactPeer: exactPeer.config, speedupVsExactPeer: speedup(exactPeer.timing!.medianMs, qaxon.timing!.medianMs) }),
        };
  const browser = comparison(peers.browser);
  const native = comparison(peers.native);
  return {
    workload,
    qaxon: qaxon.config,
    ...(peerWorkload === undefined ? {} : { peerWorkload }),
    maxRelDiff: qaxon.accuracy?.maxRelDiff ?? 0,
    ...(browser === undefined ? {} : { browser }),
    ...(native === undefined ? {} : { native }),
  };
}
