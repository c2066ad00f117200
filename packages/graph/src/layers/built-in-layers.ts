import { ACTIVATION_LAYERS } from './activation-layers.js';
import { attentionLayer } from './attention-layer.js';
import { addLayer, concatenateLayer, multiplyLayer } from './combinator-layers.js';
import { denseLayer, quantizedDenseLayer } from './dense-layer.js';
import { embeddingLayer } from './embedding-layer.js';
import type { LayerTable } from './layer-implementation.js';
import { layerNormLayer, rmsNormLayer } from './layer-norm-layer.js';
import { matMulLayer } from './mat-mul-layer.js';
import { rotaryEmbeddingLayer } from './rotary-embedding-layer.js';
import { dropoutLayer, flattenLayer, reshapeLayer } from './shape-layers.js';
import { sliceLayer, splitLayer } from './slice-layers.js';
import { transposeLayer } from './transpose-layer.js';

/**
 * The layer table `build` starts from: `dense`, `quantizedDense`, every activation, `add`,
 * `multiply`, `concatenate`, `flatten`, `reshape`, `transpose`, `slice`, `split`, `dropout`,
 * `layerNorm`, `rmsNorm`, `embedding`, `matMul`, `attention` and `rotaryEmbedding`.
 * (`input` nodes are handled by the executor itself.) `build(model, { layers })` adds to
 * it or overrides entries, for that build only.
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
  transpose: transposeLayer,
  slice: sliceLayer,
  split: splitLayer,
  dropout: dropoutLayer,
  layerNorm: layerNormLayer,
  rmsNorm: rmsNormLayer,
  embedding: embeddingLayer,
  matMul: matMulLayer,
  attention: attentionLayer,
  rotaryEmbedding: rotaryEmbeddingLayer,
});
