import { QTensor, Tensor, type Handle } from '@qaxon/tensor';
import { quoteName, SafetensorsError, shortJson } from './errors.js';
import { encodeQuantizationLayouts, expectedScaleShape, parseQuantizationLayouts, QUANTIZATION_KEY, type StoredQuantization } from './quantization-metadata.js';
import type { SafetensorsContents } from './read-safetensors.js';

/**
 * The `__metadata__` keys qaxon writes next to a model state's tensors:
 *
 * - `qaxon.format`: the layout version, `"1"`, or `"2"` when `qaxon.quantization` is
 *   present (so that readers from before QTensor layouts refuse the file instead of
 *   loading a 4-bit, group-wise or per-row QTensor as per-channel int8);
 * - `qaxon.parameters`: JSON `{"<layer>": {"<param>": "tensor" | "qtensor"}}`, the exact
 *   layer/parameter split of every tensor (so layer names containing `.` round-trip) and
 *   which parameters are QTensors;
 * - `qaxon.frozen`: JSON `[["<layer>", "<param>"], ...]`, the frozen parameters;
 * - `qaxon.quantization` (only when some QTensor's layout is not per-channel int8): JSON
 *   `{"<layer>": {"<param>": {"bits": 8 | 4, "axis": 0 | 1, "groupSize"?: n}}}`, the
 *   layout of those QTensors (see `QTensorOptions`); their scales and zero points are
 *   stored with their shapes (`[groups, channels]` for a group size).
 *
 * Tensor names are `<layer>.<param>` for a tensor and `<layer>.<param>.value` (I8),
 * `.scale` (F32), `.zero_point` (I8) for the parts of a QTensor.
 *
 * @example
 * ```ts
 * import { QAXON_METADATA } from '@qaxon/safetensors';
 * console.log(QAXON_METADATA.format, QAXON_METADATA.version); // qaxon.format 1
 * ```
 */
export const QAXON_METADATA = {
  /** Key of the layout version. */
  format: 'qaxon.format',
  /** The layout version of files whose QTensors are all per-channel int8 (and of files without QTensors). */
  version: '1',
  /** The layout version of files with `qaxon.quantization`; this package reads every version. */
  versionWithLayouts: '2',
  /**
   * The layout version of files with packed s4 QTensors: `.value` holds `[ceil(in / 2), units]`
   * bytes (two 4-bit values per byte along `in`), the layout says `"packed"` and `"rows"`,
   * and `.zero_point` is left out when the zero points are all 0.
   */
  versionWithPackedValues: '3',
  /** Key of the layer/parameter layout (JSON). */
  parameters: 'qaxon.parameters',
  /** Key of the frozen parameters (JSON). */
  frozen: 'qaxon.frozen',
  /** Key of the QTensor layouts other than per-channel int8 (JSON). */
  quantization: QUANTIZATION_KEY,
} as const;

/** Suffixes of the three tensors a QTensor is stored as. */
const PART_SUFFIX = { value: '.value', scale: '.scale', zeroPoint: '.zero_point' } as const;

/** One parameter of a state on its way to or from a file. @internal */
export interface StoredParameter<V = Tensor | QTensor> {
  /** `[layer, param]` when known exactly (qaxon files); undefined for names from foreign files. */
  key: readonly [string, string] | undefined;
  /** The name a mapping refers to: `<layer>.<param>` (qaxon files) or the tensor name. */
  sourceName: string;
  value: V;
  frozen: boolean;
}

/**
 * What decoding a state's layout needs of a tensor: its dtype and shape. A `Tensor`, or a
 * tensor whose data is still in the file (loading onto a backend reads it later).
 *
 * @internal
 */
export type TensorShapeInfo = Pick<Tensor, 'dtype' | 'rank' | 'shape'>;

/**
 * Makes a quantized parameter from its three checked parts (`QTensor`'s constructor for
 * host tensors). Throws what `QTensor` throws for bad scale values.
 *
 * @internal
 */
export type QTensorAssembler<T, Q> = (value: T, scale: T, zeroPoint: T | undefined, layout: StoredQuantization | undefined) => Q;

const hostQTensor: QTensorAssembler<Tensor, QTensor> = (value, scale, zeroPoint, layout) =>
  new QTensor(value as Tensor<'s8'>, scale as Tensor<'f32'>, zeroPoint as Tensor<'s8'> | undefined, layout);

/**
 * Flattens parameters into named tensors and the qaxon metadata. Two parameters whose
 * names would coincide (layer `a.b` param `c` and layer `a` param `b.c`) are refused.
 *
 * @internal
 */
