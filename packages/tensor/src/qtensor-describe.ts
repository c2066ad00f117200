/**
 * Words for a {@link QTensor}'s layout: the suffix of `toString` and the note behind an
 * expected scale shape in the constructor's errors. Internal.
 *
 * @module
 */
import { formatShape } from './shape.js';
import { isPerChannelInt8, type ResolvedQTensorLayout } from './qtensor-layout.js';

/** `QTensor<s4>[784, 128] (groups of 32)`: what `QTensor.toString` returns. */
export function describeQTensor(layout: ResolvedQTensorLayout, shape: readonly number[]): string {
  return `QTensor<s${layout.bits}>${formatShape(shape)}${layoutSuffix(layout)}`;
}

/** ` (groups of 2 along axis 0, 3 channels along axis 1)`: the layout behind an expected scale shape. */
export function layoutNote(layout: ResolvedQTensorLayout): string {
  if (isPerChannelInt8(layout)) return '';
  const groups = layout.groupSize === undefined ? '' : `${layout.groups} groups of ${layout.groupSize} along axis ${1 - layout.axis}, `;
  return ` (${groups}${layout.channels} channels along axis ${layout.axis})`;
}

function layoutSuffix(layout: ResolvedQTensorLayout): string {
  const notes: string[] = [];
  if (layout.axis === 0) notes.push('per row');
  if (layout.groupSize !== undefined) notes.push(`groups of ${layout.groupSize}`);
  return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
}
