import { describe, expect, it } from 'vitest';
import { resultsWithMedians, WASM_AND_TFJS } from '../test-support/sample-results.js';
import { checkIssueTargets, OPEN_ISSUE_TARGETS, openIssueTargetsSection, type IssueTarget } from './open-issue-targets.js';
import type { ConfigSummary } from './results-schema.js';

const ORT_WEB_Q8: ConfigSummary = { id: 'ort-web-q8-1t', label: 'ORT-web q8', library: 'ort-web', peer: true, platform: 'browser' };
const W8A8: ConfigSummary = { id: 'qaxon-wasm-w8a8-1t', label: 'qaxon w8a8', library: 'qaxon', peer: false, platform: 'browser' };
const target: IssueTarget = {
  issue: 21,
  target: 'GEMM against q8',
  measure: 'time',
  limit: 1,
  contender: { config: 'qaxon-wasm-w8a8-1t', workload: 'gemm-int8' },
  yardstick: { config: 'ort-web-q8-1t', workload: 'gemm-int8' },
};

describe('checkIssueTargets', () => {
  it('says "not implemented yet" while the contender is not part of the run, with the yardstick measured', () => {
    const results = resultsWithMedians({ 'gemm-int8': { 'ort-web-q8-1t': 15.2 } }, [...WASM_AND_TFJS, ORT_WEB_Q8]);
    expect(checkIssueTargets(results, [target])).toEqual([{ target, status: 'not implemented yet', yardstick: '15.2 ms' }]);
  });

  it('is met or missed with the ratio once the contender runs', () => {
    const configs = [...WASM_AND_TFJS, ORT_WEB_Q8, W8A8];
    expect(checkIssueTargets(resultsWithMedians({ 'gemm-int8': { 'ort-web-q8-1t': 15, 'qaxon-wasm-w8a8-1t': 12 } }, configs), [target])[0]).toMatchObject({
      status: 'met',
      ratio: '0.80× (separate processes)',
    });
    expect(checkIssueTargets(resultsWithMedians({ 'gemm-int8': { 'ort-web-q8-1t': 10, 'qaxon-wasm-w8a8-1t': 10.01 } }, configs), [target])[0]).toMatchObject({
      status: 'missed',
      ratio: '1.001× (separate processes)',
    });
    expect(checkIssueTargets(resultsWithMedians({ 'gemm-int8': { 'ort-web-q8-1t': 10 } }, configs), [target])[0]!.status).toBe('not measured by this run');
  });

  it('compares weight bytes for a memory target', () => {
    const memory: IssueTarget = { ...target, measure: 'weight bytes', limit: 0.5, yardstick: { config: 'ort-web-q8-1t', workload: 'gemm-int8' } };
    const results = resultsWithMedians({ 'gemm-int8': { 'ort-web-q8-1t': 1, 'qaxon-wasm-w8a8-1t': 1 } }, [...WASM_AND_TFJS, ORT_WEB_Q8, W8A8]);
    // Both cases carry the sample's 8,404,992 weight bytes.
    expect(checkIssueTargets(results, [memory])[0]).toMatchObject({ status: 'missed', ratio: '1.00×', yardstick: '8.0 MiB' });
  });
});

describe('the non-dense share of #19 blocks', () => {
  const share = OPEN_ISSUE_TARGETS.find((entry) => entry.breakdownOf !== undefined)!;
  const withShares = (shares: Record<string, number>) => {
    const results = resultsWithMedians(Object.fromEntries(Object.keys(shares).map((workload) => [workload, { 'qaxon-wasm-1t': 10 }])), WASM_AND_TFJS);
    return {
      ...results,
      cases: results.cases.map((entry) => ({ ...entry, opBreakdown: { calls: 5, callMs: 10, ops: [{ op: 'quantizedDense', calls: 7, ms: 10 * (1 - shares[entry.workload]!) }], nonDenseShare: shares[entry.workload]! } })),
    };
  };

  it('is the largest share of the breakdowns of both blocks, met when at most 25%', () => {
    expect(checkIssueTargets(withShares({ 'bert-block-128-int8': 0.12, 'llama-step-kv128-int8': 0.2 }), [share])[0]).toMatchObject({
      status: 'met',
      ratio: 'bert-block-128-int8 0.12, llama-step-kv128-int8 0.20 (per-op breakdown)',
    });
    expect(checkIssueTargets(withShares({ 'bert-block-128-int8': 0.12, 'llama-step-kv128-int8': 0.31 }), [share])[0]!.status).toBe('missed');
  });

  it('is not measured while a block lacks its breakdown, and not implemented without block workloads', () => {
    expect(checkIssueTargets(withShares({ 'bert-block-128-int8': 0.12 }), [share])[0]).toMatchObject({ status: 'not measured by this run', ratio: 'bert-block-128-int8 0.12 (per-op breakdown)' });
    expect(checkIssueTargets(resultsWithMedians({ 'gemm-int8': { 'qaxon-wasm-1t': 1 } }, WASM_AND_TFJS), [share])[0]!.status).toBe('not implemented yet');
  });
});

describe('OPEN_ISSUE_TARGETS on the results page', () => {
  it('lists every target of issues 21, 25 and 19, none implemented yet', () => {
    const page = openIssueTargetsSection(resultsWithMedians({}, WASM_AND_TFJS));
    expect(page).toContain('## Targets of open issues');
    const rows = page.filter((line) => /^\| #\d+ /.test(line));
    expect(rows).toHaveLength(OPEN_ISSUE_TARGETS.length);
    expect(new Set(OPEN_ISSUE_TARGETS.map((entry) => entry.issue))).toEqual(new Set([21, 25, 19]));
    for (const row of rows) expect(row.endsWith('| not implemented yet |')).toBe(true);
    expect(rows.find((row) => row.includes('TinyLlama'))).toContain('| at least 8 tokens/s | needs a pretrained-model workload');
  });
});
