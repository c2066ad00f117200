import { referenceBackend } from '@qaxon/kernel-reference';
import { Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { measureOpBreakdown } from './op-breakdown.js';
import { timedBackend } from './timed-backend.js';

/** A clock that advances by `step` ms at every reading. */
function steppingClock(step: number): () => number {
  let time = 0;
  return () => (time += step);
}

describe('timedBackend', () => {
  it('times each kernel call per op and each transfer while recording, and nothing otherwise', async () => {
    const { backend, timer } = timedBackend(referenceBackend, steppingClock(1));
    const x = backend.upload(new Tensor(new Float32Array([1, -2]), [1, 2], 'f32'));
    const kernel = backend.upload(new Tensor(new Float32Array([1, 1]), [2, 1], 'f32'));
    await backend.kernels.dense!({ x, kernel }, {});
    expect(timer.totals.size).toBe(0);
    timer.recording = true;
    const y = await backend.kernels.dense!({ x, kernel }, {});
    await backend.kernels.relu!({ x }, {});
    await backend.kernels.relu!({ x }, {});
    // Each call reads the clock twice, one step apart.
    expect(Object.fromEntries(timer.totals)).toEqual({ dense: { calls: 1, ms: 1 }, relu: { calls: 2, ms: 2 } });
    // Everything else is the backend itself: its handles, its downloads.
    expect(backend.owns(y)).toBe(true);
    expect(referenceBackend.owns(y)).toBe(true);
    expect([...(await backend.download(y)).data]).toEqual([-1]);
    // Transfers count under their own names.
    expect(timer.totals.get('download')).toEqual({ calls: 1, ms: 1 });
    timer.reset();
    expect(timer.totals.size).toBe(0);
  });
});

describe('measureOpBreakdown', () => {
  it('averages kernel time per call and gives the share outside dense and quantizedDense', async () => {
    let time = 0;
    const x = referenceBackend.upload(new Tensor(new Float32Array([1, 2]), [1, 2], 'f32'));
    const kernel = x;
    // Fake kernels drive the clock, so the breakdown is known exactly.
    const fake = timedBackend(
      {
        ...referenceBackend,
        kernels: {
          dense: () => {
            time += 6;
            return x;
          },
          attention: () => {
            time += 2;
            return x;
          },
        },
      },
      () => time,
    );
    const breakdown = await measureOpBreakdown(
      async () => {
        time += 2; // executor, upload, download
        fake.backend.kernels.dense!({ x, kernel }, {});
        fake.backend.kernels.dense!({ x, kernel }, {});
        fake.backend.kernels.attention!({ query: x, key: x, value: x }, { heads: 1, kvHeads: 1, causal: false });
      },
      fake.timer,
      4,
      () => time,
    );
    expect(breakdown.calls).toBe(4);
    expect(breakdown.callMs).toBe(16);
    expect(breakdown.ops).toEqual([
      { op: 'dense', calls: 2, ms: 12 },
      { op: 'attention', calls: 1, ms: 2 },
    ]);
    expect(breakdown.nonDenseShare).toBeCloseTo(0.25, 12);
    expect(fake.timer.recording).toBe(false);
  });

  it('takes the median of the calls\' shares, so one call slowed outside the kernels does not move it', async () => {
    let time = 0;
    const x = referenceBackend.upload(new Tensor(new Float32Array([1]), [1, 1], 'f32'));
    const fake = timedBackend(
      {
        ...referenceBackend,
        kernels: {
          quantizedDense: () => {
            time += 9;
            return x;
          },
        },
      },
      () => time,
    );
    let call = 0;
    const breakdown = await measureOpBreakdown(
      async () => {
        time += call++ === 1 ? 91 : 1;
        fake.backend.kernels.quantizedDense!({ x, kernel: x }, {});
      },
      fake.timer,
      3,
      () => time,
    );
    expect(breakdown.callMs).toBe(40);
    expect(breakdown.nonDenseShare).toBeCloseTo(0.1, 12);
  });

  it('refuses a count of calls below 1', async () => {
    const { timer } = timedBackend(referenceBackend);
    await expect(measureOpBreakdown(async () => {}, timer, 0)).rejects.toThrow(/expected calls >= 1, got 0/);
  });
});
