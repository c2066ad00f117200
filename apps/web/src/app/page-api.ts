import type { GpuMode, GpuModeRequest } from '@qaxon/kernel-gpu';
import type { ConformanceReport } from '../conformance/page-conformance.js';
import type { BestBackendChoice } from './best-backend-panel.js';
import type { ModelPair } from '../model/digit-classifier.js';
import type { Prediction } from '../model/prediction.js';

/**
 * What the page exposes as `window.qaxon`, for its end-to-end test and for the curious in
 * the devtools console. Every method waits for the page to be ready.
 *
 * @example
 * ```ts
 * await window.qaxon.ready;
 * const { float, int8 } = await window.qaxon.classify(Array.from(pixels));
 * const report = await window.qaxon.runConformance();
 * ```
 */
export interface QaxonPageApi {
  /** Resolves once the weights, digits and backend are loaded (rejects with the load error). */
  readonly ready: Promise<void>;
  /** The gpu.js mode the backend really runs. */
  mode(): GpuMode;
  /** The gpu.js modes this browser offers, best first. */
  availableModes(): GpuMode[];
  /** What `createBestBackend()` picked at start-up (`wasm` on SwiftShader), its kind, why, and every candidate's verdict. */
  bestBackend(): BestBackendChoice;
  /** Class probabilities of `count` images (784 values each) on the best backend, one batch per model. */
  bestProbabilities(images: readonly number[], count: number): Promise<ModelPair<number[][]>>;
  /** Switches the backend to another mode and returns the mode in use. */
  setMode(mode: GpuModeRequest): Promise<GpuMode>;
  /** Turns in-page quantization on (int8 state from `quantize` in the page) or off (the int8 file). */
  setQuantizeInPage(on: boolean): Promise<void>;
  /** Where the int8 state comes from now. */
  int8Source(): 'page' | 'file';
  /** True when `toSafetensors` of the current int8 state is byte for byte the served int8 file. */
  int8MatchesFile(): boolean;
  /** Parameter bytes of each state (`ModelState.byteSize()`) and of each served file. */
  modelBytes(): { state: ModelPair<number>; file: ModelPair<number> };
  /** Classifies one 28 x 28 image (784 values in [0, 1]) with both models and shows it. */
  classify(pixels: readonly number[]): Promise<ModelPair<Prediction>>;
  /** Picks held-out digit `index` (as a click on its thumbnail does) and returns what is shown. */
  pickHeldOut(index: number): Promise<ModelPair<Prediction>>;
  /** Class probabilities of `count` images stored back to back (784 values each), one batch per model. */
  probabilities(images: readonly number[], count: number): Promise<ModelPair<number[][]>>;
  /** Resolves once every classification started so far (by clicks, drawing or calls) has finished. */
  idle(): Promise<void>;
  /** The 784 pixels the models saw last (after preprocessing a drawing). */
  lastInput(): number[];
  /** Runs the kernel conformance cases on a fresh backend of the page's mode (or of `mode`), as the page creates its own. */
  runConformance(mode?: GpuModeRequest): Promise<ConformanceReport>;
}

declare global {
  interface Window {
    /** The page's test and console API (see {@link QaxonPageApi}). */
    qaxon: QaxonPageApi;
  }
}
