/**
 * The `qaxon.quantization` metadata: the layout (bits, axis, group size) of each QTensor
 * whose layout is not the default per-channel int8, so that it loads back as it was saved.
 *
 * @module
 */
import type { QTensor, QTensorOptions } from '@qaxon/tensor';
import { quoteName, SafetensorsError, shortJson } from './errors.js';

/** Key of the QTensor layouts (JSON `{"<layer>": {"<param>": {"bits", "axis", "groupSize"?}}}`). @internal */
export const QUANTIZATION_KEY = 'qaxon.quantization';

const EXPECTED = 'JSON {"<layer>": {"<param>": {"bits": 8 | 4, "axis": 0 | 1, "groupSize"?: <positive integer>, "packed"?: "int4-pairs-along-axis-0", "rows"?: <rows>}}}';

/** How packed 4-bit values are stored (`QuantizationLayout.packed`): two per byte along axis 0. @internal */
export const INT4_PACKING = 'int4-pairs-along-axis-0';

/**
 * A checked layout from the file, with `axis` and `bits` always given; `packedRows` (the
 * file's `"rows"`) when the values are stored packed (`"packed": "int4-pairs-along-axis-0"`,
 * format 3). @internal
 */
export interface StoredQuantization extends QTensorOptions {
  readonly bits: 8 | 4;
  readonly axis: 0 | 1;
}

/** True when `q` has the layout every file had before layouts were stored: 8 bits, axis 1, no groups. @internal */
export function hasDefaultLayout(q: Pick<QTensor, 'bits' | 'axis' | 'groupSize'>): boolean {
  return q.bits === 8 && q.axis === 1 && q.groupSize === undefined;
}

/**
 * The `qaxon.quantization` value for the QTensors among `parameters` whose layout is not
 * the default, or `undefined` when every one has the default layout (the file is then
 * byte-identical to one written before layouts were stored).
 *
 * @internal
 */
export function encodeQuantizationLayouts(parameters: Iterable<{ layer: string; param: string; value: QTensor }>): string | undefined {
  const layers = new Map<string, string[]>();
  for (const { layer, param, value } of parameters) {
    if (hasDefaultLayout(value)) continue;
    const fields = [`"bits":${value.bits}`, `"axis":${value.axis}`];
    if (value.groupSize !== undefined) fields.push(`"groupSize":${value.groupSize}`);
    if (value.quantization.packed !== undefined) fields.push(`"packed":"${INT4_PACKING}"`, `"rows":${value.shape[0]}`);
    let params = layers.get(layer);
    if (!params) layers.set(layer, (params = []));
    params.push(`${JSON.stringify(param)}:{${fields.join(',')}}`);
  }
  if (layers.size === 0) return undefined;
  return `{${[...layers].map(([layer, params]) => `${JSON.stringify(layer)}:{${params.join(',')}}`).join(',')}}`;
}

/**
 * Parses `qaxon.quantization` into layouts keyed by `JSON.stringify([layer, param])`,
 * checking each entry's fields and that it names a QTensor parameter of the file
 * (`qtensors`, keys as above). A `SafetensorsError` naming the entry and what was expected otherwise.
 *
 * @internal
 */
