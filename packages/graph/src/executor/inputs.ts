import { Tensor, TensorTemplate, describeValue, formatShape, listNames, type Shape } from '@qaxon/tensor';
import { InputError } from '../errors.js';
import type { Node } from '../model.js';

/**
 * What `init` accepts for one input: a tensor or just its template (shape and dtype).
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import type { InputTemplate } from '@qaxon/graph';
 * const x: InputTemplate = template([1, 784]);
 * ```
 */
export type InputTemplate = Tensor | TensorTemplate;

/**
 * The inputs of `init`: one template (used for every input node, as Axon does) or a
 * record of templates by input name.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * import type { InitInputs } from '@qaxon/graph';
 * const inputs: InitInputs = { image: template([1, 784]), label: template([1, 10]) };
 * ```
 */
export type InitInputs = InputTemplate | Readonly<Record<string, InputTemplate>>;

/**
 * The inputs of `predict`: one tensor (used for every input node) or a record of tensors
 * by input name.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import type { PredictInputs } from '@qaxon/graph';
 * const inputs: PredictInputs = { a: ones([1, 2]), b: ones([1, 3]) };
 * ```
 */
export type PredictInputs = Tensor | Readonly<Record<string, Tensor>>;

/**
 * Picks the value for the input node `name` from what the caller gave, checking that it is
 * present, is a tensor (or, when `templatesAllowed`, a template) and fits the input's
 * declared shape (`null` axes match any size). Throws an {@link InputError} otherwise.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import { input } from '@qaxon/graph';
 * import { bindInput } from '@qaxon/graph/internals';
 * const x = input('x', { shape: [null, 2] });
 * const value = bindInput({ x: ones([3, 2]) }, 'x', x.nodes[x.output]!, false);
 * ```
 */
export function bindInput<T extends InputTemplate>(given: T | Readonly<Record<string, T>>, name: string, node: Node, templatesAllowed: boolean): T {
  const value = isSingle(given) ? given : pick(given as Readonly<Record<string, T>>, name);
  const allowed = value instanceof Tensor || (templatesAllowed && value instanceof TensorTemplate);
  if (!allowed) {
    const expected = templatesAllowed ? 'a Tensor or a TensorTemplate' : 'a Tensor';
    const given = value instanceof TensorTemplate ? `${value.toString()} (a template has no data: predict needs a tensor)` : describeValue(value);
    throw new InputError(`input '${name}': expected ${expected}, got ${given}`);
  }
  checkDeclaredShape(value.shape, name, node);
  checkDeclaredDType(value.dtype, name, node);
  return value;
}

/** An input may declare its dtype with `input(name, { dtype })`; the layers check undeclared ones. */
function checkDeclaredDType(dtype: string, name: string, node: Node): void {
  const declared = node.opts['dtype'] as string | undefined;
  if (declared !== undefined && dtype !== declared) {
    const hint = declared === 's32' ? " (token ids, positions and masks are integers: tensor(values, { dtype: 's32' }))" : '';
    throw new InputError(`input '${name}': expected dtype '${declared}'${hint}, got '${dtype}'`);
  }
}

function isSingle(given: unknown): given is InputTemplate {
  return given instanceof Tensor || given instanceof TensorTemplate;
}

function pick<T>(record: Readonly<Record<string, T>>, name: string): T {
  // A typed array or an array is an easy slip (`x.data` for `x`): refuse it by its kind
  // and length, before anything walks its (possibly millions of) indices.
  if (record === null || typeof record !== 'object' || Array.isArray(record) || ArrayBuffer.isView(record)) {
    throw new InputError(`input '${name}': expected a Tensor or a record of Tensors by input name, got ${describeValue(record)}`);
  }
  if (!Object.hasOwn(record, name)) {
    const keys = Object.keys(record);
    throw new InputError(
      `missing input '${name}': the model needs it, the given record has ${keys.length === 0 ? 'no keys' : `only ${listNames(keys)}`}`,
    );
  }
  return record[name]!;
}

function checkDeclaredShape(shape: Shape, name: string, node: Node): void {
  const declared = node.opts['shape'] as readonly (number | null)[] | null | undefined;
  if (declared === null || declared === undefined) return;
  const fits = declared.length === shape.length && declared.every((dimension, axis) => dimension === null || dimension === shape[axis]);
  if (!fits) {
    throw new InputError(
      `input '${name}': expected shape [${declared.map((d) => (d === null ? 'any' : d)).join(', ')}], got ${formatShape(shape)}`,
    );
  }
}
