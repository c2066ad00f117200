import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMPT, GENERATE_USAGE, UsageError, parseGenerateArguments } from './args.js';
import { BUNDLED_MODEL_PATH, BUNDLED_TOKENIZER } from './bundled-model.js';

describe('parseGenerateArguments', () => {
  it('needs no arguments: the bundled stories260K with its tokenizer, float, greedy, 64 tokens, the best backend', () => {
    expect(parseGenerateArguments([])).toEqual({
      help: false,
      model: BUNDLED_MODEL_PATH,
      tokenizer: BUNDLED_TOKENIZER,
      prompt: DEFAULT_PROMPT,
      int8: false,
      maxTokens: 64,
      temperature: 0,
      seed: 0,
      backend: 'best',
      json: false,
    });
    expect(BUNDLED_MODEL_PATH.endsWith('packages/pretrained/fixtures/stories260K')).toBe(true);
  });

  it('reads every option, as --flag value or --flag=value; a model of ones own gets no default tokenizer', () => {
    const options = parseGenerateArguments(['--model', '/m/TinyLlama', '--prompt=A cat', '--int8', '--max-tokens', '12', '--temperature', '0.8', '--seed=7', '--backend', 'wasm', '--json']);
    expect(options).toEqual({ help: false, model: '/m/TinyLlama', tokenizer: undefined, prompt: 'A cat', int8: true, maxTokens: 12, temperature: 0.8, seed: 7, backend: 'wasm', json: true });
    expect(parseGenerateArguments(['--model', 'x.bin', '--tokenizer', 'tok.bin']).tokenizer).toBe('tok.bin');
    expect(parseGenerateArguments(['--help']).help).toBe(true);
  });

  it('refuses bad values and unknown flags, saying what was expected and what was given', () => {
    const message = (argv: string[]) => {
      try {
        parseGenerateArguments(argv);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error(`expected ${argv.join(' ')} to be refused`);
    };
    expect(message(['--max-tokens', '0'])).toBe("--max-tokens: expected an integer >= 1, got '0'");
    expect(message(['--temperature', '-1'])).toBe("--temperature: expected a number >= 0, got '-1'");
    expect(message(['--temperature', 'hot'])).toBe("--temperature: expected a number >= 0, got 'hot'");
    expect(message(['--seed', '1.5'])).toBe("--seed: expected an integer >= 0, got '1.5'");
    expect(message(['--backend', 'gpu'])).toBe("--backend: expected one of reference, wasm, best, got 'gpu'");
    expect(message(['--model'])).toBe('--model: expected a folder or a .bin file after it, got nothing');
    expect(message(['--int4'])).toBe("expected one of the options listed by --help, got '--int4'");
    expect(message(['--prompt', ''])).toBe("--prompt: expected some text, got ''");
    expect(GENERATE_USAGE).toContain('--max-tokens <n>');
  });
});
