import { ModelState, isModel, type Model, type ModelOutput } from '@qaxon/graph';
import { describeValue } from '@qaxon/tensor';
import { QuantizationError } from './errors.js';
import type { QuantizeOptions } from './quantize-model.js';

/** @internal Checks the model argument of `where` at entry. */
export function checkModel(model: unknown, where: string): asserts model is Model<ModelOutput> {
  if (!isModel(model)) {
    throw new QuantizationError(`${where}: expected a model (from input(), dense(), ...) as the first argument, got ${describeValue(model)}`);
  }
}

/** @internal Checks the state argument of `where` at entry. */
export function checkState(state: unknown, where: string): asserts state is ModelState {
  if (!(state instanceof ModelState)) {
    throw new QuantizationError(`${where}: expected a ModelState (from init or loadState) as the second argument, got ${describeValue(state)}`);
  }
}

/** @internal Checks the options argument of `where` at entry (`undefined` is no options). */
export function checkOptions(options: unknown, where: string): asserts options is QuantizeOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new QuantizationError(`${where}: expected options to be an object such as { filter }, got ${describeValue(options)}`);
  }
  const { filter, embeddings, dynamicActivations } = options as QuantizeOptions;
  if (filter !== undefined && typeof filter !== 'function') {
    throw new QuantizationError(`${where}: expected options.filter to be a function (node) => boolean, got ${describeValue(filter)}`);
  }
  if (embeddings !== undefined && typeof embeddings !== 'boolean') {
    throw new QuantizationError(`${where}: expected options.embeddings to be a boolean, got ${describeValue(embeddings)}`);
  }
  if (dynamicActivations !== undefined && typeof dynamicActivations !== 'boolean') {
    throw new QuantizationError(`${where}: expected options.dynamicActivations to be a boolean, got ${describeValue(dynamicActivations)}`);
  }
  checkKernelLayout(options as QuantizeOptions, where);
}

/** `type` and `groupSize`: the dense kernels' layout (W8A8 needs s8 per output unit). */
function checkKernelLayout({ type, groupSize, dynamicActivations }: QuantizeOptions, where: string): void {
  if (type !== undefined && type !== 's8' && type !== 's4') {
    throw new QuantizationError(`${where}: expected options.type to be 's8' or 's4', got ${describeValue(type)}`);
  }
  if (groupSize !== undefined && !(Number.isInteger(groupSize) && groupSize >= 1)) {
    throw new QuantizationError(`${where}: expected options.groupSize to be a positive integer (inputs per scale), got ${describeValue(groupSize)}`);
  }
  if (dynamicActivations === true && (type === 's4' || groupSize !== undefined)) {
    throw new QuantizationError(
      `${where}: dynamicActivations (W8A8) needs s8 kernels with one scale per output unit, got type ${describeValue(type ?? 's8')} and groupSize ${describeValue(groupSize)} (quantize the W8A8 layers and the s4 layers in two calls with filters)`,
    );
  }
}
