/**
 * Renders a plain-text table in the style of Axon's display: a title row, `=` under the
 * header, `-` between rows. Each cell may hold several lines; the column is as wide as its
 * widest line.
 *
 * @example
 * ```ts
 * import { renderTable } from '@qaxon/graph/internals';
 * console.log(renderTable('Model', ['Layer', 'Op'], [[['x'], ['input']]]));
 * ```
 */
export function renderTable(title: string, headers: readonly string[], rows: readonly (readonly (readonly string[])[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => Math.max(0, ...(row[column] ?? []).map((line) => line.length)))),
  );
  const rule = (fill: string): string => `+${widths.map((width) => fill.repeat(width + 2)).join('+')}+`;
  const line = (cells: readonly string[]): string => `|${cells.map((cell, column) => ` ${cell.padEnd(widths[column]!)} `).join('|')}|`;
  const innerWidth = widths.reduce((total, width) => total + width + 3, -1);
  const centered = title.padStart(Math.floor((innerWidth + title.length) / 2)).padEnd(innerWidth);
  const out = [`+${'-'.repeat(innerWidth)}+`, `|${centered}|`, rule('='), line(headers), rule('=')];
  for (const row of rows) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let i = 0; i < height; i++) out.push(line(headers.map((_, column) => row[column]?.[i] ?? '')));
    out.push(rule('-'));
  }
  return out.join('\n');
}
