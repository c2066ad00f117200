import type { BestBackend } from '@qaxon/backends';
import type { ModelState } from '@qaxon/graph';
import { gpuConformanceSupports, type GpuBackend, type GpuMode, type GpuModeRequest } from '@qaxon/kernel-gpu';
import { toSafetensors } from '@qaxon/safetensors';
import { runPageConformance, type ConformanceReport } from '../conformance/page-conformance.js';
import { createPageBackend } from '../gpu/page-backend.js';
import type { HeldOutDigits } from '../held-out/held-out-digits.js';
import { DigitClassifier, type ModelPair } from '../model/digit-classifier.js';
import { quantizeInPage, type LoadedModelFiles } from '../model/load-models.js';
import type { Prediction } from '../model/prediction.js';
import { paintDigit } from '../ui/digit-image.js';
import { formatBytes, formatMilliseconds } from '../ui/dom.js';
import { ProbabilityChart } from '../ui/probability-chart.js';
import { BestBackendPanel, type BestBackendChoice } from './best-backend-panel.js';
import type { PageElements } from './page-elements.js';

/**
 * The page's state and behaviour: the loaded models and digits, the gpu.js backend, the
 * best backend `createBestBackend()` picked (both models also run on it), the int8 state
 * (from the file or quantized in the page), and what is shown. Classifications run one at
 * a time, in order.
 *
 * @example
 * ```ts
 * const demo = new WebDemo(pageElements(), digits, files, await createPageBackend('auto'), ['webgl2', 'cpu'], await createPageBestBackend());
 * await demo.classify(digits.image(0), 'held-out digit #0');
 * ```
 */
export class WebDemo {
  readonly #elements: PageElements;
  readonly #files: LoadedModelFiles;
  readonly #charts: ModelPair<ProbabilityChart>;
  readonly digits: HeldOutDigits;
  readonly modes: readonly GpuMode[];
  #backend: GpuBackend;
  #classifier: DigitClassifier;
  readonly #best: BestBackendPanel;
  #int8: { state: ModelState; source: 'page' | 'file'; milliseconds?: number };
  #pageQuantized: { state: ModelState; milliseconds: number } | undefined;
  #input = new Float32Array(784);
  #label: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  /** States that already ran on the current backend (reset with the backend). */
  #warmStates = new WeakSet<ModelState>();

  constructor(elements: PageElements, digits: HeldOutDigits, files: LoadedModelFiles, backend: GpuBackend, modes: readonly GpuMode[], best: BestBackend) {
    this.#elements = elements;
    this.#files = files;
    this.digits = digits;
    this.modes = modes;
    this.#backend = backend;
    this.#int8 = { state: files.states.int8, source: 'file' };
    this.#classifier = this.#newClassifier();
    this.#best = new BestBackendPanel(elements, best, files.states.float, this.#int8.state);
    this.#charts = { float: new ProbabilityChart(elements.chartFloat, 'float32'), int8: new ProbabilityChart(elements.chartInt8, 'int8 (weight-only)') };
    this.#renderModes();
    this.#renderModels();
  }

  /** The gpu.js mode in use. */
  get mode(): GpuMode {
    return this.#backend.mode;
  }

  /** What `createBestBackend()` picked at start-up, and why. */
  get bestBackend(): BestBackendChoice {
    return this.#best.choice;
  }

  /** Where the int8 state comes from. */
  get int8Source(): 'page' | 'file' {
    return this.#int8.source;
  }

  /** The last image the models saw. */
  get input(): Float32Array {
    return this.#input;
  }

  /** Parameter bytes of each state and each served file. */
  modelBytes(): { state: ModelPair<number>; file: ModelPair<number> } {
    return {
      state: { float: this.#files.states.float.byteSize(), int8: this.#int8.state.byteSize() },
      file: { float: this.#files.bytes.float.length, int8: this.#files.bytes.int8.length },
    };
  }

  /** True when the current int8 state serializes to exactly the served int8 file. */
  int8MatchesFile(): boolean {
    const mine = toSafetensors(this.#int8.state);
    const file = this.#files.bytes.int8;
    return mine.length === file.length && mine.every((byte, i) => byte === file[i]);
  }

  /** Classifies a 28 x 28 image with both models and shows the result; `source` describes it, `label` is its true class when known. */
  classify(pixels: Float32Array, source: string, label?: number): Promise<ModelPair<Prediction>> {
    return this.#serial(async () => {
      this.#input = pixels.slice();
      this.#label = label;
      paintDigit(this.#elements.modelInput, this.#input);
      this.#elements.inputSource.textContent = source;
      const predictions = await this.#classifier.classify(this.#input);
      this.#charts.float.show(predictions.float);
      this.#charts.int8.show(predictions.int8);
      const agree = predictions.float.digit === predictions.int8.digit;
      const verdict = agree ? `Both models say ${predictions.float.digit}` : `They disagree: float says ${predictions.float.digit}, int8 ${predictions.int8.digit}`;
      const truth = label === undefined ? '' : predictions.float.digit === label && agree ? ', its label.' : `; its label is ${label}.`;
      this.#elements.agreement.textContent = verdict + (truth === '' ? '.' : truth);
      this.#elements.agreement.dataset.agree = String(agree);
      await this.#best.classify(this.#input);
      return predictions;
    });
  }

  /** Resolves once every classification asked for so far has finished. */
  idle(): Promise<void> {
    return this.#serial(async () => undefined);
  }

  /** Both models' probabilities for a batch of images (not shown). */
  probabilities(images: Float32Array, count: number): Promise<ModelPair<number[][]>> {
    return this.#serial(() => this.#classifier.probabilities(images, count));
  }

  /** Both models' probabilities for a batch of images on the best backend (not shown). */
  bestProbabilities(images: Float32Array, count: number): Promise<ModelPair<number[][]>> {
    return this.#serial(() => this.#best.probabilities(images, count));
  }

  /** Switches to another gpu.js mode and classifies the current input again. */
  async setMode(request: GpuModeRequest): Promise<GpuMode> {
    await this.#serial(async () => {
      const next = await createPageBackend(request);
      this.#backend.dispose();
      this.#backend = next;
      this.#warmStates = new WeakSet();
      this.#classifier = this.#newClassifier();
      this.#elements.modeSelect.value = request;
      this.#renderModes();
    });
    await this.#reclassify();
    return this.mode;
  }

