import { BUNDLED_MODEL_PATH, BUNDLED_TOKENIZER } from './bundled-model.js';

/**
 * A command line the app could not understand; the message says what was expected and
 * what was given.
 *
 * @example
 * ```ts
 * try { parseGenerateArguments(['--max-tokens', '0']); } catch (error) { console.log(error instanceof UsageError); } // true
 * ```
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The backends generation can run on: the reference backend, WebAssembly SIMD, or what `createBestBackend()` picks. */
export const BACKEND_CHOICES = ['reference', 'wasm', 'best'] as const;

/**
 * Which backend to generate on (see {@link BACKEND_CHOICES}).
 *
 * @example
 * ```ts
 * const choice: BackendChoice = 'best';
 * ```
 */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/**
 * What the app was asked to do.
 *
 * @example
 * ```ts
 * const options: GenerateAppOptions = parseGenerateArguments(['--int8', '--json']);
 * console.log(options.int8, options.maxTokens); // true 64
 * ```
 */
export interface GenerateAppOptions {
  readonly help: boolean;
  /** A Hugging Face LLaMA folder or a llama2.c `.bin` (default: the bundled stories260K). */
  readonly model: string;
  /** A llama2.c tokenizer file, relative to the model's folder or absolute (default: `tokenizer.bin` there; `tok512.bin` for the bundled model). */
  readonly tokenizer: string | undefined;
  readonly prompt: string;
  /** Generate with the int8 model (quantized while loading) and compare it with the float one. */
  readonly int8: boolean;
  readonly maxTokens: number;
  /** 0: greedy. */
  readonly temperature: number;
  readonly seed: number;
  readonly backend: BackendChoice;
  /** Print one JSON object (the last line of stdout) instead of the streamed text and report. */
  readonly json: boolean;
}

/** The prompt when `--prompt` is not given. */
export const DEFAULT_PROMPT = 'Once upon a time';

/**
 * The app's `--help` text.
 *
 * @example
 * ```ts
 * console.log(GENERATE_USAGE.split('\n')[0]); // Usage: node apps/generate/dist/cli.js [options]
 * ```
 */
export const GENERATE_USAGE = `Usage: node apps/generate/dist/cli.js [options]   (or: pnpm --filter generate run generate -- [options])

Loads a LLaMA checkpoint (float32, or int8 quantized while loading with --int8), streams the
continuation of a prompt token by token, and ends with the weights' bytes (float vs int8),
the speed of prefill and decode and the backend used.

Options:
  --model <path>        a Hugging Face LLaMA folder (config.json + model.safetensors) or a
                        llama2.c .bin (default: the bundled stories260K)
  --tokenizer <file>    a llama2.c tokenizer (tokenizer.bin, tok512.bin), relative to the
                        model's folder (default: tokenizer.bin there; tok512.bin for the bundled model)
  --prompt <text>       the prompt (default '${DEFAULT_PROMPT}')
  --int8                generate with int8 dense kernels and compare their logits with float's
  --max-tokens <n>      most tokens to generate (default 64)
  --temperature <t>     0 for greedy (default), else sample with this temperature
  --seed <n>            seed of the sampler (default 0)
  --backend <name>      ${BACKEND_CHOICES.join(' | ')} (default best: what createBestBackend() picks)
  --json                print one JSON object (the last line of stdout) instead of the text
  --help                this text`;

/**
 * Parses the app's command line (without `node` and the script). Flags may be given as
 * `--flag value` or `--flag=value`; unknown flags and bad values are a {@link UsageError}.
 *
 * @example
 * ```ts
 * const options = parseGenerateArguments(['--prompt', 'A cat', '--temperature=0.8', '--backend', 'wasm']);
 * console.log(options.prompt, options.temperature, options.backend); // A cat 0.8 wasm
 * ```
 */
export function parseGenerateArguments(argv: readonly string[]): GenerateAppOptions {
  let help = false;
  let model: string | undefined;
  let tokenizer: string | undefined;
  let prompt = DEFAULT_PROMPT;
  let int8 = false;
  let maxTokens = 64;
  let temperature = 0;
  let seed = 0;
  let backend: BackendChoice = 'best';
  let json = false;
  const args = argv.flatMap((arg) => (arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg]));
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    const takeValue = (what: string): string => {
      const value = args[i + 1];
      if (value === undefined || (value.startsWith('--') && flag !== '--prompt')) {
        throw new UsageError(`${flag}: expected ${what} after it, got ${value === undefined ? 'nothing' : `'${value}'`}`);
      }
      i++;
      return value;
    };
    const takeInteger = (minimum: number): number => {
      const text = takeValue(`an integer >= ${minimum}`);
      const value = Number(text);
      if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum) throw new UsageError(`${flag}: expected an integer >= ${minimum}, got '${text}'`);
      return value;
    };
    switch (flag) {
      case '--help':
      case '-h':
        help = true;
        break;
      case '--model':
        model = takeValue('a folder or a .bin file');
        break;
      case '--tokenizer':
        tokenizer = takeValue('a tokenizer file');
        break;
      case '--prompt':
        prompt = takeValue('the prompt text');
        if (prompt.length === 0) throw new UsageError("--prompt: expected some text, got ''");
        break;
      case '--int8':
        int8 = true;
        break;
      case '--max-tokens':
        maxTokens = takeInteger(1);
        break;
      case '--temperature': {
        const text = takeValue('a number >= 0');
        temperature = Number(text);
        if (text.trim() === '' || !Number.isFinite(temperature) || temperature < 0) throw new UsageError(`--temperature: expected a number >= 0, got '${text}'`);
        break;
      }
      case '--seed':
        seed = takeInteger(0);
        break;
      case '--backend': {
        const name = takeValue(BACKEND_CHOICES.join(', '));
        if (!(BACKEND_CHOICES as readonly string[]).includes(name)) throw new UsageError(`--backend: expected one of ${BACKEND_CHOICES.join(', ')}, got '${name}'`);
        backend = name as BackendChoice;
        break;
      }
      case '--json':
        json = true;
        break;
      default:
        throw new UsageError(`expected one of the options listed by --help, got '${flag}'`);
    }
  }
  if (model === undefined) {
    model = BUNDLED_MODEL_PATH;
    tokenizer ??= BUNDLED_TOKENIZER;
  }
  return { help, model, tokenizer, prompt, int8, maxTokens, temperature, seed, backend, json };
}
