import type { Backend, Handle } from '@qaxon/tensor';
import type { PlannedLayer } from './plan.js';

/**
 * The step after which each step's output is no longer needed: the last step that reads
 * it, or the step itself when none does; the final step's output is needed to the end (`plan.length`).
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { lastUses, planGraph } from '@qaxon/graph/internals';
 * console.log(lastUses(planGraph(dense(dense(input('x'), 2), 2), BUILT_IN_LAYERS))); // [1, 2, 3]: the output is kept to the end
 * ```
 */
const LAST_USES = new WeakMap<readonly PlannedLayer[], readonly number[]>();

/** {@link lastUses}, computed once per plan (a built model predicts with the same plan every time). */
export function cachedLastUses(plan: readonly PlannedLayer[]): readonly number[] {
  let last = LAST_USES.get(plan);
  if (last === undefined) {
    last = Object.freeze(lastUses(plan));
    LAST_USES.set(plan, last);
  }
  return last;
}

export function lastUses(plan: readonly PlannedLayer[]): number[] {
  const last = plan.map((_, index) => index);
  plan.forEach((step, index) => step.parentIndexes.forEach((parent) => (last[parent] = Math.max(last[parent]!, index))));
  if (plan.length > 0) last[plan.length - 1] = plan.length;
  return last;
}

/**
 * The handles one predict made on the backend (inputs and layer outputs), released as soon
 * as no later step needs them. Handles it must never release (weights, placed
 * parameters) are `kept`. A layer may return one of its inputs (dropout does): a handle is
 * released only when no step output that is still needed is the same handle.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { HandleLifetimes } from '@qaxon/graph/internals';
 * const lifetimes = new HandleLifetimes(referenceBackend, [1, 1]);
 * ```
 */
export class HandleLifetimes {
  readonly #backend: Backend;
  readonly #lastUse: readonly number[];
  readonly #outputs: (Handle | undefined)[] = [];
  /** For each handle that is a step output: the last step that needs it (a handle may be the output of several steps). */
  readonly #neededUntil = new Map<Handle, number>();
  readonly #kept = new Set<Handle>();
  readonly #released = new Set<Handle>();

  constructor(backend: Backend, lastUse: readonly number[]) {
    this.#backend = backend;
    this.#lastUse = lastUse;
  }

  /** Marks handles that are not the predict's to release (weights). */
  keep(handle: Handle): void {
    this.#kept.add(handle);
  }

  /** Records the output of step `index`. */
  setOutput(index: number, handle: Handle): void {
    this.#outputs[index] = handle;
    const until = this.#lastUse[index]!;
    const before = this.#neededUntil.get(handle);
    if (before === undefined || before < until) this.#neededUntil.set(handle, until);
  }

  /** The output of step `index`. */
  output(index: number): Handle {
    return this.#outputs[index]!;
  }

  /** After step `index` ran: releases the outputs whose last use it was (those no later step needs). */
  stepDone(index: number): void {
    const steps = lastUsedAt(this.#lastUse)[index];
    if (steps === undefined) return;
    for (const step of steps) {
      const handle = this.#outputs[step];
      if (handle !== undefined && this.#neededUntil.get(handle)! <= index) this.release(handle);
    }
  }

  /** Releases every handle made by the predict that is still held (after the output was downloaded, or on an error). */
  releaseAll(): void {
    for (const handle of this.#outputs) if (handle !== undefined) this.release(handle);
  }

  /** Releases one handle unless it is kept or already released. */
  release(handle: Handle): void {
    if (this.#kept.has(handle) || this.#released.has(handle)) return;
    this.#released.add(handle);
    this.#backend.release(handle);
  }
}

const LAST_USED_AT = new WeakMap<readonly number[], readonly (readonly number[] | undefined)[]>();

/** The inverse of `lastUse`: for each step index, the steps whose output it uses last (computed once per `lastUse` array). */
function lastUsedAt(lastUse: readonly number[]): readonly (readonly number[] | undefined)[] {
  let inverse = LAST_USED_AT.get(lastUse);
  if (inverse === undefined) {
    const steps: number[][] = [];
    lastUse.forEach((at, step) => (steps[at] ??= []).push(step));
    inverse = steps;
    LAST_USED_AT.set(lastUse, inverse);
  }
  return inverse;
}