export function encodeStateLayout(parameters: Iterable<{ layer: string; param: string; value: Tensor | QTensor | Handle; frozen: boolean }>): {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
} {
  const tensors = Object.create(null) as Record<string, Tensor>;
  const owner = new Map<string, string>();
  const layout: string[] = [];
  const layerFields = new Map<string, string[]>();
  const frozen: string[] = [];
  const qtensors: { layer: string; param: string; value: QTensor }[] = [];
  const add = (name: string, tensor: Tensor, description: string): void => {
    const previous = owner.get(name);
    if (previous !== undefined) {
      throw new SafetensorsError(
        `cannot store ${description} and ${previous}: both would be saved as tensor ${quoteName(name)}; rename one of the layers`,
        { tensorName: name },
      );
    }
    owner.set(name, description);
    tensors[name] = tensor;
  };
  for (const { layer, param, value, frozen: isFrozen } of parameters) {
    const description = `layer ${quoteName(layer)} parameter ${quoteName(param)}`;
    const base = `${layer}.${param}`;
    if (value instanceof QTensor) {
      if (value.type !== 's8' && value.type !== 's4') {
        throw new SafetensorsError(`cannot store ${description}: QTensor type ${quoteName(value.type)} is not supported; supported: s8, s4`);
      }
      add(base + PART_SUFFIX.value, value.value, `${description} (QTensor value)`);
      add(base + PART_SUFFIX.scale, value.scale, `${description} (QTensor scale)`);
      // Packed s4 with all-zero zero points: none stored (4 bits per weight + one f32 scale per group).
      const packedSymmetric = value.quantization.packed !== undefined && value.quantization.symmetric;
      if (!packedSymmetric) add(base + PART_SUFFIX.zeroPoint, value.zeroPoint, `${description} (QTensor zero point)`);
      qtensors.push({ layer, param, value });
    } else if (value instanceof Tensor) {
      add(base, value, description);
    } else if (isHandle(value)) {
      throw new SafetensorsError(
        `cannot store ${description}: it is a handle on backend ${quoteName(value.backend)} (its data is on the backend, not on the host); ` +
          'download the state first (backend.download for each tensor), or save the host state it was placed from',
      );
    } else {
      throw new SafetensorsError(`cannot store ${description}: expected a Tensor or a QTensor`);
    }
    let fields = layerFields.get(layer);
    if (!fields) layerFields.set(layer, (fields = []));
    fields.push(`${JSON.stringify(param)}:"${value instanceof QTensor ? 'qtensor' : 'tensor'}"`);
    if (isFrozen) frozen.push(JSON.stringify([layer, param]));
  }
  for (const [layer, fields] of layerFields) layout.push(`${JSON.stringify(layer)}:{${fields.join(',')}}`);
  const quantization = encodeQuantizationLayouts(qtensors);
  const metadata = Object.create(null) as Record<string, string>;
  const packed = qtensors.some(({ value }) => value.quantization.packed !== undefined);
  metadata[QAXON_METADATA.format] =
    quantization === undefined ? QAXON_METADATA.version : packed ? QAXON_METADATA.versionWithPackedValues : QAXON_METADATA.versionWithLayouts;
  metadata[QAXON_METADATA.parameters] = `{${layout.join(',')}}`;
  metadata[QAXON_METADATA.frozen] = `[${frozen.join(',')}]`;
  if (quantization !== undefined) metadata[QAXON_METADATA.quantization] = quantization;
  return { tensors, metadata };
}

/**
 * Groups a file's tensors into parameters: by the qaxon metadata when present (checking
 * that it and the tensors agree exactly), else one parameter per tensor.
 *
 * @internal
 */
