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

/**
 * Fills `out` (row-major, of `shape`) with `combine(a[ia], b[ib])`, where `a` of shape
 * `shapeA` and `b` of shape `shapeB` broadcast to `shape` (check them with
 * {@link broadcastShapes} first). The loop every backend's elementwise ops share, so the
 * reference, WebAssembly and gpu.js host loops walk the inputs in the same order.
 *
 * @example
 * ```ts
 * import { broadcastCombine } from '@qaxon/tensor';
 * const out = new Float32Array(4);
 * broadcastCombine(out, [1, 2], [2, 1], [10, 20], [2], [2, 2], (x, y) => x + y);
 * console.log(Array.from(out)); // [11, 21, 12, 22]
 * ```
 */
export function broadcastCombine(
  out: { [index: number]: number; readonly length: number },
  a: ArrayLike<number>,
  shapeA: readonly number[],
  b: ArrayLike<number>,
  shapeB: readonly number[],
  shape: readonly number[],
  combine: (x: number, y: number) => number,
): void {
  const size = out.length;
  if (size === 0) return;
  const stridesA = broadcastStrides(shapeA, shape);
  const stridesB = broadcastStrides(shapeB, shape);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < size; i++) {
    out[i] = combine(a[ia]!, b[ib]!);
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]!++;
      ia += stridesA[axis]!;
      ib += stridesB[axis]!;
      if (index[axis]! < shape[axis]!) break;
      ia -= stridesA[axis]! * shape[axis]!;
      ib -= stridesB[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
}
