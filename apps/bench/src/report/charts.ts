import type { BenchResults } from './results-schema.js';
import { barChartSvg, type BarChart } from './svg-bar-chart.js';
import { formatBytes } from './format.js';

/** Series colours: f32 and int8. */
const SERIES = [
  { name: 'f32 weights', color: '#4e79a7' },
  { name: 'int8 weights', color: '#f28e2b' },
] as const;

/**
 * The charts of a run: for every workload group (a shape, or the MNIST MLP at one batch
 * size), its median times, weight bytes and peak RSS per configuration, with f32 and int8
 * side by side. Returned as `{file, svg}`; file names start with `peers-`.
 *
 * @example
 * ```ts
 * for (const { file, svg } of resultCharts(results)) writeFileSync(`docs/benchmarks/${file}`, svg);
 * ```
 */
export function resultCharts(results: BenchResults): { group: string; file: string; svg: string }[] {
  const groups = [...new Set(results.workloads.filter((workload) => workload.skipped === undefined).map((workload) => workload.group))];
  const charts: { group: string; file: string; svg: string }[] = [];
  for (const group of groups) {
    const inGroup = results.workloads.filter((workload) => workload.group === group);
    const title = inGroup[0]!.label.replace(/ (f32|int8)$/, '');
    const valueOf = (configId: string, format: 'f32' | 'int8', read: (entry: (typeof results.cases)[number]) => number | undefined) => {
      const workload = inGroup.find((entry) => entry.weights === format);
      const entry = results.cases.find((candidate) => candidate.workload === workload?.id && candidate.config === configId && candidate.status === 'ok');
      return entry === undefined ? undefined : read(entry);
    };
    const configs = results.configs.filter((config) =>
      results.cases.some((entry) => entry.config === config.id && entry.status === 'ok' && inGroup.some((workload) => workload.id === entry.workload)),
    );
    const rows = (read: (entry: (typeof results.cases)[number]) => number | undefined) =>
      configs.map((config) => ({ label: config.label, highlight: !config.peer, values: SERIES.map((_, index) => valueOf(config.id, index === 0 ? 'f32' : 'int8', read)) }));
    const specs: { kind: string; chart: BarChart }[] = [
      {
        kind: 'time',
        chart: { title: `${title}: median time per call (shorter is better)`, axisLabel: 'milliseconds, log scale', series: SERIES, rows: rows((entry) => entry.timing?.medianMs), scale: 'log' },
      },
      {
        kind: 'weights',
        chart: {
          title: `${title}: bytes of weights held`,
          axisLabel: 'MiB',
          series: SERIES,
          rows: rows((entry) => (entry.memory === undefined ? undefined : entry.memory.weightBytes / 2 ** 20)),
          format: (value) => formatBytes(value * 2 ** 20),
        },
      },
      {
        kind: 'peak-rss',
        chart: {
          title: `${title}: peak RSS of the measuring process`,
          axisLabel: 'MiB',
          series: SERIES,
          rows: rows((entry) => (entry.memory === undefined ? undefined : entry.memory.peakRssBytes / 2 ** 20)),
          format: (value) => formatBytes(value * 2 ** 20),
        },
      },
    ];
    for (const { kind, chart } of specs) charts.push({ group, file: `peers-${group}-${kind}.svg`, svg: barChartSvg(chart) });
  }
  return charts;
}
