import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A tiny random checkpoint of fixtures/ (made by scripts/make-tiny-checkpoints.py). */
export const tinyFolder = (name: 'tiny-llama' | 'tiny-qwen2' | 'tiny-gpt2' | 'tiny-bert'): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

/** Its expected.json: inputs and the PyTorch reference's outputs. */
export function tinyExpected<T>(name: 'tiny-llama' | 'tiny-qwen2' | 'tiny-gpt2' | 'tiny-bert'): T {
  return JSON.parse(readFileSync(`${tinyFolder(name)}/expected.json`, 'utf8')) as T;
}

/** Largest |a - b| over two float arrays of the same length. */
export function maxAbsDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`expected ${expected.length} values, got ${actual.length}`);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(Number(actual[i]) - Number(expected[i])));
  return worst;
}
