import type { Backend, Handle } from '@qaxon/tensor';
import type { ConformanceVerdict } from './run-conformance-case.js';

// Small pieces shared by the lifecycle cases: verdicts, error text, releases that never throw.

/** A kernel called with inputs and attributes of any op. */
export type AnyKernel = (inputs: Record<string, unknown>, attrs: unknown) => Handle | Promise<Handle>;

export function ok(name: string, detail: string): ConformanceVerdict {
  return { passed: true, detail: `${name}: ${detail}` };
}

export function fail(name: string, detail: string): ConformanceVerdict {
  return { passed: false, detail: `${name}: ${detail}` };
}

export function skip(name: string, reason: string): ConformanceVerdict {
  return { passed: true, detail: `${name}: not run`, skipped: reason };
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function throws(action: () => unknown): Promise<boolean> {
  try {
    await action();
    return false;
  } catch {
    return true;
  }
}

export function safeRelease(backend: Backend, handle: Handle | undefined): void {
  if (handle === undefined) return;
  try {
    backend.release(handle);
  } catch {
    // reported by the release cases
  }
}
