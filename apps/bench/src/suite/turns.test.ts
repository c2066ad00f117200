import { describe, expect, it } from 'vitest';
import { measureInTurns, type TurnsPolicy } from './turns.js';

/** A fake clock and two contenders whose calls take `a` and `b` ms; `log` records who ran. */
function contenders(a: number, b: number) {
  let time = 0;
  const log: string[] = [];
  return {
    now: () => time,
    first: async () => {
      time += a;
      log.push('a');
    },
    second: async () => {
      time += b;
      log.push('b');
    },
    log,
  };
}

const policy: TurnsPolicy = { warmup: 1, burst: 2, minRounds: 2, maxRounds: 10, budgetMs: 30 };

describe('measureInTurns', () => {
  it('warms both up, then alternates bursts, swapping who goes first each round', async () => {
    const c = contenders(1, 2);
    const turns = await measureInTurns(c.first, c.second, policy, c.now);
    // warm-up a b; 6 ms per round; the budget of 30 ms is spent after 5 rounds
    expect(turns.rounds).toBe(5);
    expect(c.log.join('')).toBe('ab' + 'aabb' + 'bbaa' + 'aabb' + 'bbaa' + 'aabb');
    expect(turns.firstMs).toEqual(new Array(10).fill(1));
    expect(turns.secondMs).toEqual(new Array(10).fill(2));
  });

  it('keeps warming both up in turns until warmupMs has passed', async () => {
    const c = contenders(1, 2);
    await measureInTurns(c.first, c.second, { ...policy, minRounds: 1, maxRounds: 1, warmupMs: 9 }, c.now);
    // 1 counted warm-up pair, then pairs of 3 ms until 9 ms have passed (3 pairs), then one round
    expect(c.log.join('')).toBe('ab' + 'ababab' + 'aabb');
  });

  it('does at least minRounds and at most maxRounds', async () => {
    const slow = contenders(100, 100);
    expect((await measureInTurns(slow.first, slow.second, policy, slow.now)).rounds).toBe(2);
    const fast = contenders(0, 0);
    expect((await measureInTurns(fast.first, fast.second, policy, fast.now)).rounds).toBe(10);
  });

  it('rejects a policy that cannot measure anything, saying what it got', async () => {
    const c = contenders(1, 1);
    await expect(measureInTurns(c.first, c.second, { ...policy, burst: 0 }, c.now)).rejects.toThrow(/expected burst >= 1.*got burst 0/);
    await expect(measureInTurns(c.first, c.second, { ...policy, maxRounds: 1 }, c.now)).rejects.toThrow(/minRounds 2, maxRounds 1/);
    await expect(measureInTurns(c.first, c.second, { ...policy, warmup: 1.5 }, c.now)).rejects.toThrow(/expected warmup to be an integer, got 1.5/);
  });
});
