/**
 * A horizontal grouped bar chart: one row per label, one bar per series in each row.
 * `undefined` values (a configuration that did not run) are drawn as the text "n/a".
 *
 * @example
 * ```ts
 * const chart: BarChart = {
 *   title: 'GEMV 1×4096×4096: median time',
 *   axisLabel: 'milliseconds (log scale)',
 *   series: [{ name: 'f32', color: '#4e79a7' }, { name: 'int8', color: '#f28e2b' }],
 *   rows: [{ label: 'qaxon wasm', values: [4.1, 1.9], highlight: true }, { label: 'ORT', values: [3.2, 2.5] }],
 *   scale: 'log',
 *   format: (value) => value.toFixed(1),
 * };
 * ```
 */
export interface BarChart {
  readonly title: string;
  readonly axisLabel: string;
  readonly series: readonly { readonly name: string; readonly color: string }[];
  readonly rows: readonly { readonly label: string; readonly values: readonly (number | undefined)[]; readonly highlight?: boolean }[];
  readonly scale?: 'linear' | 'log';
  readonly format?: (value: number) => string;
}

const WIDTH = 820;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 110;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20;
const BAR_HEIGHT = 13;
const ROW_GAP = 10;
const TOP = 64;

/**
 * Escapes `&`, `<`, `>`, `"` and `'` for SVG text and attribute values.
 *
 * @example
 * ```ts
 * console.log(escapeXml('a < b & "c"')); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!);
}

/**
 * The axis of a chart: a function from value to x offset in `[0, width]`, and the tick
 * values to label. Log scales span whole decades; linear scales start at 0.
 *
 * @example
 * ```ts
 * const axis = chartAxis([2, 300], 'log', 100);
 * console.log(axis.ticks); // [1, 10, 100, 1000]
 * console.log(axis.position(10)); // 33.33...
 * ```
 */
export function chartAxis(values: readonly number[], scale: 'linear' | 'log', width: number): { position: (value: number) => number; ticks: number[] } {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  if (scale === 'log' && positive.length > 0) {
    const low = Math.floor(Math.log10(Math.min(...positive)));
    let high = Math.ceil(Math.log10(Math.max(...positive)));
    if (high === low) high = low + 1;
    const ticks = Array.from({ length: high - low + 1 }, (_, index) => 10 ** (low + index));
    return { position: (value) => (value > 0 ? clamp(((Math.log10(value) - low) / (high - low)) * width, 0, width) : 0), ticks };
  }
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const step = niceStep(max / 5);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);
  return { position: (value) => clamp((value / top) * width, 0, width), ticks };
}

/**
 * Renders `chart` as a standalone SVG document (no scripts, no external resources).
 *
 * @example
 * ```ts
 * const svg = barChartSvg({ title: 't', axisLabel: 'ms', series: [{ name: 'f32', color: '#4e79a7' }], rows: [{ label: 'a', values: [1] }] });
 * console.log(svg.startsWith('<svg')); // true
 * ```
 */
export function barChartSvg(chart: BarChart): string {
  const format = chart.format ?? ((value: number) => String(Number(value.toPrecision(3))));
  const scale = chart.scale ?? 'linear';
  const groupHeight = chart.series.length * BAR_HEIGHT + ROW_GAP;
  const plotHeight = chart.rows.length * groupHeight;
  const height = TOP + plotHeight + 48;
  const values = chart.rows.flatMap((row) => row.values.filter((value): value is number => value !== undefined));
  const axis = chartAxis(values, scale, PLOT_WIDTH);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  );
  chart.series.forEach((series, index) => {
    const x = LABEL_WIDTH + index * 110;
    parts.push(`<rect x="${x}" y="34" width="12" height="12" fill="${escapeXml(series.color)}"/>`, `<text x="${x + 16}" y="44">${escapeXml(series.name)}</text>`);
  });
  for (const tick of axis.ticks) {
    const x = round(LABEL_WIDTH + axis.position(tick));
    parts.push(
      `<line x1="${x}" y1="${TOP - 4}" x2="${x}" y2="${TOP + plotHeight}" stroke="#dddddd"/>`,
      `<text x="${x}" y="${TOP + plotHeight + 16}" text-anchor="middle" fill="#555555">${escapeXml(format(tick))}</text>`,
    );
  }
  parts.push(`<text x="${LABEL_WIDTH + PLOT_WIDTH / 2}" y="${TOP + plotHeight + 36}" text-anchor="middle" fill="#333333">${escapeXml(chart.axisLabel)}</text>`);
  chart.rows.forEach((row, rowIndex) => {
    const y0 = TOP + rowIndex * groupHeight;
    const labelY = round(y0 + (chart.series.length * BAR_HEIGHT) / 2 + 4);
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${labelY}" text-anchor="end"${row.highlight === true ? ' font-weight="bold"' : ''}>${escapeXml(row.label)}</text>`);
    chart.series.forEach((series, seriesIndex) => {
      const value = row.values[seriesIndex];
      const y = y0 + seriesIndex * BAR_HEIGHT;
      if (value === undefined || !Number.isFinite(value)) {
        parts.push(`<text x="${LABEL_WIDTH + 4}" y="${y + BAR_HEIGHT - 3}" fill="#999999" font-size="10">n/a</text>`);
        return;
      }
      const width = Math.max(1, round(axis.position(value)));
      parts.push(
        `<rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT - 2}" fill="${escapeXml(series.color)}"><title>${escapeXml(`${row.label} ${series.name}: ${format(value)}`)}</title></rect>`,
        `<text x="${LABEL_WIDTH + width + 4}" y="${y + BAR_HEIGHT - 3}" font-size="10" fill="#333333">${escapeXml(format(value))}</text>`,
      );
    });
  });
  parts.push(`<line x1="${LABEL_WIDTH}" y1="${TOP - 4}" x2="${LABEL_WIDTH}" y2="${TOP + plotHeight}" stroke="#333333"/>`, '</svg>');
  return `${parts.join('\n')}\n`;
}

function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
