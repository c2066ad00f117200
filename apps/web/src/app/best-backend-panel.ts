import type { ModelState } from '@qaxon/graph';
import type { BestBackend, BackendKind, ConsideredBackend } from '@qaxon/backends';
import { DigitClassifier, type ModelPair } from '../model/digit-classifier.js';
import type { Prediction } from '../model/prediction.js';
import { element, formatMilliseconds } from '../ui/dom.js';
import type { PageElements } from './page-elements.js';

/**
 * What `createBestBackend()` picked in this browser and why (the backend itself left out),
 * as `window.qaxon.bestBackend()` returns it.
 *
 * @example
 * ```ts
 * const choice: BestBackendChoice = { name: 'wasm', kind: 'wasm', reason: 'no GPU hardware was usable, ...', considered: [] };
 * ```
 */
export interface BestBackendChoice {
  /** The backend's name: `wasm`, `gpu.js:webgl2`, `reference`. */
  name: string;
  kind: BackendKind;
  /** One sentence: why this one. */
  reason: string;
  /** Every candidate in the order it was tried, with its verdict. */
  considered: ConsideredBackend[];
}

/**
 * The page's "best backend" row: what `createBestBackend()` picked, its kind, the reason and
 * the candidates it passed over (in a `<details>`), and both models run on it for the digit
 * shown, next to the gpu.js predictions of the charts.
 *
 * @example
 * ```ts
 * const panel = new BestBackendPanel(pageElements(), await createPageBestBackend(), floatState, int8State);
 * await panel.classify(pixels);
 * ```
 */
export class BestBackendPanel {
  readonly #elements: PageElements;
  readonly #best: BestBackend;
  readonly #floatState: ModelState;
  readonly #warm = new WeakSet<ModelState>();
  #classifier: DigitClassifier;

  constructor(elements: PageElements, best: BestBackend, floatState: ModelState, int8State: ModelState) {
    this.#elements = elements;
    this.#best = best;
    this.#floatState = floatState;
    this.#classifier = new DigitClassifier(best.backend, floatState, int8State, this.#warm);
    this.#renderChoice();
  }

  /** What was picked and why. */
  get choice(): BestBackendChoice {
    const { backend, kind, reason, considered } = this.#best;
    return { name: backend.name, kind, reason, considered: considered.map((line) => ({ ...line })) };
  }

  /** Runs the int8 model with `int8State` from now on (the file's, or the one quantized in the page). */
  setInt8State(int8State: ModelState): void {
    this.#classifier = new DigitClassifier(this.#best.backend, this.#floatState, int8State, this.#warm);
  }

  /** Classifies one 28 x 28 image with both models on the best backend and shows the result. */
  async classify(pixels: Float32Array): Promise<ModelPair<Prediction>> {
    const predictions = await this.#classifier.classify(pixels);
    const { bestResult } = this.#elements;
    const say = (label: string, prediction: Prediction): string =>
      `${label} says ${prediction.digit} (${formatMilliseconds(prediction.latencyMs)}${prediction.firstRun === true ? ', first call' : ''})`;
    bestResult.textContent = `On ${this.#best.backend.name}: ${say('float32', predictions.float)}, ${say('int8', predictions.int8)}.`;
    bestResult.dataset.float = String(predictions.float.digit);
    bestResult.dataset.int8 = String(predictions.int8.digit);
    return predictions;
  }

  /** Both models' probabilities on the best backend for `count` images stored back to back. */
  probabilities(images: Float32Array, count: number): Promise<ModelPair<number[][]>> {
    return this.#classifier.probabilities(images, count);
  }

  #renderChoice(): void {
    const { bestName, bestReason, bestConsidered } = this.#elements;
    const { backend, kind, reason, considered } = this.#best;
    bestName.textContent = `${backend.name} (${kind})`;
    bestName.dataset.kind = kind;
    bestName.dataset.name = backend.name;
    bestReason.textContent = reason;
    const summary = element('summary', undefined, `${considered.length} candidate${considered.length === 1 ? '' : 's'} considered`);
    const list = element('ol', 'considered-list');
    for (const line of considered) {
      const item = element('li', line.picked ? 'is-picked' : undefined);
      item.append(element('code', undefined, line.candidate), ` ${line.picked ? 'picked' : 'passed over'}: ${line.reason}`);
      item.dataset.picked = String(line.picked);
      list.append(item);
    }
    bestConsidered.replaceChildren(summary, list);
  }
}
