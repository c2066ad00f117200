/**
 * `@qaxon/graph/internals`: the pieces `build`, `init`, `predict` and the builders are made
 * of, for tools, tests and the curious. Not needed to build or run a model; may change in
 * minor versions. Everything a user needs is on the package root.
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { planGraph } from '@qaxon/graph/internals';
 * console.log(planGraph(dense(input('x'), 2), BUILT_IN_LAYERS).map((step) => step.name)); // ['x', 'dense_0']
 * ```
 *
 * @packageDocumentation
 */

// Model data: nodes, ids and the merging of the models a builder combines.
export { freezeNode, makeModel, nextNodeId } from './model.js';
export { mergeModels, type MergedModels } from './builders/layer.js';

// Graph order and layer names.
export { describeNode, graphOrder } from './graph/graph-order.js';
export { resolveNames, type NamedNode } from './graph/resolve-names.js';

// The executor: the plan build makes, shape inference, init, predict, op calls and their
// reference fallback, the lifetimes of a predict's handles, placing a state.
export { planGraph, type PlannedLayer } from './executor/plan.js';
export { cachedExecutionPlan, fuseDenseActivations, withFusedActivation, type FusedActivation } from './executor/fuse-activations.js';
export { stepPlacement } from './executor/placement-entries.js';
export { bindInput } from './executor/inputs.js';
export { formatShapes, inLayer, inferShapes, parameterShape, type LayerShapes } from './executor/shapes.js';
export { initState } from './executor/init.js';
export { runPlan } from './executor/predict.js';
export type { ModelRuntime } from './executor/model-runtime.js';
export { runOpCall, startOpCall, type OpCallSite } from './executor/op-call.js';
export { runOnReference } from './executor/reference-fallback.js';
export { HandleLifetimes, lastUses } from './executor/handle-lifetimes.js';
export { placeState } from './executor/place-state.js';

// The built-in layer implementations, one by one (the table of them is `BUILT_IN_LAYERS` on the root).
export { layerLabel } from './layers/layer-implementation.js';
export { denseLayer, denseOutputShape, denseWeights, quantizedDenseLayer } from './layers/dense-layer.js';
export { ACTIVATION_LAYERS, activationLayer, runActivation } from './layers/activation-layers.js';
export { addLayer, concatenateLayer, multiplyLayer } from './layers/combinator-layers.js';
export { dropoutLayer, flattenLayer, reshapeLayer } from './layers/shape-layers.js';
export { layerNormLayer } from './layers/layer-norm-layer.js';

// Text tables (summary, formatPlacement).
export { renderTable } from './tools/text-table.js';
