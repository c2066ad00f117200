import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { MachineInfo } from './report/results-schema.js';

/**
 * The machine this process runs on: CPU model (from `/proc/cpuinfo` where it exists, else
 * `os.cpus()`), logical cores, Node version, platform, memory and the load averages now,
 * with `note` (e.g. that other work shared the machine).
 *
 * @example
 * ```ts
 * const machine = machineInfo('');
 * console.log(machine.logicalCores >= 1, machine.nodeVersion.startsWith('v')); // true true
 * ```
 */
export function machineInfo(note: string): MachineInfo {
  return {
    cpuModel: cpuModel(),
    logicalCores: os.availableParallelism(),
    nodeVersion: process.version,
    platform: process.platform,
    arch: process.arch,
    totalMemoryBytes: os.totalmem(),
    loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    note,
  };
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model.trim() ?? 'unknown';
}

/**
 * The versions of the libraries compared, read from their installed `package.json` under
 * the given `node_modules` folders (`'not installed'` where absent).
 *
 * @example
 * ```ts
 * const versions = libraryVersions([{ name: 'onnxruntime-node', from: 'apps/bench' }]);
 * console.log(versions[0]!.version); // e.g. '1.30.0'
 * ```
 */
export function libraryVersions(packages: readonly { name: string; from: string }[]): { name: string; version: string }[] {
  return packages.map(({ name, from }) => {
    try {
      const manifest = JSON.parse(readFileSync(join(from, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string };
      return { name, version: manifest.version ?? 'unknown' };
    } catch {
      return { name, version: 'not installed' };
    }
  });
}
