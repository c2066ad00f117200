#!/usr/bin/env node
/**
 * `node apps/generate/dist/cli.js`: continue a prompt with a LLaMA checkpoint, float32 or
 * int8, streaming the tokens. See `--help` and the app's README.
 *
 * @packageDocumentation
 */
import { GENERATE_USAGE, UsageError, parseGenerateArguments } from './args.js';
import { runGenerateApp } from './generate-app.js';
import { formatGenerateSummary, generateJson } from './report.js';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseGenerateArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${GENERATE_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(GENERATE_USAGE);
    return 0;
  }
  const result = await runGenerateApp(options, options.json ? {} : { onStart: () => process.stdout.write(options.prompt), onToken: (token) => process.stdout.write(token.text) });
  console.log(options.json ? JSON.stringify(generateJson(result)) : `\n\n${formatGenerateSummary(result)}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exitCode = 1;
  },
);
