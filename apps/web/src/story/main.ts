import '../styles.css';
import './story.css';
import type { BestBackend } from '@qaxon/backends';
import { createPageBestBackend } from '../gpu/page-best-backend.js';
import { fetchBytes } from '../model/load-models.js';
import type { StoryPageApi } from './story-api.js';
import { generateBoth, warmUp, type StoryResult } from './story-generation.js';
import { loadPickedModels, loadStoryModels, type StoryModels } from './story-models.js';

const byId = <E extends HTMLElement>(id: string): E => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`story page: expected an element #${id}, found none`);
  return element as E;
};
const ui = {
  status: byId<HTMLParagraphElement>('status'),
  prompt: byId<HTMLTextAreaElement>('prompt'),
  maxTokens: byId<HTMLInputElement>('max-tokens'),
  generate: byId<HTMLButtonElement>('generate'),
  folder: byId<HTMLInputElement>('checkpoint-folder'),
  files: byId<HTMLInputElement>('checkpoint-files'),
  text: { float: byId<HTMLParagraphElement>('text-float'), int8: byId<HTMLParagraphElement>('text-int8') },
  speed: { float: byId<HTMLParagraphElement>('speed-float'), int8: byId<HTMLParagraphElement>('speed-int8') },
  agreement: byId<HTMLParagraphElement>('agreement'),
  modelName: byId<HTMLElement>('model-name'),
  backend: byId<HTMLElement>('backend'),
  backendReason: byId<HTMLElement>('backend-reason'),
  bytesFloat: byId<HTMLElement>('bytes-float'),
  bytesInt8: byId<HTMLElement>('bytes-int8'),
  bytesRatio: byId<HTMLElement>('bytes-ratio'),
  int8Note: byId<HTMLElement>('int8-note'),
};

const bytes = (value: number) => `${value.toLocaleString('en-US')} B`;
const rate = (value: number) => `${value.toFixed(value >= 100 ? 0 : 1)} tokens/s`;

function setStatus(text: string, state: 'loading' | 'ready' | 'busy' | 'error'): void {
  ui.status.textContent = text;
  ui.status.dataset.state = state;
}

let best: BestBackend | undefined;
let models: StoryModels | undefined;

function showModels(loaded: StoryModels): void {
  models = loaded;
  const floatBytes = loaded.float.state.byteSize();
  const int8Bytes = loaded.int8.state.byteSize();
  const { config } = loaded.float;
  ui.modelName.textContent = `${loaded.name} (${config.layers} layers, hidden ${config.hiddenSize}, vocabulary ${config.vocabSize})`;
  ui.bytesFloat.textContent = `${bytes(floatBytes)} (loaded in ${loaded.loadMs.float.toFixed(0)} ms)`;
  ui.bytesInt8.textContent = bytes(int8Bytes);
  ui.bytesRatio.textContent = `${(int8Bytes / floatBytes).toFixed(3)}x`;
  ui.int8Note.textContent = `quantized in this page while loading, ${loaded.loadMs.int8.toFixed(0)} ms; ${loaded.int8.quantization?.quantizedLayers.length ?? 0} dense kernels int8`;
  for (const weights of ['float', 'int8'] as const) {
    ui.text[weights].textContent = '';
    ui.speed[weights].textContent = '–';
  }
  ui.agreement.textContent = '';
}

async function start(): Promise<void> {
  setStatus('Loading stories260K…', 'loading');
  const [checkpoint, tokenizer] = await Promise.all([fetchBytes(new URL('models/stories260K.bin', document.baseURI).href), fetchBytes(new URL('models/tok512.bin', document.baseURI).href)]);
  setStatus('Quantizing in the page and choosing the best backend…', 'loading');
  showModels(await loadStoryModels({ name: 'stories260K.bin', bytes: checkpoint }, { name: 'tok512.bin', bytes: tokenizer }));
  best = await createPageBestBackend();
  ui.backend.textContent = `${best.backend.name} (${best.kind})`;
  ui.backendReason.textContent = best.reason;
  if (models !== undefined) await warmUp(models, best.backend);
  ui.generate.disabled = false;
  setStatus(`Ready: ${models?.name} on ${best.backend.name}.`, 'ready');
}

