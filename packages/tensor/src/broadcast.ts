import { ShapeError } from './errors.js';
import { formatShape, stridesOf, type Shape } from './shape.js';

/**
 * The shape two shapes broadcast to under NumPy/Nx rules: align trailing axes; each pair
 * of dimensions must be equal or one of them 1.
 *
 * @example
 * ```ts
 * import { broadcastShapes } from '@qaxon/tensor';
 * console.log(broadcastShapes([4, 1, 3], [2, 1])); // [4, 2, 3]
 * ```
 */
export function broadcastShapes(a: Shape, b: Shape, where = 'broadcast'): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${where}: shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast: axis ${i} of the result has ${da} vs ${db} (each must be equal or 1)`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read `shape` as if broadcast to `target` (0 along broadcast axes).
 *
 * @example
 * ```ts
 * import { broadcastStrides } from '@qaxon/tensor';
 * console.log(broadcastStrides([3], [2, 3])); // [0, 1]
 * ```
 */
export function broadcastStrides(shape: Shape, target: Shape): number[] {
  const own = stridesOf(shape);
  const offset = target.length - shape.length;
  return target.map((_, axis) => {
    const source = axis - offset;
    if (source < 0 || shape[source] === 1) return 0;
    return own[source]!;
  });
}
