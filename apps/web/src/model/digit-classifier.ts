import { build, type BuiltModel, type Model, type ModelState } from '@qaxon/graph';
import { quantizeModel } from '@qaxon/quantization';
import { Tensor, type Backend } from '@qaxon/tensor';
import { MNIST_PIXELS, mnistModel } from './mnist-model.js';
import { argmax, probabilityRows, type Prediction } from './prediction.js';

/**
 * The float model and its int8 twin side by side.
 *
 * @example
 * ```ts
 * const both: ModelPair<number> = { float: 7, int8: 7 };
 * ```
 */
export interface ModelPair<T> {
  float: T;
  int8: T;
}

/**
 * Runs the float MNIST MLP and its weight-only int8 quantization on one backend, timing
 * each `predict`.
 *
 * @example
 * ```ts
 * const classifier = new DigitClassifier(backend, floatState, int8State);
 * const { float, int8 } = await classifier.classify(pixels);
 * console.log(float.digit, int8.digit, int8.latencyMs);
 * ```
 */
export class DigitClassifier {
  readonly #float: BuiltModel;
  readonly #int8: BuiltModel;
  readonly #states: ModelPair<ModelState>;
  readonly #warm: WeakSet<ModelState>;

  /**
   * @param backend - where the dense kernels run.
   * @param floatState - the trained float parameters of {@link mnistModel}.
   * @param int8State - `quantize(mnistModel(), floatState)[1]` (computed in the page or loaded).
   * @param warm - states that already ran on this backend (their weights are uploaded); shared
   *   between classifiers of one backend so `firstRun` is only set on a real first run.
   */
  constructor(backend: Backend, floatState: ModelState, int8State: ModelState, warm: WeakSet<ModelState> = new WeakSet()) {
    const model: Model = mnistModel();
    this.#float = build(model, { backend });
    this.#int8 = build(quantizeModel(model), { backend });
    this.#states = { float: floatState, int8: int8State };
    this.#warm = warm;
  }

  /** Classifies one 28 x 28 image (784 grey levels in [0, 1]) with both models. */
  async classify(pixels: Float32Array): Promise<ModelPair<Prediction>> {
    const x = imagesTensor(pixels, 1);
    const float = await this.#timed(this.#float, this.#states.float, x);
    const int8 = await this.#timed(this.#int8, this.#states.int8, x);
    return { float, int8 };
  }

  /** The class probabilities of `count` images (stored back to back) from both models, in one batch each. */
  async probabilities(images: Float32Array, count: number): Promise<ModelPair<number[][]>> {
    const x = imagesTensor(images, count);
    const float = probabilityRows(await this.#float.predict(this.#states.float, x));
    const int8 = probabilityRows(await this.#int8.predict(this.#states.int8, x));
    return { float, int8 };
  }

  async #timed(model: BuiltModel, state: ModelState, x: Tensor<'f32'>): Promise<Prediction> {
    const started = performance.now();
    const output = await model.predict(state, x);
    const latencyMs = performance.now() - started;
    const probabilities = probabilityRows(output)[0] as number[];
    const firstRun = !this.#warm.has(state);
    this.#warm.add(state);
    return { digit: argmax(probabilities), probabilities, latencyMs, firstRun };
  }
}

function imagesTensor(images: Float32Array, count: number): Tensor<'f32'> {
  if (!Number.isInteger(count) || count < 1 || images.length !== count * MNIST_PIXELS) {
    throw new RangeError(`DigitClassifier: expected ${count} images of ${MNIST_PIXELS} pixels (${count * MNIST_PIXELS} values), got ${images.length} values`);
  }
  return new Tensor(images, [count, MNIST_PIXELS], 'f32');
}
