import { TensorTemplate, formatShape, sizeOf, type Shape } from '@qaxon/tensor';
import type { InitInputs } from '../executor/inputs.js';
import { bindInput } from '../executor/inputs.js';
import { inferShapes, type LayerShapes } from '../executor/shapes.js';
import type { PlannedLayer } from '../executor/plan.js';
import { resolveNames } from '../graph/resolve-names.js';
import { BUILT_IN_LAYERS } from '../layers/built-in-layers.js';
import type { LayerTable } from '../layers/layer-implementation.js';
import type { Model, ModelOutput } from '../model.js';
import type { ModelState } from '../model-state.js';
import { describeParameterValue, parameterByteSize } from '../parameter-value.js';
import { renderTable } from './text-table.js';

/**
 * Options of {@link summary}.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import type { SummaryOptions } from '@qaxon/graph';
 * const options: SummaryOptions = { inputs: template([1, 784]) };
 * ```
 */
export interface SummaryOptions {
  /** Input templates for the output shapes (default: the inputs' declared shapes, when complete). */
  inputs?: InitInputs;
  /** Layer implementations of custom ops, to infer their shapes. */
  layers?: LayerTable;
}

/**
 * A table of the model, one row per layer in graph order (like Axon's
 * `Axon.Display.as_table`): the layer as `name ( opName[parents] )`, the op that runs
 * it, its output shape (for a model with several outputs, the container's row shows each
 * output's shape by name), its parameters and the bytes they hold, then the totals.
 * Parameters and bytes come from `state` when given (a `QTensor` shows as
 * `QTensor<s8>[in][units]` and counts its int8 values, scales and zero points); otherwise
 * they are inferred as f32. Output shapes need input shapes: `options.inputs`, or the
 * inputs' declared shapes when they have no `null` axis; otherwise they show `?`.
 *
 * @example
 * ```ts
 * import { dense, input, summary } from '@qaxon/graph';
 * console.log(summary(dense(input('x', { shape: [1, 4] }), 2, { activation: 'relu' })));
 * ```
 */
export function summary(model: Model<ModelOutput>, state?: ModelState, options: SummaryOptions = {}): string {
  const layers = { ...BUILT_IN_LAYERS, ...(options.layers ?? {}) };
  const named = resolveNames(model);
  const plan: PlannedLayer[] = [];
  const indexOf = new Map<number, number>();
  named.forEach(({ name, node }, index) => {
    indexOf.set(node.id, index);
    const implementation = node.op === 'input' ? undefined : layers[node.op];
    plan.push({ name, node, implementation, parentIndexes: node.parents.map((id) => indexOf.get(id)!) });
  });
  const shapes = tryInferShapes(plan, options.inputs);
  let totalParameters = 0;
  let totalBytes = 0;
  let unknownParameters = 0;
  const rows = plan.map((step, index) => {
    const parentNames = step.parentIndexes.map((i) => plan[i]!.name);
    const layerCell = step.node.op === 'input' ? [step.name] : [`${step.name} ( ${step.node.opName}[${parentNames.map((n) => `"${n}"`).join(', ')}] )`];
    const parameterLines: string[] = [];
    let bytes = 0;
    for (const parameter of step.node.parameters) {
      const value = state?.get(step.name, parameter.name);
      const shape = shapes?.[index]?.parameterShapes.get(parameter.name);
      if (value !== undefined) {
        parameterLines.push(`${parameter.name}: ${describeParameterValue(value)}${state?.isFrozen(step.name, parameter.name) ? ' (frozen)' : ''}`);
        bytes += parameterByteSize(value);
        totalParameters += sizeOf(value.shape);
      } else if (shape !== undefined) {
        parameterLines.push(`${parameter.name}: f32${shape.map((d) => `[${d}]`).join('')}${state === undefined ? '' : ' (not in state)'}`);
        bytes += 4 * sizeOf(shape);
        totalParameters += sizeOf(shape);
      } else {
        parameterLines.push(`${parameter.name}: ?`);
        unknownParameters += 1;
      }
    }
    totalBytes += bytes;
    return [layerCell, [step.node.op], outputShapeLines(step, shapes?.[index]), parameterLines, [String(bytes)]];
  });
  const table = renderTable('Model', ['Layer', 'Op', 'Output shape', 'Parameters', 'Bytes'], rows);
  const unknown = unknownParameters === 0 ? '' : ` + ${unknownParameters} parameter(s) of unknown shape (give input shapes)`;
  return `${table}\nTotal parameters: ${totalParameters}${unknown}\nTotal parameter bytes: ${totalBytes}${unknown === '' ? '' : ' + unknown'}`;
}

/** One line, or for a container one line per output (`logits: [1, 10]`). */
function outputShapeLines(step: PlannedLayer, shapes: LayerShapes | undefined): string[] {
  const show = (shape: Shape | undefined): string => (shape === undefined ? '?' : formatShape(shape));
  if (step.node.op !== 'container') return [show(shapes?.outputShape)];
  const names = step.node.opts['names'] as readonly string[];
  return names.map((name) => `${name}: ${show(shapes?.outputShapes?.[name])}`);
}

function tryInferShapes(plan: readonly PlannedLayer[], inputs: InitInputs | undefined): (LayerShapes | undefined)[] | undefined {
  if (plan.some((step) => step.node.op !== 'input' && step.node.op !== 'container' && step.implementation === undefined)) return undefined;
  const declared = (step: PlannedLayer): Shape => {
    if (inputs !== undefined) return bindInput(inputs, step.name, step.node, true).shape;
    const shape = step.node.opts['shape'] as readonly (number | null)[] | null | undefined;
    if (shape === null || shape === undefined || shape.some((dimension) => dimension === null)) throw new MissingShape();
    return new TensorTemplate(shape as number[], 'f32').shape;
  };
  try {
    return inferShapes(plan, declared);
  } catch (error) {
    if (error instanceof MissingShape) return undefined;
    throw error;
  }
}

class MissingShape extends Error {}