export function decodeStateLayout(contents: SafetensorsContents): StoredParameter[];
export function decodeStateLayout<T extends TensorShapeInfo, Q>(
  contents: { tensors: Record<string, T>; metadata: Record<string, string> },
  assemble: QTensorAssembler<T, Q>,
): StoredParameter<T | Q>[];
export function decodeStateLayout<T extends TensorShapeInfo, Q>(
  { tensors, metadata }: { tensors: Record<string, T>; metadata: Record<string, string> },
  assemble: QTensorAssembler<T, Q> = hostQTensor as unknown as QTensorAssembler<T, Q>,
): StoredParameter<T | Q>[] {
  const version = metadata[QAXON_METADATA.format];
  if (version === undefined) {
    return Object.entries(tensors).map(([name, value]) => ({ key: undefined, sourceName: name, value, frozen: false }));
  }
  const versions: string[] = [QAXON_METADATA.version, QAXON_METADATA.versionWithLayouts, QAXON_METADATA.versionWithPackedValues];
  if (!versions.includes(version)) {
    throw new SafetensorsError(
      `metadata ${quoteName(QAXON_METADATA.format)} is ${quoteName(version)}; this version of @qaxon/safetensors reads formats ${versions.map(quoteName).join(', ')}`,
    );
  }
  const layout = parseLayout(metadata[QAXON_METADATA.parameters]);
  const frozen = parseFrozen(metadata[QAXON_METADATA.frozen]);
  const quantization = parseQuantization(version, metadata[QAXON_METADATA.quantization], layout);
  const claimed = new Map<string, string>();
  const take = (name: string, description: string): T => {
    const tensor = Object.hasOwn(tensors, name) ? tensors[name] : undefined;
    if (tensor === undefined) {
      throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.parameters)} lists ${description}, but the file has no tensor ${quoteName(name)}`, {
        tensorName: name,
      });
    }
    const previous = claimed.get(name);
    if (previous !== undefined) {
      throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.parameters)} gives tensor ${quoteName(name)} to both ${previous} and ${description}`, {
        tensorName: name,
      });
    }
    claimed.set(name, description);
    return tensor;
  };
  const parameters: StoredParameter<T | Q>[] = [];
  for (const [layer, param, kind] of layout) {
    const base = `${layer}.${param}`;
    const description = `layer ${quoteName(layer)} parameter ${quoteName(param)}`;
    const laidOut = quantization.get(JSON.stringify([layer, param]));
    // Packed s4 files leave out all-zero zero points.
    const zeroPointOptional = laidOut?.packedRows !== undefined && !Object.hasOwn(tensors, base + PART_SUFFIX.zeroPoint);
    const value =
      kind === 'tensor'
        ? take(base, description)
        : assembleQTensor(
            base,
            take(base + PART_SUFFIX.value, `${description} (QTensor value)`),
            take(base + PART_SUFFIX.scale, `${description} (QTensor scale)`),
            zeroPointOptional ? undefined : take(base + PART_SUFFIX.zeroPoint, `${description} (QTensor zero point)`),
            laidOut,
            assemble,
          );
    parameters.push({ key: [layer, param], sourceName: base, value, frozen: frozen.has(JSON.stringify([layer, param])) });
  }
  const unclaimed = Object.keys(tensors).filter((name) => !claimed.has(name));
  if (unclaimed.length > 0) {
    throw new SafetensorsError(
      `tensor ${quoteName(unclaimed[0]!)} is not listed in metadata ${quoteName(QAXON_METADATA.parameters)}${unclaimed.length > 1 ? ` (nor are ${unclaimed.length - 1} more)` : ''}`,
      { tensorName: unclaimed[0] },
    );
  }
  const declared = new Set(layout.map(([layer, param]) => JSON.stringify([layer, param])));
  for (const key of frozen) {
    if (!declared.has(key)) {
      throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.frozen)} freezes ${key}, which is not a parameter of the file`);
    }
  }
  return parameters;
}

function parseQuantization(version: string, text: string | undefined, layout: readonly [string, string, 'tensor' | 'qtensor'][]): Map<string, StoredQuantization> {
  const key = QAXON_METADATA.quantization;
  if (version === QAXON_METADATA.version) {
    if (text !== undefined) {
      throw new SafetensorsError(`metadata ${quoteName(key)} comes with format ${quoteName(QAXON_METADATA.versionWithLayouts)}, but ${quoteName(QAXON_METADATA.format)} is ${quoteName(version)}`);
    }
    return new Map();
  }
  if (text === undefined) {
    throw new SafetensorsError(
      `metadata ${quoteName(QAXON_METADATA.format)} is ${quoteName(version)}, but ${quoteName(key)} is missing; expected the layouts of the file's QTensors {"<layer>": {"<param>": {"bits", "axis", "groupSize"?}}}`,
    );
  }
  const qtensors = new Set(layout.filter(([, , kind]) => kind === 'qtensor').map(([layer, param]) => JSON.stringify([layer, param])));
  const layouts = parseQuantizationLayouts(text, qtensors);
  if (version !== QAXON_METADATA.versionWithPackedValues) {
    for (const [param, laidOut] of layouts) {
      if (laidOut.packedRows !== undefined) {
        throw new SafetensorsError(
          `metadata ${quoteName(key)} gives ${param} packed 4-bit values, which come with format ${quoteName(QAXON_METADATA.versionWithPackedValues)}, but ${quoteName(QAXON_METADATA.format)} is ${quoteName(version)}`,
        );
      }
    }
  }
  return layouts;
}

