/**
 * How a {@link QTensor}'s values map to its scales and zero points: the bits per value,
 * the quantized axis (the axis the scales run along) and an optional group size along the
 * other (reduced) axis. Internal: the public face is `QTensorOptions` and the QTensor
 * getters.
 *
 * @module
 */
import { ValueError } from './errors.js';
import { describeValue } from './describe.js';
import { formatShape } from './shape.js';

/**
 * The layout options of a QTensor: the bits per value, the quantized axis and an optional
 * group size. Every field is optional: `{}` is the per-channel int8 layout of a dense
 * kernel `[in, units]` (8 bits, axis 1, one scale per output column).
 *
 * - `bits`: 8, or 4 (values in `[-8, 7]`, stored packed two per byte along axis 0, see
 *   `packInt4`).
 * - `axis`: the axis the scales run along, 0 or 1 (or -2, -1); default the last axis, 1
 *   (one scale per output column of a kernel `[in, units]`). A gather table
 *   `[rows, columns]` quantized per row uses axis 0.
 * - `groupSize`: values per scale along the other (reduced) axis; the scales (and zero
 *   points) are then `[groups, channels]` with `groups = reduced / groupSize`, e.g.
 *   `[in / groupSize, units]` for a kernel. `undefined`: one scale per channel, `[channels]`.
 *   With 8 bits it must divide the reduced axis; with 4 bits the last group may be
 *   shorter (`groups = ceil(reduced / groupSize)`), and with the groups along axis 0 (a
 *   kernel's `in`, the packed axis) it must be even so that no byte straddles two groups.
 * - `packedRows`: only for 4 bits given already packed (the `QTensor` constructor's
 *   `value` is then the `[ceil(packedRows / 2), columns]` bytes): the number of rows
 *   (`in`) they stand for. Absent: `value` holds one 4-bit value per element, `[rows,
 *   columns]`, and the constructor packs it.
 *
 * @example
 * ```ts
 * import { QTensor, randomNormal, type QTensorOptions } from '@qaxon/tensor';
 * const options: QTensorOptions = { groupSize: 32 };
 * const q = QTensor.fromTensor(randomNormal([128, 16], { seed: 1 }), options);
 * console.log(q.scale.shape); // [4, 16]
 * ```
 */
export interface QTensorOptions {
  /** Bits per value: 8 (default) or 4. */
  readonly bits?: 8 | 4;
  /** The axis the scales run along: 1 (default, the last axis) or 0; -1 and -2 count from the end. */
  readonly axis?: number;
  /** Values per scale along the reduced axis (8 bits: must divide it; 4 bits: the last group may be shorter); `undefined` (default): one scale per channel. */
  readonly groupSize?: number | undefined;
  /** 4 bits only: the value is given packed, `[ceil(packedRows / 2), columns]` bytes standing for `packedRows` rows. */
  readonly packedRows?: number | undefined;
}

/** A checked layout with the sizes it implies, for a rank-2 value `[rows, columns]`. */
export interface ResolvedQTensorLayout {
  readonly bits: 8 | 4;
  readonly axis: 0 | 1;
  readonly groupSize: number | undefined;
  /** Size of the quantized axis: the number of channels (scales per group). */
  readonly channels: number;
  /** Size of the reduced axis (the other one). */
  readonly reduced: number;
  /** `ceil(reduced / groupSize)`, or 1 without groups. */
  readonly groups: number;
  /** `[channels]`, or `[groups, channels]` with a group size. */
  readonly scaleShape: readonly number[];
  /** Smallest and largest stored value: -128..127 for 8 bits, -8..7 for 4 bits. */
  readonly lowest: number;
  readonly highest: number;
  /** True for 4 bits: the values are stored two per byte along axis 0 (see `packInt4`). */
  readonly packed: boolean;
}

