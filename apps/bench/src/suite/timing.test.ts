import { describe, expect, it } from 'vitest';
import { measureCalls, type TimingPolicy } from './timing.js';

/** A fake clock where every call takes `costs[i]` ms (the last cost repeats). */
function fakeClock(costs: number[]) {
  let time = 0;
  let calls = 0;
  return {
    now: () => time,
    call: async () => {
      time += costs[Math.min(calls, costs.length - 1)]!;
      calls++;
    },
    calls: () => calls,
  };
}

const policy: TimingPolicy = { warmup: 2, minRuns: 3, maxRuns: 10, budgetMs: 50, slowCallMs: 1000 };

describe('measureCalls', () => {
  it('warms up, then times calls until the budget is spent', async () => {
    const clock = fakeClock([10, 10, 20]);
    const result = await measureCalls(clock.call, policy, clock.now);
    expect(result.warmupMs).toEqual([10, 10]);
    expect(result.samplesMs).toEqual([20, 20, 20]); // 60 ms >= 50 ms budget after 3 runs
    expect(result.note).toBeUndefined();
  });

  it('stops at maxRuns for fast calls', async () => {
    const clock = fakeClock([1]);
    const result = await measureCalls(clock.call, policy, clock.now);
    expect(result.samplesMs).toHaveLength(10);
    expect(clock.calls()).toBe(12);
  });

  it('does at least minRuns even when one call exceeds the budget', async () => {
    const clock = fakeClock([400]);
    const result = await measureCalls(clock.call, policy, clock.now);
    expect(result.warmupMs).toEqual([400]);
    expect(result.samplesMs).toEqual([400, 400, 400]);
  });

  it('warms up once and times 3 calls when a call takes more than half the budget', async () => {
    const clock = fakeClock([30]);
    const result = await measureCalls(clock.call, { ...policy, minRuns: 5 }, clock.now);
    expect(result.warmupMs).toEqual([30]);
    expect(result.samplesMs).toEqual([30, 30, 30]); // min(5, 3) runs, and 90 ms >= the 50 ms budget
  });

  it('times a single call, with a note, when the warm-up call is over the slow-call limit', async () => {
    const clock = fakeClock([3000]);
    const result = await measureCalls(clock.call, policy, clock.now);
    expect(result.warmupMs).toEqual([3000]); // the second warm-up is not made
    expect(result.samplesMs).toEqual([3000]);
    expect(clock.calls()).toBe(2);
    expect(result.note).toMatch(/one timed call: a call takes 3.0 s \(over the 1.0 s slow-call limit\)/);
  });
});