function assembleQTensor<T extends TensorShapeInfo, Q>(
  base: string,
  value: T,
  scale: T,
  zeroPoint: T | undefined,
  layout: StoredQuantization | undefined,
  assemble: QTensorAssembler<T, Q>,
): Q {
  const fail = (name: string, expected: string, found: TensorShapeInfo): never => {
    throw new SafetensorsError(
      `QTensor ${quoteName(base)}: expected tensor ${quoteName(name)} to be ${expected}, found ${found.dtype} [${found.shape.join(', ')}]`,
      { tensorName: name },
    );
  };
  if (value.dtype !== 's8' || value.rank !== 2) fail(base + PART_SUFFIX.value, 'I8 of rank 2 [in, units]', value);
  const shape = expectedScaleShape(base, value.shape, layout);
  const laid = layout === undefined ? '' : ` (layout ${JSON.stringify(layout)} in metadata ${quoteName(QAXON_METADATA.quantization)})`;
  const matches = (tensor: TensorShapeInfo) => tensor.rank === shape.length && tensor.shape.every((d, i) => d === shape[i]);
  if (scale.dtype !== 'f32' || !matches(scale)) fail(base + PART_SUFFIX.scale, `F32 of shape [${shape.join(', ')}]${laid}`, scale);
  if (zeroPoint !== undefined && (zeroPoint.dtype !== 's8' || !matches(zeroPoint))) fail(base + PART_SUFFIX.zeroPoint, `I8 of shape [${shape.join(', ')}]${laid}`, zeroPoint);
  try {
    return assemble(value, scale, zeroPoint, layout);
  } catch (error) {
    // Dtypes and shapes are checked above: what is left is the values (scales, or 4-bit values and zero points).
    const reason = error instanceof Error ? error.message.replace(/^QTensor: /, '') : String(error);
    const part = / (zeroPoint|value) index /.exec(reason)?.[1];
    const name = base + (part === 'zeroPoint' ? PART_SUFFIX.zeroPoint : part === 'value' ? PART_SUFFIX.value : PART_SUFFIX.scale);
    throw new SafetensorsError(`QTensor ${quoteName(base)}: tensor ${quoteName(name)}: ${reason}`, { tensorName: name, cause: error });
  }
}

function isHandle(value: unknown): value is Handle {
  return value !== null && typeof value === 'object' && typeof (value as Partial<Handle>).backend === 'string' && Array.isArray((value as Partial<Handle>).shape);
}

function parseMetadataJson(key: string, text: string | undefined, expected: string): unknown {
  if (text === undefined) throw new SafetensorsError(`metadata ${quoteName(key)} is missing; expected ${expected} (it comes with "qaxon.format")`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`metadata ${quoteName(key)}: expected ${expected}, found invalid JSON (${(error as Error).message})`, { cause: error });
  }
}

function parseLayout(text: string | undefined): [string, string, 'tensor' | 'qtensor'][] {
  const expected = 'JSON {"<layer>": {"<param>": "tensor" | "qtensor"}}';
  const layout = parseMetadataJson(QAXON_METADATA.parameters, text, expected);
  const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isRecord(layout)) throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.parameters)}: expected ${expected}`);
  const out: [string, string, 'tensor' | 'qtensor'][] = [];
  for (const [layer, params] of Object.entries(layout)) {
    if (!isRecord(params)) {
      throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.parameters)}: expected layer ${quoteName(layer)} to map parameter names to "tensor" or "qtensor"`);
    }
    for (const [param, kind] of Object.entries(params)) {
      if (kind !== 'tensor' && kind !== 'qtensor') {
        throw new SafetensorsError(
          `metadata ${quoteName(QAXON_METADATA.parameters)}: expected layer ${quoteName(layer)} parameter ${quoteName(param)} to be "tensor" or "qtensor", found ${shortJson(kind)}`,
        );
      }
      out.push([layer, param, kind]);
    }
  }
  return out;
}

function parseFrozen(text: string | undefined): Set<string> {
  if (text === undefined) return new Set();
  const expected = 'JSON [["<layer>", "<param>"], ...]';
  const frozen = parseMetadataJson(QAXON_METADATA.frozen, text, expected);
  if (!Array.isArray(frozen)) throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.frozen)}: expected ${expected}`);
  const keys = new Set<string>();
  frozen.forEach((pair: unknown, index) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new SafetensorsError(`metadata ${quoteName(QAXON_METADATA.frozen)}: expected entry ${index} to be ["<layer>", "<param>"], found ${shortJson(pair)}`);
    }
    keys.add(JSON.stringify(pair));
  });
  return keys;
}