export function parseQuantizationLayouts(text: string, qtensors: ReadonlySet<string>): Map<string, StoredQuantization> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`metadata ${quoteName(QUANTIZATION_KEY)}: expected ${EXPECTED}, found invalid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isRecord(parsed)) throw new SafetensorsError(`metadata ${quoteName(QUANTIZATION_KEY)}: expected ${EXPECTED}, found ${shortJson(parsed)}`);
  const layouts = new Map<string, StoredQuantization>();
  for (const [layer, params] of Object.entries(parsed)) {
    if (!isRecord(params)) {
      throw new SafetensorsError(`metadata ${quoteName(QUANTIZATION_KEY)}: expected layer ${quoteName(layer)} to map parameter names to layouts, found ${shortJson(params)}`);
    }
    for (const [param, layout] of Object.entries(params)) {
      const key = JSON.stringify([layer, param]);
      const where = `metadata ${quoteName(QUANTIZATION_KEY)}: layer ${quoteName(layer)} parameter ${quoteName(param)}`;
      if (!qtensors.has(key)) throw new SafetensorsError(`${where}: expected a QTensor parameter ("qtensor" in ${quoteName('qaxon.parameters')}), but it is not one`);
      layouts.set(key, parseLayout(layout, where));
    }
  }
  return layouts;
}

function parseLayout(layout: unknown, where: string): StoredQuantization {
  if (!isRecord(layout)) throw new SafetensorsError(`${where}: expected a layout {"bits": 8 | 4, "axis": 0 | 1, "groupSize"?}, found ${shortJson(layout)}`);
  const known = ['bits', 'axis', 'groupSize', 'packed', 'rows'];
  const unknown = Object.keys(layout).filter((field) => !known.includes(field));
  if (unknown.length > 0) throw new SafetensorsError(`${where}: expected only the fields "bits", "axis", "groupSize", "packed" and "rows", found ${shortJson(unknown[0])}`);
  const { bits, axis, groupSize } = layout;
  if (bits !== 8 && bits !== 4) throw new SafetensorsError(`${where}: expected "bits" to be 8 or 4, found ${bits === undefined ? 'none' : shortJson(bits)}`);
  if (axis !== 0 && axis !== 1) throw new SafetensorsError(`${where}: expected "axis" to be 0 or 1, found ${axis === undefined ? 'none' : shortJson(axis)}`);
  const packing = parsePacking(layout, bits, where);
  if (groupSize === undefined) return { bits, axis, ...packing };
  if (typeof groupSize !== 'number' || !Number.isInteger(groupSize) || groupSize < 1) {
    throw new SafetensorsError(`${where}: expected "groupSize" to be a positive integer (or absent: one scale per channel), found ${shortJson(groupSize)}`);
  }
  return { bits, axis, groupSize, ...packing };
}

/** `"packed"` and `"rows"`: both or neither; packed values are 4-bit. */
function parsePacking(layout: Record<string, unknown>, bits: 8 | 4, where: string): { packedRows?: number } {
  const { packed, rows } = layout;
  if (packed === undefined && rows === undefined) return {};
  if (packed !== INT4_PACKING) throw new SafetensorsError(`${where}: expected "packed" to be ${shortJson(INT4_PACKING)} (with "rows"), found ${packed === undefined ? 'none' : shortJson(packed)}`);
  if (bits !== 4) throw new SafetensorsError(`${where}: expected "bits" 4 with "packed" ${shortJson(INT4_PACKING)}, found ${bits}`);
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) {
    throw new SafetensorsError(`${where}: expected "rows" (the unpacked rows of the packed values) to be an integer >= 0, found ${rows === undefined ? 'none' : shortJson(rows)}`);
  }
  return { packedRows: rows };
}

/**
 * The shape the scales (and zero points) of a QTensor with values `[rows, columns]` must
 * have under `layout`, after checking that the group size divides the reduced axis.
 *
 * @internal
 */
export function expectedScaleShape(base: string, valueShape: readonly number[], layout: StoredQuantization | undefined): number[] {
  const [storedRows, columns] = valueShape as [number, number];
  if (layout === undefined) return [columns];
  const rows = layout.packedRows ?? storedRows;
  if (layout.packedRows !== undefined && storedRows !== (rows + 1) >> 1) {
    throw new SafetensorsError(
      `QTensor ${quoteName(base)}: tensor ${quoteName(`${base}.value`)} holds [${storedRows}, ${columns}] bytes, but metadata ${quoteName(QUANTIZATION_KEY)} gives packed 4-bit values of ${rows} rows; expected [${(rows + 1) >> 1}, ${columns}] (two rows per byte row)`,
      { tensorName: `${base}.value` },
    );
  }
  const channels = layout.axis === 1 ? columns : rows;
  if (layout.groupSize === undefined) return [channels];
  const reduced = layout.axis === 1 ? rows : columns;
  if (layout.bits === 4) {
    // 4 bits: the last group may be shorter; along the packed axis 0 the group size is even.
    if (layout.axis === 1 && layout.groupSize % 2 !== 0) {
      throw new SafetensorsError(
        `QTensor ${quoteName(base)}: metadata ${quoteName(QUANTIZATION_KEY)} gives 4-bit groupSize ${layout.groupSize} along axis 0; expected an even group size (two values share a byte)`,
        { tensorName: `${base}.value` },
      );
    }
    return [Math.ceil(reduced / layout.groupSize), channels];
  }
  if (reduced % layout.groupSize !== 0) {
    throw new SafetensorsError(
      `QTensor ${quoteName(base)}: metadata ${quoteName(QUANTIZATION_KEY)} gives groupSize ${layout.groupSize}, which does not divide axis ${1 - layout.axis} (size ${reduced}) of its values [${rows}, ${columns}]; expected a divisor of ${reduced}`,
      { tensorName: `${base}.value` },
    );
  }
  return [reduced / layout.groupSize, channels];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
