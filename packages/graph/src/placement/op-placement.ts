/**
 * Where one op call of a predict ran: `'backend'` on the model's backend (its kernel),
 * `'fallback'` on the reference backend because the model's backend lacks the op or
 * refused these inputs, `'host'` in a layer written on host tensors (`kind: 'host'`).
 *
 * @example
 * ```ts
 * import type { PlacementKind } from '@qaxon/graph';
 * const kind: PlacementKind = 'fallback';
 * ```
 */
export type PlacementKind = 'backend' | 'fallback' | 'host';

/**
 * One op call of the last predict, as a built model's `placement()` reports it.
 *
 * @example
 * ```ts
 * import type { OpPlacement } from '@qaxon/graph';
 * const entry: OpPlacement = {
 *   layer: 'relu_0',
 *   op: 'relu',
 *   kind: 'fallback',
 *   ranOn: 'reference',
 *   reason: "backend 'wasm' has no relu kernel",
 * };
 * ```
 */
export interface OpPlacement {
  /** The layer that made the call (`dense_0`); for a dense layer merged with its activation, both (`dense_0+relu_0`). */
  readonly layer: string;
  /** The op (`'dense'`, `'relu'`, ...; a dense op with its merged activation: `'dense+relu'`); for a host layer, the layer's op. */
  readonly op: string;
  /** Backend kernel, reference fallback, or host code. */
  readonly kind: PlacementKind;
  /** Where it ran: the backend's name, `'reference'` or `'host'`. */
  readonly ranOn: string;
  /** Why it ran there (for a fallback: the missing kernel, or the kernel's refusal). */
  readonly reason: string;
}
