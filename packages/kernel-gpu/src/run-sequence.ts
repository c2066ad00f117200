/**
 * Runs `step(0) .. step(count - 1)` in order, handing each result to `consume`. Stays
 * synchronous while steps return plain values; from the first step that returns a promise
 * (WebGPU kernels do) on, it awaits each result, and returns a promise of the end.
 *
 * @example
 * ```ts
 * import { runSequence } from '@qaxon/kernel-gpu/internals';
 * const seen: number[] = [];
 * runSequence(3, (i) => i * 2, (_i, value) => seen.push(value as number)); // synchronous
 * console.log(seen); // [0, 2, 4]
 * ```
 */
export function runSequence(
  count: number,
  step: (index: number) => unknown,
  consume: (index: number, value: unknown) => void,
): void | Promise<void> {
  for (let index = 0; index < count; index++) {
    const value = step(index);
    if (isPromiseLike(value)) return finishAsync(index, value, count, step, consume);
    consume(index, value);
  }
}

async function finishAsync(
  first: number,
  pending: PromiseLike<unknown>,
  count: number,
  step: (index: number) => unknown,
  consume: (index: number, value: unknown) => void,
): Promise<void> {
  consume(first, await pending);
  for (let index = first + 1; index < count; index++) consume(index, await step(index));
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}
