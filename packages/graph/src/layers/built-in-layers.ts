import { ACTIVATION_LAYERS } from './activation-layers.js';
import { addLayer, concatenateLayer, multiplyLayer } from './combinator-layers.js';
import { denseLayer, quantizedDenseLayer } from './dense-layer.js';
import type { LayerTable } from './layer-implementation.js';
import { layerNormLayer } from './layer-norm-layer.js';
import { dropoutLayer, flattenLayer, reshapeLayer } from './shape-layers.js';

/**
 * The layer table `build` starts from: `dense`, `quantizedDense`, every activation, `add`,
 * `multiply`, `concatenate`, `flatten`, `reshape`, `dropout` and `layerNorm`. (`input`
 * nodes are handled by the executor itself.) `build(model, { layers })` adds to it or
 * overrides entries, for that build only.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS } from '@qaxon/graph';
 * console.log('quantizedDense' in BUILT_IN_LAYERS); // true
 * ```
 */
export const BUILT_IN_LAYERS: LayerTable = Object.freeze({
  dense: denseLayer,
  quantizedDense: quantizedDenseLayer,
  ...ACTIVATION_LAYERS,
  add: addLayer,
  multiply: multiplyLayer,
  concatenate: concatenateLayer,
  flatten: flattenLayer,
  reshape: reshapeLayer,
  dropout: dropoutLayer,
  layerNorm: layerNormLayer,
});
