import type { GenerateAppResult } from './generate-app.js';
import type { SideBySide } from './side-by-side.js';

const bytes = (value: number): string => `${value.toLocaleString('en-US')} B`;
const rate = (value: number): string => `${value.toFixed(value >= 100 ? 0 : 1)} tokens/s`;
const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;
/** JSON has no Infinity: an error-free SQNR is null. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * The lines the app prints after the streamed text: bytes, speed, backend and (int8) the
 * agreement with float.
 *
 * @example
 * ```ts
 * console.log(formatGenerateSummary(await runGenerateApp(parseGenerateArguments(['--int8']))));
 * ```
 */
export function formatGenerateSummary(result: GenerateAppResult): string {
  const { continuation: c } = result;
  const lines = [
    `model     ${result.model}, ${result.weights} weights (loaded in ${result.loadMs.toFixed(0)} ms)`,
    result.bytes.int8 === null
      ? `bytes     float32 ${bytes(result.bytes.float)} (add --int8 for the int8 model)`
      : `bytes     float32 ${bytes(result.bytes.float)}, int8 ${bytes(result.bytes.int8)} (${(result.bytes.int8 / result.bytes.float).toFixed(3)}x)`,
    `prefill   ${c.promptTokens.length} prompt tokens in ${c.prefillMs.toFixed(1)} ms (${rate(c.prefillTokensPerSecond)})`,
    `decode    ${c.tokens.length} tokens, ${rate(c.decodeTokensPerSecond)} (${c.decodeMs.toFixed(0)} ms; stopped by ${c.stoppedBy})`,
    `backend   ${result.backend.name} — ${result.backend.reason}`,
    `sampling  ${result.temperature === 0 ? 'greedy' : `temperature ${result.temperature}, seed ${result.seed}`}`,
  ];
  if (result.argmaxAgreement !== null) {
    const a = result.argmaxAgreement;
    lines.push(`int8      ranks float's next token first at ${percent(a.share)} of ${a.positions} positions (logit SQNR ${a.logitSqnrDb.toFixed(1)} dB)`);
  }
  return lines.join('\n');
}

/**
 * The app's `--json` object: bytes, tokens/s, argmax agreement with float, the text.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(generateJson(result)));
 * ```
 */
export function generateJson(result: GenerateAppResult): Record<string, unknown> {
  const c = result.continuation;
  return {
    model: result.model,
    prompt: result.prompt,
    weights: result.weights,
    backend: result.backend,
    bytes: result.bytes,
    tokensPerSecond: { prefill: c.prefillTokensPerSecond, decode: c.decodeTokensPerSecond },
    promptTokens: c.promptTokens.length,
    generatedTokens: c.tokens.length,
    stoppedBy: c.stoppedBy,
    argmaxAgreement: result.argmaxAgreement === null ? null : { ...result.argmaxAgreement, logitSqnrDb: finiteOrNull(result.argmaxAgreement.logitSqnrDb) },
    temperature: result.temperature,
    seed: result.seed,
    loadMs: result.loadMs,
    text: c.text,
  };
}

/**
 * The `generation` object the main job's `--json` line carries: model, bytes float/int8,
 * tokens/s of both, argmax agreement, both texts.
 *
 * @example
 * ```ts
 * const json = { ...mnistJson, generation: sideBySideJson(await generateSideBySide(MAIN_JOB_GENERATION)) };
 * ```
 */
export function sideBySideJson(result: SideBySide): Record<string, unknown> {
  const speed = (c: SideBySide['float']) => ({ prefill: c.prefillTokensPerSecond, decode: c.decodeTokensPerSecond });
  return {
    model: result.model,
    prompt: result.prompt,
    backend: result.backend,
    bytes: result.bytes,
    tokensPerSecond: { float: speed(result.float), int8: speed(result.int8) },
    argmaxAgreement: result.argmaxAgreement === null ? null : { ...result.argmaxAgreement, logitSqnrDb: finiteOrNull(result.argmaxAgreement.logitSqnrDb) },
    generatedTokens: { float: result.float.tokens.length, int8: result.int8.tokens.length },
    sameLeadingTokens: result.sameLeadingTokens,
    texts: { float: result.float.text, int8: result.int8.text },
  };
}

/** Splits text into lines of at most `width` characters at spaces (a longer word is cut). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      while (rest.length > width) {
        if (line !== '') lines.push(line);
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
        line = '';
      }
      if (line === '') line = rest;
      else if (line.length + 1 + rest.length <= width) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Two texts in two columns of `width` characters, headed by their titles.
 *
 * @example
 * ```ts
 * console.log(twoColumns(['float32', 'int8'], ['Once upon a time, there was', 'Once upon a time, there was'], 30));
 * ```
 */
export function twoColumns(titles: readonly [string, string], texts: readonly [string, string], width: number): string {
  const left = [titles[0], '-'.repeat(titles[0].length), ...wrap(texts[0], width)];
  const right = [titles[1], '-'.repeat(titles[1].length), ...wrap(texts[1], width)];
  const rows: string[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) rows.push(`  ${(left[i] ?? '').padEnd(width)}   ${right[i] ?? ''}`.trimEnd());
  return rows.join('\n');
}

/**
 * The main job's generation section: both continuations side by side, then bytes, speed,
 * agreement and the backend.
 *
 * @example
 * ```ts
 * console.log(formatSideBySide(await generateSideBySide(MAIN_JOB_GENERATION)));
 * ```
 */
export function formatSideBySide(result: SideBySide, width = 38): string {
  const { float, int8 } = result;
  const a = result.argmaxAgreement;
  return [
    `${result.model}: greedy continuations of "${result.prompt}", float32 and int8 (quantized while loading)`,
    '',
    twoColumns(['float32', 'int8'], [result.prompt + float.text, result.prompt + int8.text], width),
    '',
    `  weights   float32 ${bytes(result.bytes.float)}, int8 ${bytes(result.bytes.int8)} (${(result.bytes.int8 / result.bytes.float).toFixed(3)}x)`,
    `  prefill   float32 ${rate(float.prefillTokensPerSecond)}, int8 ${rate(int8.prefillTokensPerSecond)} (${float.promptTokens.length} prompt tokens)`,
    `  decode    float32 ${rate(float.decodeTokensPerSecond)}, int8 ${rate(int8.decodeTokensPerSecond)} (${float.tokens.length} and ${int8.tokens.length} tokens)`,
    `  argmax    ${a === null ? 'not compared (GPT-2)' : `int8 ranks float's next token first at ${percent(a.share)} of ${a.positions} positions (logit SQNR ${a.logitSqnrDb.toFixed(1)} dB)`}; the first ${result.sameLeadingTokens} of ${float.tokens.length} tokens are the same`,
    `  backend   ${result.backend.name} — ${result.backend.reason}`,
  ].join('\n');
}
