import { describeValue, sizeOf } from '@qaxon/tensor';
import { ParameterError } from './errors.js';
import { checkParameterValue, describeParameterValue, parameterByteSize } from './parameter-value.js';
import type { ParameterValue } from './model.js';

/**
 * Parameter values by layer name, then parameter name: `data.dense_0.kernel`.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import type { ModelStateData } from '@qaxon/graph';
 * const data: ModelStateData = { dense_0: { kernel: ones([2, 3]) } };
 * ```
 */
export type ModelStateData = Readonly<Record<string, Readonly<Record<string, ParameterValue>>>>;

/**
 * A parameter address, `[layerName, parameterName]` (the form Axon's freeze masks get).
 *
 * @example
 * ```ts
 * import type { ParameterKey } from '@qaxon/graph';
 * const key: ParameterKey = ['dense_0', 'kernel'];
 * ```
 */
export type ParameterKey = readonly [layer: string, parameter: string];

/**
 * Options of {@link ModelState.fromData}.
 *
 * @example
 * ```ts
 * import type { ModelStateOptions } from '@qaxon/graph';
 * const options: ModelStateOptions = { frozen: [['dense_0', 'kernel']] };
 * ```
 */
export interface ModelStateOptions {
  /** Parameters to mark frozen; each must exist in the data. */
  frozen?: Iterable<ParameterKey>;
}

const keyOf = (layer: string, parameter: string): string => JSON.stringify([layer, parameter]);

/**
 * The parameters of a model (Axon's `Axon.ModelState`): values by layer and parameter
 * name, plus the set of frozen parameters. Immutable: every operation returns a new state
 * and never changes this one (the tensors themselves are shared, not copied).
 *
 * @example
 * ```ts
 * import { ModelState } from '@qaxon/graph';
 * import { ones, zeros } from '@qaxon/tensor';
 * const state = ModelState.empty().set('dense_0', 'kernel', ones([2, 3])).set('dense_0', 'bias', zeros([3]));
 * const frozen = state.freeze(([layer]) => layer === 'dense_0');
 * console.log(frozen.isFrozen('dense_0', 'bias'), state.isFrozen('dense_0', 'bias')); // true false
 * console.log(state.parameterCount(), state.byteSize()); // 9 36
 * ```
 */
export class ModelState implements Iterable<[string, string, ParameterValue]> {
  /** Parameter values: `data[layer][parameter]`. */
  readonly data: ModelStateData;
  private readonly frozen: ReadonlySet<string>;

  private constructor(data: ModelStateData, frozen: ReadonlySet<string>) {
    this.data = data;
    this.frozen = frozen;
    Object.freeze(this);
  }

  /**
   * A state with no parameters.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * console.log(ModelState.empty().parameterCount()); // 0
   * ```
   */
  static empty(): ModelState {
    return new ModelState(Object.freeze({}), new Set());
  }

  /**
   * A state from parameter values by layer and name (each a `Tensor`, a `QTensor` or a backend `Handle`),
   * optionally with frozen parameters. The records are copied.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * const state = ModelState.fromData({ dense_0: { kernel: ones([1, 10]) } }, { frozen: [['dense_0', 'kernel']] });
   * ```
   */
  static fromData(data: ModelStateData, options: ModelStateOptions = {}): ModelState {
    if (data === null || typeof data !== 'object') throw new ParameterError(`ModelState.fromData: expected a record of layers, got ${describeValue(data)}`);
    const copy: Record<string, Readonly<Record<string, ParameterValue>>> = {};
    for (const [layer, parameters] of Object.entries(data)) {
      if (parameters === null || typeof parameters !== 'object') {
        throw new ParameterError(`ModelState.fromData: expected layer '${layer}' to be a record of parameters, got ${describeValue(parameters)}`);
      }
      const layerCopy: Record<string, ParameterValue> = {};
      for (const [parameter, value] of Object.entries(parameters)) {
        checkParameterValue(value, layer, parameter, 'ModelState.fromData');
        // defineProperty, not assignment: a parameter named '__proto__' stays an own entry.
        Object.defineProperty(layerCopy, parameter, { value, enumerable: true });
      }
      Object.defineProperty(copy, layer, { value: Object.freeze(layerCopy), enumerable: true });
    }
    const frozen = new Set<string>();
    for (const [layer, parameter] of options.frozen ?? []) {
      if (!Object.hasOwn(copy, layer) || !Object.hasOwn(copy[layer]!, parameter)) {
        throw new ParameterError(`ModelState.fromData: cannot freeze '${layer}.${parameter}': the data has no such parameter`);
      }
      frozen.add(keyOf(layer, parameter));
    }
    return new ModelState(Object.freeze(copy), frozen);
  }

  /**
   * The value of one parameter, or `undefined`.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * console.log(ModelState.empty().get('dense_0', 'kernel')); // undefined
   * ```
   */
  get(layer: string, parameter: string): ParameterValue | undefined {
    return Object.hasOwn(this.data, layer) && Object.hasOwn(this.data[layer]!, parameter) ? this.data[layer]![parameter] : undefined;
  }

  /**
   * True when the state holds this parameter.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * console.log(ModelState.empty().has('dense_0', 'kernel')); // false
   * ```
   */
  has(layer: string, parameter: string): boolean {
    return this.get(layer, parameter) !== undefined;
  }

