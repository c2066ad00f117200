import type { DType } from '../../dtype.js';
import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { describeValue } from '../../describe.js';
import { formatShape } from '../../shape.js';
import type { TensorSpec } from '../tensor-spec.js';


/** `x` (shape [2, 3], dtype 'f32'): how messages describe an input. */
export function describeInput(name: string, spec: TensorSpec): string {
  const kind = spec.quantization === undefined ? `'${spec.dtype}'` : `quantized (${spec.quantization.bits}-bit)`;
  return `${name} (shape ${formatShape(spec.shape)}, ${kind})`;
}

/**
 * Checks that input `name` of `op` is present, a plain (not quantized) tensor of one of
 * `dtypes` with a rank of at least `minRank`.
 */
export function checkPlainInput(op: string, name: string, spec: TensorSpec | undefined, dtypes: readonly DType[], minRank = 0): TensorSpec {
  if (spec === undefined || spec === null || typeof spec !== 'object' || !Array.isArray(spec.shape)) {
    throw new ValueError(`${op}: expected input '${name}' to be a handle or a tensor, got ${describeValue(spec)}`);
  }
  if (spec.quantization !== undefined) {
    throw new DTypeError(`${op}: expected ${name} to be a plain ${dtypes.map((d) => `'${d}'`).join(' or ')} tensor, got a quantized weight of shape ${formatShape(spec.shape)}`);
  }
  if (!dtypes.includes(spec.dtype)) {
    throw new DTypeError(`${op}: expected ${name} to have dtype ${dtypes.map((d) => `'${d}'`).join(' or ')}, got '${spec.dtype}' (shape ${formatShape(spec.shape)})`);
  }
  if (spec.shape.length < minRank) {
    throw new ShapeError(`${op}: expected ${name} to have rank >= ${minRank}, got shape ${formatShape(spec.shape)} (rank ${spec.shape.length})`);
  }
  return spec;
}

/** Checks that an attribute is a finite number (`positive`: also > 0). */
export function checkFiniteAttr(op: string, name: string, value: unknown, positive = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (positive && value <= 0)) {
    throw new ValueError(`${op}: expected attribute '${name}' to be a ${positive ? 'positive ' : ''}finite number, got ${describeValue(value)}`);
  }
  return value;
}

/** Checks that an attribute is an array of integers. */
export function checkIntegerList(op: string, name: string, value: unknown): readonly number[] {
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'number' && Number.isSafeInteger(entry))) {
    throw new ValueError(`${op}: expected attribute '${name}' to be an array of integers, got ${describeValue(value)}`);
  }
  return value as readonly number[];
}

/** Normalizes a possibly negative axis of a rank-`rank` input, naming the op and the attribute. */
export function checkAxis(op: string, name: string, axis: unknown, rank: number, of: string): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${op}: expected ${name} in [${-rank}, ${rank - 1}] for ${of} of rank ${rank}, got ${describeValue(axis)}`);
  }
  return axis < 0 ? axis + rank : axis;
}
