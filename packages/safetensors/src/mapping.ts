import { QTensor, transpose, type Tensor } from '@qaxon/tensor';
import { quoteName, SafetensorsError, shortJson } from './errors.js';
import type { StoredParameter } from './state-layout.js';

/**
 * Where a tensor goes in the model state: `'<layer>.<param>'` (split at the last `.`) or
 * an explicit `[layer, param]` pair (for layer names that contain `.`).
 *
 * @example
 * ```ts
 * import type { ParameterTarget } from '@qaxon/safetensors';
 * const a: ParameterTarget = 'dense_0.kernel';
 * const b: ParameterTarget = ['encoder.dense', 'kernel'];
 * ```
 */
export type ParameterTarget = string | readonly [layer: string, param: string];

/**
 * A renaming with options: `transpose: true` swaps the two axes of a rank-2 tensor, e.g.
 * a PyTorch `nn.Linear` weight `[out, in]` into a qaxon dense kernel `[in, out]`.
 *
 * @example
 * ```ts
 * import type { MappingRule } from '@qaxon/safetensors';
 * const rule: MappingRule = { to: 'dense_0.kernel', transpose: true };
 * ```
 */
export interface MappingRule {
  /** The target parameter. */
  to: ParameterTarget;
  /** Transpose a rank-2 float/int tensor on the way (a copy). Default false. */
  transpose?: boolean;
}

/**
 * What a mapping says about one name: a target, a {@link MappingRule}, or `null` to skip
 * the tensor (e.g. PyTorch buffers a qaxon model does not have).
 *
 * @example
 * ```ts
 * import type { MappingEntry } from '@qaxon/safetensors';
 * const entries: MappingEntry[] = ['dense_0.bias', { to: 'dense_0.kernel', transpose: true }, null];
 * ```
 */
export type MappingEntry = ParameterTarget | MappingRule | null;

/**
 * Renames tensors on load. Either a record from names in the file to
 * {@link MappingEntry} (names it does not mention keep their own; a key that names no
 * tensor is an error, to catch typos), or a function of `(name, value)` returning an entry,
 * or `undefined` to keep the name.
 *
 * For files written by qaxon the names are parameter names `<layer>.<param>` (a QTensor is
 * one parameter); for other files they are the tensor names.
 *
 * @example
 * ```ts
 * import type { TensorMapping } from '@qaxon/safetensors';
 * const fromPyTorch: TensorMapping = {
 *   'fc1.weight': { to: 'dense_0.kernel', transpose: true },
 *   'fc1.bias': 'dense_0.bias',
 * };
 * const byFunction: TensorMapping = (name) => name.replace(/^model\./, '');
 * ```
 */
export type TensorMapping =
  | Readonly<Record<string, MappingEntry>>
  | ((name: string, value: Tensor | QTensor) => MappingEntry | undefined);

/**
 * What a load with a mapping did besides placing the tensors it names, given to the
 * `onReport` option of `fromSafetensors` / `loadState`.
 *
 * @example
 * ```ts
 * import type { LoadReport } from '@qaxon/safetensors';
 * const report: LoadReport = { unmapped: ['fc2.weight'], skipped: ['bn.num_batches_tracked'] };
 * ```
 */
export interface LoadReport {
  /** Tensors the mapping did not name (a record) or returned `undefined` for (a function), loaded under their own names (`unmapped: 'keep'`). */
  unmapped: string[];
  /** Tensors the mapping skipped with `null`. */
  skipped: string[];
}

/** A parameter with its final place in the state. @internal */
export interface PlacedParameter {
  layer: string;
  param: string;
  value: Tensor | QTensor;
  frozen: boolean;
}

/**
 * Applies `mapping` (if any) to stored parameters and checks that no two land on the
 * same place. With a mapping, tensors it does not place are an error unless `unmapped`
 * is `'keep'`; `report` receives what was kept and skipped.
 *
 * @internal
 */
