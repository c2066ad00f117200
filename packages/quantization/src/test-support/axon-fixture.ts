// Reads the real Axon 0.8.1 outputs in test-data/axon-0.8.1 (see its README) as qaxon tensors.
import { readFileSync } from 'node:fs';
import { Tensor } from '@qaxon/tensor';

/** A tensor as the fixture writes it: float32 values carry their bits, integers their values. */
export interface FixtureTensor {
  type: string;
  shape: number[];
  bits_hex?: string[];
  values_flat_row_major: (number | string)[];
}

/** A QTensor as the fixture writes it. */
export interface FixtureQTensor {
  value: FixtureTensor;
  scale: FixtureTensor;
  zero_point: FixtureTensor;
}

/** What Axon's call gave: a result or the exception it raised. */
export type FixtureOutcome<T> = { ok: true; result: T } | { ok: false; exception: string; message: string };

const fixtureUrl = new URL('../../test-data/axon-0.8.1/axon-quantization-cases.json', import.meta.url);

/** The whole fixture file, parsed. */
export const axonCases: Record<string, unknown> = JSON.parse(readFileSync(fixtureUrl, 'utf8'));

/** The case named `name`, typed as the caller expects; throws if the file has no such case. */
export function axonCase<T>(name: string): T {
  const found = axonCases[name];
  if (found === undefined) throw new Error(`axon fixture: no case '${name}'`);
  return found as T;
}

/** The f32 tensor exactly as Axon held it, rebuilt from its bit patterns. */
export function f32FromBits(fixture: FixtureTensor): Tensor<'f32'> {
  if (fixture.type !== 'f32' || fixture.bits_hex === undefined) {
    throw new Error(`axon fixture: expected an f32 tensor with bits_hex, got type ${fixture.type}`);
  }
  const bits = Uint32Array.from(fixture.bits_hex, (hex) => Number.parseInt(hex, 16));
  return new Tensor(new Float32Array(bits.buffer), fixture.shape, 'f32');
}

/** The float32 bit patterns of values (a float32 tensor's data), as the fixture writes them (`0x3F800000`). */
export function bitsOf(values: ArrayLike<number>): string[] {
  const bits = new Uint32Array(Float32Array.from(values).buffer);
  return Array.from(bits, (b) => `0x${b.toString(16).toUpperCase().padStart(8, '0')}`);
}

/** The integer values of an integer tensor of the fixture (s8, s64). */
export function integersOf(fixture: FixtureTensor): number[] {
  return fixture.values_flat_row_major.map(Number);
}