  /**
   * A new state with one parameter set (added or replaced); frozen marks are kept.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { QTensor, ones } from '@qaxon/tensor';
   * const state = ModelState.empty().set('dense_0', 'kernel', QTensor.fromTensor(ones([4, 2])));
   * ```
   */
  set(layer: string, parameter: string, value: ParameterValue): ModelState {
    checkParameterValue(value, layer, parameter, 'ModelState.set');
    // Computed keys define own properties, so '__proto__' is an ordinary name here too.
    const layerData = Object.freeze({ ...(Object.hasOwn(this.data, layer) ? this.data[layer] : {}), [parameter]: value });
    return new ModelState(Object.freeze({ ...this.data, [layer]: layerData }), this.frozen);
  }

  /**
   * The layer names, in insertion order.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * console.log(ModelState.empty().set('a', 'w', ones([1])).layers()); // ['a']
   * ```
   */
  layers(): string[] {
    return Object.keys(this.data);
  }

  /**
   * Every parameter as `[layer, parameter, value]`, layer by layer.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * for (const [layer, parameter, value] of ModelState.empty().set('a', 'w', ones([2])).parameters()) {
   *   console.log(layer, parameter, value.shape); // a w [2]
   * }
   * ```
   */
  *parameters(): IterableIterator<[string, string, ParameterValue]> {
    for (const [layer, parameters] of Object.entries(this.data)) {
      for (const [parameter, value] of Object.entries(parameters)) yield [layer, parameter, value];
    }
  }

  /**
   * Same as {@link ModelState.parameters}: a state iterates over its parameters.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * console.log([...ModelState.empty()]); // []
   * ```
   */
  [Symbol.iterator](): IterableIterator<[string, string, ParameterValue]> {
    return this.parameters();
  }

  /**
   * A new state with the parameters for which `predicate([layer, parameter])` is true
   * marked frozen (all of them by default). Already frozen ones stay frozen.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * const state = ModelState.empty().set('dense_0', 'kernel', ones([1, 1])).freeze(([, parameter]) => parameter === 'kernel');
   * console.log(state.isFrozen('dense_0', 'kernel')); // true
   * ```
   */
  freeze(predicate: (key: ParameterKey) => boolean = () => true): ModelState {
    const frozen = new Set(this.frozen);
    for (const [layer, parameter] of this.parameters()) if (predicate([layer, parameter])) frozen.add(keyOf(layer, parameter));
    return new ModelState(this.data, frozen);
  }

  /**
   * A new state with the parameters for which `predicate([layer, parameter])` is true
   * no longer frozen (all of them by default).
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * const state = ModelState.empty().set('a', 'w', ones([1])).freeze().unfreeze();
   * console.log(state.isFrozen('a', 'w')); // false
   * ```
   */
  unfreeze(predicate: (key: ParameterKey) => boolean = () => true): ModelState {
    const frozen = new Set(this.frozen);
    for (const [layer, parameter] of this.parameters()) if (predicate([layer, parameter])) frozen.delete(keyOf(layer, parameter));
    return new ModelState(this.data, frozen);
  }

  /**
   * True when the parameter is frozen.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * console.log(ModelState.empty().isFrozen('dense_0', 'kernel')); // false
   * ```
   */
  isFrozen(layer: string, parameter: string): boolean {
    return this.frozen.has(keyOf(layer, parameter));
  }

  /**
   * The frozen parameters as `[layer, parameter]` pairs, in the order of the data.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * console.log(ModelState.empty().set('a', 'w', ones([1])).freeze().frozenParameters()); // [['a', 'w']]
   * ```
   */
  frozenParameters(): ParameterKey[] {
    const keys: ParameterKey[] = [];
    for (const [layer, parameter] of this.parameters()) if (this.isFrozen(layer, parameter)) keys.push([layer, parameter]);
    return keys;
  }

  /**
   * The number of parameters (weights): the element count of every value, a `QTensor`
   * counting the `in · units` weights it stands for (not its scales).
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * console.log(ModelState.empty().set('a', 'w', ones([3, 4])).parameterCount()); // 12
   * ```
   */
  parameterCount(): number {
    let count = 0;
    for (const [, , value] of this.parameters()) count += sizeOf(value.shape);
    return count;
  }

  /**
   * Bytes actually held by the values: 4 per f32 element; a `QTensor` counts its parts
   * (int8 values, f32 scales, int8 zero points); a handle counts the same from its shape,
   * dtype and quantization layout (see `parameterByteSize`).
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { QTensor, ones } from '@qaxon/tensor';
   * const q = ModelState.empty().set('a', 'w', QTensor.fromTensor(ones([3, 4])));
   * console.log(q.byteSize()); // 12 + 16 + 4
   * ```
   */
  byteSize(): number {
    let bytes = 0;
    for (const [, , value] of this.parameters()) bytes += parameterByteSize(value);
    return bytes;
  }

  /**
   * A readable rendering: one line per parameter with its kind, shape and a frozen mark.
   *
   * @example
   * ```ts
   * import { ModelState } from '@qaxon/graph';
   * import { ones } from '@qaxon/tensor';
   * console.log(String(ModelState.empty().set('a', 'w', ones([2])))); // ModelState { a.w: f32[2] }
   * ```
   */
  toString(): string {
    const entries = [...this.parameters()].map(
      ([layer, parameter, value]) => `${layer}.${parameter}: ${describeParameterValue(value)}${this.isFrozen(layer, parameter) ? ' (frozen)' : ''}`,
    );
    return entries.length === 0 ? 'ModelState {}' : `ModelState { ${entries.join(', ')} }`;
  }
}
