#!/usr/bin/env node
/**
 * `pnpm demo` (from the repository root) or `node apps/mnist/dist/cli.js`: the MNIST demo.
 * See `--help` and the app's README.
 *
 * @packageDocumentation
 */
import { DEMO_USAGE, UsageError, parseDemoArguments } from './args.js';
import { runDemo } from './demo.js';
import { demoJson, formatDemoReport } from './report.js';

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseDemoArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${DEMO_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(DEMO_USAGE);
    return 0;
  }
  const result = await runDemo(options);
  console.log(options.json ? JSON.stringify(demoJson(result)) : formatDemoReport(result));
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