/** True for the layout every QTensor had before layouts existed: 8 bits, axis 1, no groups. */
export function isPerChannelInt8(layout: Pick<ResolvedQTensorLayout, 'bits' | 'axis' | 'groupSize'>): boolean {
  return layout.bits === 8 && layout.axis === 1 && layout.groupSize === undefined;
}

/**
 * Checks `options` against a value of shape `[rows, columns]` and returns the layout
 * with its sizes; a `ValueError` naming the expected and the given option otherwise.
 */
export function resolveQTensorLayout(shape: readonly [number, number], options: QTensorOptions | undefined, where: string): ResolvedQTensorLayout {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw new ValueError(`${where}: expected options to be an object { bits?, axis?, groupSize? }, got ${describeValue(options)}`);
  }
  const bits = options?.bits ?? 8;
  if (bits !== 8 && bits !== 4) throw new ValueError(`${where}: expected bits to be 8 or 4, got ${describeValue(bits)}`);
  const givenAxis = options?.axis ?? 1;
  if (!Number.isInteger(givenAxis) || givenAxis < -2 || givenAxis > 1) {
    throw new ValueError(`${where}: expected axis to be 0 or 1 (or -2, -1) for a value of shape ${formatShape(shape)}, got ${describeValue(givenAxis)}`);
  }
  const axis = (givenAxis < 0 ? givenAxis + 2 : givenAxis) as 0 | 1;
  const channels = shape[axis];
  const reducedAxis = axis === 1 ? 0 : 1;
  const reduced = shape[reducedAxis];
  const groupSize = options?.groupSize;
  let groups = 1;
  if (groupSize !== undefined) {
    if (!Number.isInteger(groupSize) || groupSize < 1) {
      throw new ValueError(`${where}: expected groupSize to be a positive integer (or undefined: one scale per channel), got ${describeValue(groupSize)}`);
    }
    if (bits === 4 && axis === 1 && groupSize % 2 !== 0) {
      throw new ValueError(
        `${where}: expected an even groupSize for 4-bit values grouped along axis 0 of shape ${formatShape(shape)} (two values share a byte along that axis, so a byte must not straddle two groups), got groupSize ${groupSize}`,
      );
    }
    if (bits === 8 && reduced % groupSize !== 0) {
      throw new ValueError(
        `${where}: expected groupSize to divide the reduced axis ${reducedAxis} (size ${reduced}) of shape ${formatShape(shape)}, got groupSize ${groupSize} (${reduced} / ${groupSize} is not a whole number of groups)`,
      );
    }
    groups = Math.ceil(reduced / groupSize);
  }
  const scaleShape = groupSize === undefined ? [channels] : [groups, channels];
  const [lowest, highest] = bits === 8 ? [-128, 127] : [-8, 7];
  return { bits, axis, groupSize, channels, reduced, groups, scaleShape, lowest, highest, packed: bits === 4 };
}

/**
 * The index into the scales (and zero points) of the value at `[row, column]`:
 * `group * channels + channel`, where the channel is the index along the quantized axis
 * and the group is the index along the reduced axis divided by the group size.
 */
export function scaleIndexOf(layout: Pick<ResolvedQTensorLayout, 'axis' | 'groupSize' | 'channels'>, row: number, column: number): number {
  const channel = layout.axis === 1 ? column : row;
  if (layout.groupSize === undefined) return channel;
  const along = layout.axis === 1 ? row : column;
  return Math.floor(along / layout.groupSize) * layout.channels + channel;
}

/** `[g, n]` or `n`: how messages name a scale index. */
export function describeScaleIndex(layout: Pick<ResolvedQTensorLayout, 'axis' | 'groupSize' | 'channels'>, index: number): string {
  const what = layout.axis === 1 ? 'output column' : 'row';
  if (layout.groupSize === undefined) return `scale index ${index} (${what} ${index})`;
  const group = Math.floor(index / layout.channels);
  const channel = index % layout.channels;
  return `scale index [${group}, ${channel}] (group ${group}, ${what} ${channel})`;
}