  /** Uses an int8 state quantized in the page (`on`) or the served int8 file, and classifies again. */
  async setQuantizeInPage(on: boolean): Promise<void> {
    await this.#serial(async () => {
      if (on) {
        // Quantized once and kept: a state dropped here would be garbage-collected, and the
        // gpu.js kernels of its weights destroyed, which leaves the other WebGL kernels of
        // the same gpu.js instance drawing nothing (see the README's known issues).
        this.#pageQuantized ??= quantizeInPage(this.#files.states.float);
        this.#int8 = { state: this.#pageQuantized.state, source: 'page', milliseconds: this.#pageQuantized.milliseconds };
      } else {
        this.#int8 = { state: this.#files.states.int8, source: 'file' };
      }
      this.#elements.quantizeToggle.checked = on;
      this.#classifier = this.#newClassifier();
      this.#best.setInt8State(this.#int8.state);
      this.#renderModels();
    });
    await this.#reclassify();
  }

  /**
   * Runs the conformance suite (every op the backend implements, and the lifecycle cases) in the page on a fresh backend of the mode in use (or
   * of `request`), made like the page's own, and shows the tally. A separate gpu.js instance
   * keeps the cases' many short-lived kernels away from the models' kernels.
   */
  runConformance(request?: GpuModeRequest): Promise<ConformanceReport> {
    return this.#serial(async () => {
      const result = this.#elements.conformanceResult;
      const backend = await createPageBackend(request ?? this.#backend.mode);
      try {
        const report = await runPageConformance(
          backend,
          (done, total) => {
            result.textContent = `Running on ${backend.name}: ${done} / ${total} cases…`;
          },
          gpuConformanceSupports(backend.mode),
        );
        const failures = report.results.filter((r) => !r.ok).map((r) => r.name);
        result.textContent =
          `${report.passed} passed, ${report.failed} failed${report.skipped > 0 ? `, ${report.skipped} skipped` : ''} on ${report.backend} in ${formatMilliseconds(report.milliseconds)}` +
          (failures.length > 0 ? ` (failing: ${failures.slice(0, 3).join('; ')}${failures.length > 3 ? '; …' : ''})` : '');
        result.dataset.failed = String(report.failed);
        return report;
      } finally {
        backend.dispose();
      }
    });
  }

  /** Classifies the current input again (after a change of backend or int8 state). */
  async #reclassify(): Promise<void> {
    await this.classify(this.#input, this.#elements.inputSource.textContent ?? '', this.#label);
  }

  #newClassifier(): DigitClassifier {
    return new DigitClassifier(this.#backend, this.#files.states.float, this.#int8.state, this.#warmStates);
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #renderModes(): void {
    const { modeSelect, modeInUse, modeNote } = this.#elements;
    if (modeSelect.options.length === 0) {
      for (const mode of ['auto', ...this.modes]) modeSelect.add(new Option(mode, mode));
    }
    modeInUse.textContent = this.#backend.mode;
    modeInUse.dataset.mode = this.#backend.mode;
    const gpu = this.#backend.mode === 'webgl2' || this.#backend.mode === 'webgl' || this.#backend.mode === 'webgpu';
    // A GPU mode may still run on a software rasterizer (SwiftShader): say what renders it.
    const renderer = gpu && this.#backend.renderer !== undefined ? ` (${this.#backend.renderer})` : '';
    modeNote.textContent = gpu ? `the kernels run as GPU shaders${renderer}` : 'no GPU mode: the kernels run on the CPU';
  }

  #renderModels(): void {
    const { bytesFloat, bytesInt8, bytesRatio, int8Source } = this.#elements;
    const bytes = this.modelBytes();
    bytesFloat.textContent = `${formatBytes(bytes.state.float)} of parameters (file ${formatBytes(bytes.file.float)})`;
    bytesInt8.textContent = `${formatBytes(bytes.state.int8)} of parameters (file ${formatBytes(bytes.file.int8)})`;
    bytesRatio.textContent = `${(bytes.state.float / bytes.state.int8).toFixed(2)}x smaller`;
    int8Source.textContent =
      this.#int8.source === 'page'
        ? `quantized in this page from the float weights in ${formatMilliseconds(this.#int8.milliseconds ?? 0)}`
        : 'loaded from the int8 file (quantized when the page was built)';
    int8Source.dataset.source = this.#int8.source;
  }
}