export function placeParameters(
  stored: readonly StoredParameter[],
  mapping: TensorMapping | undefined,
  unmapped: 'error' | 'keep' = 'error',
  report?: (report: LoadReport) => void,
): PlacedParameter[] {
  if (unmapped !== 'error' && unmapped !== 'keep') throw new SafetensorsError(`expected unmapped to be 'error' or 'keep', got ${shortJson(unmapped)}`);
  if (mapping !== undefined && typeof mapping !== 'function' && (mapping === null || typeof mapping !== 'object')) {
    throw new SafetensorsError(`expected mapping to be a record of names or a function, got ${shortJson(mapping)}`);
  }
  const used = new Set<string>();
  const placed: PlacedParameter[] = [];
  const origin = new Map<string, string>();
  const kept: string[] = [];
  const skipped: string[] = [];
  for (const parameter of stored) {
    const { sourceName } = parameter;
    let entry: MappingEntry | undefined;
    if (typeof mapping === 'function') entry = mapping(sourceName, parameter.value);
    else if (mapping && Object.hasOwn(mapping, sourceName)) {
      entry = mapping[sourceName];
      used.add(sourceName);
    }
    if (entry === null) {
      skipped.push(sourceName);
      continue;
    }
    if (entry === undefined && mapping !== undefined) kept.push(sourceName);
    const target = entry === undefined ? (parameter.key ?? splitName(sourceName, sourceName)) : resolveEntry(entry, sourceName);
    const value = isRule(entry) && entry.transpose === true ? transposed(parameter.value, sourceName) : parameter.value;
    const [layer, param] = target;
    const place = JSON.stringify([layer, param]);
    const previous = origin.get(place);
    if (previous !== undefined) {
      throw new SafetensorsError(`${quoteName(previous)} and ${quoteName(sourceName)} both load into layer ${quoteName(layer)} parameter ${quoteName(param)}`, {
        tensorName: sourceName,
      });
    }
    origin.set(place, sourceName);
    placed.push({ layer, param, value, frozen: parameter.frozen });
  }
  if (mapping && typeof mapping === 'object') {
    const unused = Object.keys(mapping).filter((name) => !used.has(name));
    if (unused.length > 0) {
      const available = stored.map((parameter) => quoteName(parameter.sourceName)).slice(0, 8);
      throw new SafetensorsError(
        `mapping names ${quoteName(unused[0]!)}, which is not in the file; the file has ${available.join(', ')}${stored.length > 8 ? ', ...' : ''}`,
        { tensorName: unused[0] },
      );
    }
  }
  if (kept.length > 0 && unmapped === 'error') {
    const listed = kept.slice(0, 8).map(quoteName).join(', ');
    throw new SafetensorsError(
      `the mapping does not name ${kept.length} tensor${kept.length === 1 ? '' : 's'} of the file: ${listed}${kept.length > 8 ? ', ...' : ''}; map ${kept.length === 1 ? 'it' : 'each'} to a parameter, skip ${kept.length === 1 ? 'it' : 'them'} with null, or pass unmapped: 'keep' to load ${kept.length === 1 ? 'it' : 'them'} under ${kept.length === 1 ? 'its' : 'their'} own name${kept.length === 1 ? '' : 's'}`,
      { tensorName: kept[0] },
    );
  }
  if (mapping !== undefined) report?.({ unmapped: kept, skipped });
  return placed;
}

function isRule(entry: MappingEntry | undefined): entry is MappingRule {
  return entry !== null && typeof entry === 'object' && !Array.isArray(entry);
}

function resolveEntry(entry: MappingEntry, sourceName: string): readonly [string, string] {
  const target = isRule(entry) ? entry.to : entry;
  if (typeof target === 'string') return splitName(target, sourceName);
  if (Array.isArray(target) && target.length === 2 && typeof target[0] === 'string' && typeof target[1] === 'string') {
    return [target[0], target[1]];
  }
  throw new SafetensorsError(
    `mapping for ${quoteName(sourceName)}: expected '<layer>.<param>', [layer, param], { to, transpose? } or null, got ${shortJson(entry)}`,
    { tensorName: sourceName },
  );
}

/** `<layer>.<param>` split at the last `.`; both parts must be non-empty. */
function splitName(name: string, sourceName: string): readonly [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) {
    throw new SafetensorsError(
      `cannot tell layer from parameter in ${quoteName(name)}${name === sourceName ? '' : ` (the mapping target of ${quoteName(sourceName)})`}: expected '<layer>.<param>'; pass a mapping to name it`,
      { tensorName: sourceName },
    );
  }
  return [name.slice(0, dot), name.slice(dot + 1)];
}

function transposed(value: Tensor | QTensor, sourceName: string): Tensor {
  if (value instanceof QTensor) {
    throw new SafetensorsError(`mapping for ${quoteName(sourceName)}: cannot transpose a QTensor (its scales are per output column)`, {
      tensorName: sourceName,
    });
  }
  if (value.rank !== 2) {
    throw new SafetensorsError(`mapping for ${quoteName(sourceName)}: transpose needs a rank-2 tensor, found shape [${value.shape.join(', ')}]`, {
      tensorName: sourceName,
    });
  }
  return transpose(value);
}
