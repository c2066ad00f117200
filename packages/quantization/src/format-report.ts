import type { QuantizationReport } from './quantization-report.js';

/**
 * Formats a {@link QuantizationReport} as an aligned text table, one row per layer plus a
 * total row and, when measured, the output error.
 *
 * @example
 * ```ts
 * import { formatReportTable, type QuantizationReport } from '@qaxon/quantization';
 * const print = (report: QuantizationReport) => console.log(formatReportTable(report));
 * ```
 */
export function formatReportTable(report: QuantizationReport): string {
  const header = ['layer', 'kind', 'weights', 'float bytes', 'quantized bytes', 'ratio', 'max |err|', 'mean |err|', 'SQNR dB'];
  const rows = report.layers.map((line) => [
    line.layer,
    kindOf(line),
    String(line.parameters),
    String(line.floatBytes),
    String(line.quantizedBytes),
    ratio(line.quantizedBytes, line.floatBytes),
    scientific(line.weightError.maxAbsError),
    scientific(line.weightError.meanAbsError),
    decibels(line.weightError.sqnrDb),
  ]);
  const totalWeights = report.layers.reduce((total, line) => total + line.parameters, 0);
  rows.push(['total', '', String(totalWeights), String(report.floatBytes), String(report.quantizedBytes), ratio(report.quantizedBytes, report.floatBytes), '', '', '']);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 || column === 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  const lines = [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)];
  if (report.outputError) {
    const error = report.outputError;
    lines.push(
      '',
      `model output on ${error.count} values: SQNR ${decibels(error.sqnrDb)} dB, max |err| ${scientific(error.maxAbsError)}, mean |err| ${scientific(error.meanAbsError)}`,
    );
  }
  return lines.join('\n');
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '-' : `${(part / whole).toFixed(3)}x`;
}

function scientific(value: number): string {
  return value === 0 ? '0' : value.toExponential(2);
}

function decibels(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : value > 0 ? 'inf' : String(value);
}

/** `float`, `int8` (per output unit), `int8 g64`, `int4 g32`: the kernel's bits and group size. */
function kindOf(line: QuantizationReport['layers'][number]): string {
  if (!line.quantized) return 'float';
  const kind = `int${line.bits ?? 8}`;
  return line.groupSize === undefined ? kind : `${kind} g${line.groupSize}`;
}
