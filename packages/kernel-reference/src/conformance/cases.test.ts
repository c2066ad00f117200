import { readFileSync } from 'node:fs';
import { OP_NAMES } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CASES } from './cases.js';
import { LIFECYCLE_CASES } from './lifecycle-cases.js';

describe('CONFORMANCE_CASES', () => {
  it('covers every op, in OP_NAMES order, with names unique within each op', () => {
    for (const op of OP_NAMES) expect(CONFORMANCE_CASES.some((c) => c.op === op), op).toBe(true);
    const order = CONFORMANCE_CASES.map((c) => OP_NAMES.indexOf(c.op));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const names = CONFORMANCE_CASES.map((c) => `${c.op} ${c.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('builds new, identical inputs on every call', () => {
    for (const testCase of CONFORMANCE_CASES) {
      const first = testCase.build();
      const second = testCase.build();
      expect(second.inputs).not.toBe(first.inputs);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    }
  });

  it('has lifecycle cases with unique names', () => {
    expect(new Set(LIFECYCLE_CASES.map((c) => c.name)).size).toBe(LIFECYCLE_CASES.length);
  });
});

describe('the conformance-runner entry point', () => {
  it('imports nothing from vitest (a browser page uses it)', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/from 'vitest'/);
      for (const [, path] of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(new URL(`${path}.ts`, new URL(file, import.meta.url)).href);
    };
    visit(new URL('./runner.ts', import.meta.url).href);
    expect(seen.size).toBeGreaterThan(5);
  });
});
