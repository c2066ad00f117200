import './styles.css';
import heldOutDigitsUrl from './held-out/held-out-digits.safetensors?url';
import type { GpuModeRequest } from '@qaxon/kernel-gpu';
import type { QaxonPageApi } from './app/page-api.js';
import { pageElements } from './app/page-elements.js';
import { WebDemo } from './app/web-demo.js';
import type { ModelPair } from './model/digit-classifier.js';
import type { Prediction } from './model/prediction.js';
import { createPageBackend, pageGpuModes } from './gpu/page-backend.js';
import { createPageBestBackend } from './gpu/page-best-backend.js';
import { decodeHeldOutDigits } from './held-out/held-out-digits.js';
import { fetchBytes, loadModelFiles } from './model/load-models.js';
import { preprocessInk } from './preprocess/mnist-preprocess.js';
import { renderDigitPicker } from './ui/digit-picker.js';
import { DrawingPad } from './ui/drawing-pad.js';

const elements = pageElements();
/** The classification started by the last held-out pick (a thumbnail click runs it synchronously). */
let lastPick: Promise<ModelPair<Prediction>> | undefined;

async function start(): Promise<WebDemo> {
  elements.status.textContent = 'Loading the weights and starting gpu.js…';
  const [digitBytes, files, modes] = await Promise.all([fetchBytes(heldOutDigitsUrl), loadModelFiles(document.baseURI), pageGpuModes()]);
  const backend = await createPageBackend('auto');
  // One after the other: createBestBackend() starts (and releases) gpu.js contexts of its own.
  elements.status.textContent = 'Choosing the best backend…';
  const best = await createPageBestBackend();
  const demo = new WebDemo(elements, decodeHeldOutDigits(digitBytes), files, backend, modes, best);

  const pickHeldOut = (index: number): Promise<ModelPair<Prediction>> => {
    pad.showDigit(demo.digits.image(index));
    const label = demo.digits.labels[index];
    return (lastPick = demo.classify(demo.digits.image(index), `held-out digit #${demo.digits.ids[index]} (labelled ${label})`, label));
  };
  let drawingInFlight = false;
  const pad = new DrawingPad(elements.pad, {
    onInk: (final) => {
      if (drawingInFlight && !final) return;
      drawingInFlight = true;
      for (const thumb of elements.heldOut.querySelectorAll('.digit-thumb.is-selected')) thumb.classList.remove('is-selected');
      void demo.classify(preprocessInk(pad.ink()), 'your drawing').finally(() => (drawingInFlight = false));
    },
  });
  renderDigitPicker(elements.heldOut, demo.digits, (index) => void pickHeldOut(index));
  elements.clear.addEventListener('click', () => {
    pad.clear();
    void demo.classify(new Float32Array(784), 'an empty pad');
  });
  elements.modeSelect.addEventListener('change', () => {
    elements.status.textContent = `Switching to ${elements.modeSelect.value}…`;
    demo.setMode(elements.modeSelect.value as GpuModeRequest).then(
      (mode) => (elements.status.textContent = `Running on gpu.js ${mode}.`),
      (error: unknown) => (elements.status.textContent = `Could not switch: ${String(error)}`),
    );
  });
  elements.quantizeToggle.addEventListener('change', () => void demo.setQuantizeInPage(elements.quantizeToggle.checked));
  elements.conformanceRun.addEventListener('click', () => {
    elements.conformanceRun.disabled = true;
    void demo.runConformance().finally(() => (elements.conformanceRun.disabled = false));
  });

  (elements.heldOut.querySelector('.digit-thumb') as HTMLButtonElement | null)?.classList.add('is-selected');
  await pickHeldOut(0);
  elements.status.textContent = `Ready: gpu.js ${demo.mode}; best backend ${demo.bestBackend.name}.`;
  elements.status.dataset.state = 'ready';
  return demo;
}

const demoReady = start();
demoReady.catch((error: unknown) => {
  elements.status.textContent = `The page could not start: ${error instanceof Error ? error.message : String(error)}`;
  elements.status.dataset.state = 'error';
  console.error(error);
});

const withDemo = async <T>(use: (demo: WebDemo) => T | Promise<T>): Promise<T> => use(await demoReady);
let current: WebDemo | undefined;
void demoReady.then((demo) => (current = demo), () => undefined);
const loaded = (): WebDemo => {
  if (current === undefined) throw new Error('window.qaxon: the page is not ready yet (await window.qaxon.ready)');
  return current;
};

const api: QaxonPageApi = {
  ready: demoReady.then(() => undefined),
  mode: () => loaded().mode,
  availableModes: () => [...loaded().modes],
  bestBackend: () => loaded().bestBackend,
  bestProbabilities: (images, count) => withDemo((demo) => demo.bestProbabilities(Float32Array.from(images), count)),
  setMode: (mode) => withDemo((demo) => demo.setMode(mode)),
  setQuantizeInPage: (on) => withDemo((demo) => demo.setQuantizeInPage(on)),
  int8Source: () => loaded().int8Source,
  int8MatchesFile: () => loaded().int8MatchesFile(),
  modelBytes: () => loaded().modelBytes(),
  classify: (pixels) => withDemo((demo) => demo.classify(Float32Array.from(pixels), 'window.qaxon.classify')),
  pickHeldOut: (index) =>
    withDemo(() => {
      const thumb = elements.heldOut.querySelector<HTMLButtonElement>(`.digit-thumb[data-index="${index}"]`);
      if (thumb === null) throw new RangeError(`window.qaxon.pickHeldOut: expected an index in [0, ${loaded().digits.count}), got ${index}`);
      lastPick = undefined;
      thumb.click();
      if (lastPick === undefined) throw new Error('window.qaxon.pickHeldOut: the thumbnail click did not start a classification');
      return lastPick;
    }),
  probabilities: (images, count) => withDemo((demo) => demo.probabilities(Float32Array.from(images), count)),
  idle: () => withDemo((demo) => demo.idle()),
  lastInput: () => Array.from(loaded().input),
  runConformance: (mode) => withDemo((demo) => demo.runConformance(mode)),
};
window.qaxon = api;
