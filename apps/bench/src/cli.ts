#!/usr/bin/env node
/**
 * `pnpm bench` in apps/bench: measures qaxon's backends against TensorFlow.js (cpu, wasm) and
 * ONNX Runtime on GEMV/GEMM kernels (f32 and weight-only int8) and the MNIST MLP, and writes
 * `docs/benchmarks/results.json`, `results.md` and `peers-*.svg` (`--quick`: a smaller
 * suite, written to `apps/bench/out/` unless `--out` says otherwise).
 *
 * @packageDocumentation
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_PACKAGE_DIR, RESULTS_DIR } from './paths.js';
import { resultCharts } from './report/charts.js';
import { markdownReport } from './report/markdown-report.js';
import { validateBenchResults, type BenchResults, type Headline, type PeerComparison } from './report/results-schema.js';
import { analyse } from './suite/analysis.js';
import { formatRatio } from './report/format.js';
import { runSuite } from './suite/run-suite.js';

const USAGE = `Usage: pnpm --filter qaxon-bench bench [options]

Options:
  --quick              a smaller suite (one GEMV, one GEMM, MNIST batch 1; fewer runs), under a minute
  --out <dir>          where to write results.json, results.md and the charts
                       (default docs/benchmarks, or apps/bench/out with --quick)
  --only <regex>       only configurations whose id matches (e.g. 'qaxon-wasm|ort')
  --workloads <regex>  only workloads whose id matches (e.g. 'gemv')
  --note <text>        a note about the machine, recorded with the results
  --render             measure nothing: recompute ratios and headlines from the measurements in
                       <out>/results.json, and rewrite it, results.md and the charts
  --help               this text`;

interface Command {
  quick: boolean;
  out: string | undefined;
  only: RegExp | undefined;
  workloads: RegExp | undefined;
  note: string;
  render: boolean;
}

function parseArguments(argv: readonly string[]): Command | 'help' {
  const command: Command = { quick: false, out: undefined, only: undefined, workloads: undefined, note: '', render: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`bench: expected a value after ${flag}, got nothing`);
      return next;
    };
    switch (flag) {
      case '--quick':
        command.quick = true;
        break;
      case '--out':
        command.out = value();
        break;
      case '--only':
        command.only = new RegExp(value());
        break;
      case '--workloads':
        command.workloads = new RegExp(value());
        break;
      case '--note':
        command.note = value();
        break;
      case '--render':
        command.render = true;
        break;
      case '--help':
      case '-h':
        return 'help';
      default:
        throw new Error(`bench: unknown option '${flag}'\n\n${USAGE}`);
    }
  }
  return command;
}

/** The results with ratios, fastest peers and headlines computed again from the measurements. */
function reanalyse(results: BenchResults): BenchResults {
  const workloads = results.workloads.map(
    ({ fastestPeer: _peer, fastestExactPeer: _exact, fastestBrowserPeer: _browser, fastestExactBrowserPeer: _exactBrowser, ...workload }) => workload,
  );
  const cases = results.cases.map(({ ratios: _ratios, ...entry }) => entry);
  const analysed = analyse(workloads, results.configs, cases);
  return { ...results, workloads: analysed.workloads, cases: analysed.cases, headlines: analysed.headlines, int8VsF32Headlines: analysed.int8VsF32Headlines };
}

const command = parseArguments(process.argv.slice(2));
if (command === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const out = command.out ?? (command.quick ? join(BENCH_PACKAGE_DIR, 'out') : RESULTS_DIR);
const results = validateBenchResults(
  command.render
    ? reanalyse(validateBenchResults(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))))
    : await runSuite({
    quick: command.quick,
    machineNote: command.note || process.env.QAXON_BENCH_NOTE || '',
    ...(command.only === undefined ? {} : { onlyConfigs: command.only }),
    ...(command.workloads === undefined ? {} : { onlyWorkloads: command.workloads }),
    log: (line) => console.log(line),
  }),
);
mkdirSync(out, { recursive: true });
for (const file of readdirSync(out)) if (/^peers-.*\.svg$/.test(file)) rmSync(join(out, file));
const charts = resultCharts(results);
for (const { file, svg } of charts) writeFileSync(join(out, file), svg);
writeFileSync(join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(out, 'results.md'),
  markdownReport(results, (group) => charts.filter((chart) => chart.group === group).map((chart) => chart.file)),
);
const printHeadline = (headline: Headline) => {
  const against = (comparison: PeerComparison | undefined) =>
    comparison === undefined ? ''.padEnd(50) : `${comparison.peer.padEnd(20)} speed ${formatRatio(comparison.speedup).padStart(7)}  weights ${formatRatio(comparison.weightBytesRatio).padStart(7)}`;
  console.log(`  ${headline.workload.padEnd(24)} ${headline.qaxon.padEnd(16)} vs browser ${against(headline.browser)}  | vs native ${against(headline.native)}`);
};
console.log('\nHeadlines (fastest qaxon vs the fastest browser peer, and vs the fastest native peer):');
for (const headline of results.headlines) printHeadline(headline);
console.log('\nint8 qaxon vs the fastest float32 peers (same shape):');
for (const headline of results.int8VsF32Headlines) printHeadline(headline);
console.log(command.render ? `\nRecomputed ${out}/results.json, redrew results.md and ${charts.length} charts from results.json.` : `\nWrote ${out}/results.json, results.md and ${charts.length} charts in ${results.durationSeconds} s.`);
