import { Prng, ValueError } from '@qaxon/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLOAT32_ACCUMULATION, checkConformancePrecision, conformanceTolerance } from './precision.js';

describe('conformanceTolerance', () => {
  it('is absolute + relative * (K + 2) * magnitude', () => {
    expect(conformanceTolerance({ relative: 0.5, absolute: 1 }, 6, 2)).toBe(1 + 0.5 * 8 * 2);
    expect(FLOAT32_ACCUMULATION).toEqual({ relative: 2 ** -23, absolute: 2 ** -126 });
  });

  it('bounds a float32 sequential dot product in the worst orders fast-check can find', () => {
    // Terms spanning 2^-30 to 2^30, positive or negative, with cancellation: the float32 running
    // sum (plus scale and bias roundings) stays within the bound against the float64 sum
    // rounded once.
    const f32 = Math.fround;
    const term = fc.tuple(fc.integer({ min: -30, max: 30 }), fc.double({ min: -2, max: 2, noNaN: true })).map(([e, m]) => f32(m * 2 ** e));
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 300 }), fc.float({ min: -100, max: 100, noNaN: true }), (terms, bias) => {
        const b = f32(bias);
        let running = 0;
        let exact = 0;
        let magnitude = Math.abs(b);
        for (const t of terms) {
          running = f32(running + t);
          exact += t;
          magnitude += Math.abs(t);
        }
        const backend = f32(f32(running * 1) + b);
        const reference = f32(exact + b);
        expect(Math.abs(backend - reference)).toBeLessThanOrEqual(conformanceTolerance(FLOAT32_ACCUMULATION, terms.length, magnitude));
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it('leaves typical float32 errors far below the bound (how much room it has)', () => {
    const rng = new Prng(11);
    let worst = 0;
    for (const inner of [16, 256, 4096]) {
      for (let trial = 0; trial < 20; trial++) {
        let running = 0;
        let exact = 0;
        let magnitude = 0;
        for (let k = 0; k < inner; k++) {
          const t = Math.fround(rng.nextNormal() * rng.nextNormal());
          running = Math.fround(running + t);
          exact += t;
          magnitude += Math.abs(t);
        }
        worst = Math.max(worst, Math.abs(running - Math.fround(exact)) / conformanceTolerance(FLOAT32_ACCUMULATION, inner, magnitude));
      }
    }
    expect(worst).toBeLessThan(0.25);
  });
});

describe('checkConformancePrecision', () => {
  it('refuses negative, NaN or missing fields', () => {
    expect(() => checkConformancePrecision({ relative: 0, absolute: 0 }, 'x')).not.toThrow();
    expect(() => checkConformancePrecision({ relative: -1, absolute: 0 }, 'gpu')).toThrow(new ValueError('gpu: expected precision.relative to be a finite number >= 0, got -1'));
    expect(() => checkConformancePrecision({ relative: 0, absolute: Number.NaN }, 'gpu')).toThrow(ValueError);
    expect(() => checkConformancePrecision({ relative: 0 } as never, 'gpu')).toThrow(/precision.absolute/);
    expect(() => checkConformancePrecision(undefined as never, 'gpu')).toThrow(/precision.relative/);
  });
});
