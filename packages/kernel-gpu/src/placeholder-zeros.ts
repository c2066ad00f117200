import { untouchedZeros } from './untouched-zeros.js';

/**
 * The zeros that `uploadStreamed` hands gpu.js as the placeholder weights of WebAssembly
 * kernels (only read): one array, grown on demand and shared by the weights of one load,
 * dropped when a kernel next runs.
 */
export class PlaceholderZeros {
  #zeros: Float32Array | undefined;

  /** `length` zeros: a view of the shared array, made longer first when it is too short. */
  take(length: number): Float32Array {
    if (this.#zeros === undefined || this.#zeros.length < length) this.#zeros = untouchedZeros(Float32Array, length);
    return this.#zeros.subarray(0, length);
  }

  /** Lets the shared array go (the weights that read it hold their own data by then). */
  drop(): void {
    this.#zeros = undefined;
  }
}
