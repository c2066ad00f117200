import type { StoryResult } from './story-generation.js';

/**
 * What the story page exposes as `window.qaxonStory`, for its end-to-end test and the
 * devtools console. Every method waits for the page to be ready.
 *
 * @example
 * ```ts
 * await window.qaxonStory.ready;
 * const { float, int8 } = await window.qaxonStory.generate('Once upon a time', 40);
 * ```
 */
export interface StoryPageApi {
  /** Resolves once the bundled model is loaded (float and int8) and the backend chosen. */
  readonly ready: Promise<void>;
  /** Fills the prompt box, generates both continuations as the button does, and returns them. */
  generate(prompt: string, maxTokens: number): Promise<StoryResult>;
  /** What `createBestBackend()` picked: name, kind and why. */
  backend(): { name: string; kind: string; reason: string };
  /** Bytes of the float32 and the int8 states of the loaded model. */
  bytes(): { float: number; int8: number };
  /** The loaded checkpoint's file name. */
  modelName(): string;
  /** Loads picked files (a llama2.c `.bin` and its tokenizer) as the file picker does. */
  openFiles(files: readonly File[]): Promise<string>;
}

declare global {
  interface Window {
    qaxonStory: StoryPageApi;
  }
}
