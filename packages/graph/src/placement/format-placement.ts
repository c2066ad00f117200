import { renderTable } from '../tools/text-table.js';
import type { OpPlacement } from './op-placement.js';

/**
 * A plain-text table of a placement report (a built model's `placement()`): one row per
 * op call with the layer, the op, where it ran and why.
 *
 * @example
 * ```ts
 * import { ones, template } from '@qaxon/tensor';
 * import { build, dense, formatPlacement, input } from '@qaxon/graph';
 * const built = build(dense(input('x'), 2, { activation: 'relu' }));
 * await built.predict(built.init(template([1, 3])), ones([1, 3]));
 * console.log(formatPlacement(built.placement()));
 * ```
 */
export function formatPlacement(placements: readonly OpPlacement[], title = 'Placement'): string {
  const rows = placements.map((entry) => [[entry.layer], [entry.op], [entry.kind === 'fallback' ? `${entry.ranOn} (fallback)` : entry.ranOn], [entry.reason]]);
  return renderTable(title, ['Layer', 'Op', 'Ran on', 'Why'], rows);
}
