import { QTensor } from '../qtensor.js';
import type { Tensor } from '../tensor.js';
import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';
import { ValueError } from '../errors.js';
import type { Handle, QuantizationLayout } from './handle.js';

/**
 * A {@link Handle} whose data is a host `Tensor` or `QTensor` (no copy): what the
 * reference backend hands out, and a building block for backends that keep some data on
 * the host. `value` throws once the handle was released.
 *
 * @example
 * ```ts
 * import { HostHandle, tensor } from '@qaxon/tensor';
 * const handle = new HostHandle('reference', tensor([1, 2]));
 * console.log(handle.shape, handle.value.data); // [2] Float32Array [1, 2]
 * ```
 */
export class HostHandle<V extends Tensor | QTensor = Tensor | QTensor> implements Handle {
  readonly backend: string;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly quantization: QuantizationLayout | undefined;
  #value: V | undefined;

  constructor(backend: string, value: V) {
    this.backend = backend;
    this.#value = value;
    this.shape = value.shape;
    if (value instanceof QTensor) {
      this.dtype = 'f32';
      this.quantization = value.quantization;
    } else {
      this.dtype = value.dtype;
      this.quantization = undefined;
    }
  }

  /** The host data; a `ValueError` once released. */
  get value(): V {
    if (this.#value === undefined) throw new ValueError(`a ${this.backend} handle of shape [${this.shape.join(', ')}] was used after it was released`);
    return this.#value;
  }

  /** False once released. */
  get live(): boolean {
    return this.#value !== undefined;
  }

  /** Drops the reference to the data (the garbage collector frees it when nothing else holds it). */
  release(): void {
    this.#value = undefined;
  }
}
