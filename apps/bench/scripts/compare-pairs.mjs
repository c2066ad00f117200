#!/usr/bin/env node
// Compares the pairs timed in turns of two bench runs (results.json of `node dist/cli.js`):
// for every pair both runs have, the ratio second / first (above 1: the first configuration
// is faster) before and after, and the change. Used to check "no speed loss" against an
// earlier results page (issue #18).
// Usage: node apps/bench/scripts/compare-pairs.mjs <before/results.json> <after/results.json> [--filter REGEX]
//   e.g. git show 1222d76:docs/benchmarks/results.json > /tmp/v1.json &&
//        node apps/bench/scripts/compare-pairs.mjs /tmp/v1.json docs/benchmarks/results.json --filter mnist
import { readFileSync } from 'node:fs';

const [beforePath, afterPath, ...rest] = process.argv.slice(2);
if (beforePath === undefined || afterPath === undefined) {
  console.error('usage: compare-pairs.mjs <before/results.json> <after/results.json> [--filter REGEX]');
  process.exit(2);
}
const filterAt = rest.indexOf('--filter');
const filter = filterAt >= 0 ? new RegExp(rest[filterAt + 1] ?? '') : /./;

/** Pairs of a results file by a key naming both sides. */
function pairsOf(path) {
  const results = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(results.pairs)) throw new Error(`${path}: expected a bench results.json with "pairs", got keys ${Object.keys(results).join(', ')}`);
  const byKey = new Map();
  for (const { first, second } of results.pairs) {
    if (first?.medianMs === undefined || second?.medianMs === undefined) continue;
    byKey.set(`${first.workload} ${first.config} vs ${second.workload} ${second.config}`, second.medianMs / first.medianMs);
  }
  return byKey;
}

const before = pairsOf(beforePath);
const after = pairsOf(afterPath);
const rows = [...before.keys()].filter((key) => after.has(key) && filter.test(key));
console.log('| pair (first vs second) | before | after | after / before |');
console.log('| --- | ---: | ---: | ---: |');
for (const key of rows) {
  const [b, a] = [before.get(key), after.get(key)];
  console.log(`| ${key} | ${b.toFixed(2)}x | ${a.toFixed(2)}x | ${(a / b).toFixed(2)} |`);
}
const onlyBefore = [...before.keys()].filter((key) => !after.has(key) && filter.test(key));
if (onlyBefore.length > 0) console.log(`\nIn the first run only (${onlyBefore.length}): ${onlyBefore.join('; ')}`);