let running: Promise<StoryResult> | undefined;

async function generateHere(): Promise<StoryResult> {
  if (models === undefined || best === undefined) throw new Error('story page: the model is not loaded yet');
  const loaded = models;
  const prompt = ui.prompt.value;
  const maxTokens = Math.max(1, Math.min(400, Number(ui.maxTokens.value) || 48));
  ui.generate.disabled = true;
  setStatus(`Generating ${maxTokens} tokens with float32, then int8…`, 'busy');
  for (const weights of ['float', 'int8'] as const) {
    ui.text[weights].replaceChildren(Object.assign(document.createElement('span'), { className: 'prompt', textContent: prompt }));
    ui.speed[weights].textContent = '…';
  }
  ui.agreement.textContent = '';
  try {
    const result = await generateBoth(loaded, best.backend, prompt, maxTokens, { onText: (weights, text) => ui.text[weights].append(text) });
    for (const weights of ['float', 'int8'] as const) {
      const c = result[weights];
      ui.speed[weights].textContent = `${c.tokens.length} tokens; prefill ${rate(c.prefillTokensPerSecond)}, decode ${rate(c.decodeTokensPerSecond)}`;
    }
    const same = result.float.text === result.int8.text;
    ui.agreement.dataset.agree = String(same);
    ui.agreement.textContent = `${same ? 'Same text.' : 'The texts differ.'} int8 ranks float's next token first at ${(100 * result.argmaxAgreement).toFixed(1)}% of ${result.positions} positions.`;
    setStatus(`Ready: ${loaded.name} on ${best.backend.name}.`, 'ready');
    return result;
  } catch (error) {
    setStatus(`Generation failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
    throw error;
  } finally {
    ui.generate.disabled = false;
  }
}

async function openFiles(files: readonly File[]): Promise<string> {
  setStatus(`Reading ${files.length} file(s)…`, 'loading');
  try {
    const loaded = await loadPickedModels(files);
    if (best !== undefined) await warmUp(loaded, best.backend);
    showModels(loaded);
    setStatus(`Ready: ${loaded.name} on ${best?.backend.name ?? 'the reference backend'}.`, 'ready');
    return loaded.name;
  } catch (error) {
    setStatus(`Could not open the checkpoint: ${error instanceof Error ? error.message : String(error)}`, 'error');
    throw error;
  }
}

const ready = start();
ready.catch((error: unknown) => {
  setStatus(`The page could not start: ${error instanceof Error ? error.message : String(error)}`, 'error');
  console.error(error);
});
ui.generate.addEventListener('click', () => void (running = generateHere()).catch(() => undefined));
for (const input of [ui.folder, ui.files]) input.addEventListener('change', () => void openFiles([...(input.files ?? [])]).catch(() => undefined));

const loadedBackend = (): BestBackend => {
  if (best === undefined) throw new Error('window.qaxonStory: the page is not ready yet (await window.qaxonStory.ready)');
  return best;
};
const api: StoryPageApi = {
  ready,
  generate: async (prompt, maxTokens) => {
    await ready;
    ui.prompt.value = prompt;
    ui.maxTokens.value = String(maxTokens);
    running = undefined;
    ui.generate.click();
    if (running === undefined) throw new Error('window.qaxonStory.generate: the button click did not start a generation');
    return running;
  },
  backend: () => {
    const { backend, kind, reason } = loadedBackend();
    return { name: backend.name, kind, reason };
  },
  bytes: () => ({ float: models?.float.state.byteSize() ?? 0, int8: models?.int8.state.byteSize() ?? 0 }),
  modelName: () => models?.name ?? '',
  openFiles: async (files) => {
    await ready;
    return openFiles(files);
  },
};
window.qaxonStory = api;
