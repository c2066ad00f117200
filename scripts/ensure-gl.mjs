#!/usr/bin/env node
// Builds `gl` (headless-gl, gpu.js's optional native dependency) when its binary is missing.
// A plain `pnpm install` leaves it unbuilt (pnpm-workspace.yaml: ignoredBuiltDependencies),
// because compiling ANGLE from source takes 7-15 minutes and only the headless-gl tests need
// it; those tests call this first (packages/kernel-gpu's `test` script, and
// scripts/ensure-system-deps.sh, which the README's test command and CI run).
//
// What it does, like gl's own install script: `prebuild-install` (a prebuilt binary, when one
// can be downloaded; given 60 s), else `node-gyp rebuild` against the running Node's headers
// (npm_config_nodedir when its headers match this Node, else the headers next to the
// running node binary, e.g. /usr/include/node). The compiler output goes to a log file whose
// tail is printed when the build fails.
//
// Exit status: 0 when gl is built (or was already); when it is not installed or cannot be
// built, 1 with QAXON_REQUIRE_HEADLESSGL=1 (CI), else 0 after a warning (the headlessgl tests
// then skip). `--if-installed`: say nothing and exit 0 when gl is not installed at all.
// QAXON_SKIP_GL_BUILD=1 (scripts/test-on-node.sh): never build, since a binary built for
// another Node major would not load on the machine's own Node.
//
// Usage (repository root): node scripts/ensure-gl.mjs [--if-installed]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const required = process.env.QAXON_REQUIRE_HEADLESSGL === '1';
const ifInstalled = process.argv.includes('--if-installed');
const systemPackages = 'libxi-dev libglu1-mesa-dev libglew-dev pkg-config libx11-dev libxext-dev (Debian names; bash scripts/ensure-system-deps.sh installs them as root)';
const log = (message) => console.log(`ensure-gl: ${message}`);

/** Ends the script: fine, or a failure that only CI (QAXON_REQUIRE_HEADLESSGL=1) treats as fatal. */
function giveUp(reason) {
  const consequence = required
    ? 'QAXON_REQUIRE_HEADLESSGL=1, so this fails the run'
    : 'the headlessgl tests will skip (set QAXON_REQUIRE_HEADLESSGL=1 to make this an error)';
  console.error(`ensure-gl: ${reason}\nensure-gl: ${consequence}`);
  process.exit(required ? 1 : 0);
}

/** gl's package directory, found as gpu.js (a dev dependency of @qaxon/kernel-gpu) finds it; undefined when not installed. */
function glDirectory() {
  try {
    const fromKernelGpu = createRequire(join(root, 'packages/kernel-gpu/package.json'));
    const fromGpuJs = createRequire(fromKernelGpu.resolve('gpu.js/package.json'));
    return dirname(fromGpuJs.resolve('gl/package.json'));
  } catch {
    return undefined;
  }
}

/** The Node version whose headers `<prefix>/include/node` holds, or undefined. */
function headersVersion(prefix) {
  const file = join(prefix, 'include/node/node_version.h');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const part = (name) => new RegExp(`#define NODE_${name}_VERSION (\\d+)`).exec(text)?.[1];
  return `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
}

/** A nodedir whose headers match the running Node (no download needed), or undefined. */
function matchingNodedir() {
  const candidates = [process.env.npm_config_nodedir, dirname(dirname(process.execPath))].filter(Boolean);
  return candidates.find((prefix) => headersVersion(prefix) === process.versions.node);
}

/** Runs a gl build step with its output appended to the log file; true when it succeeded. */
function step(glDir, logFile, args, timeoutMs, env) {
  const fd = openSync(logFile, 'a');
  try {
    const result = spawnSync(process.execPath, args, { cwd: glDir, stdio: ['ignore', fd, fd], timeout: timeoutMs, env });
    return result.status === 0;
  } finally {
    closeSync(fd);
  }
}

const glDir = glDirectory();
if (glDir === undefined) {
  if (ifInstalled) process.exit(0);
  giveUp('the gl module is not installed (an optional dependency of gpu.js): run `npx -y pnpm@10.34.8 install` first');
}
const binary = join(glDir, 'build/Release/webgl.node');
if (existsSync(binary)) process.exit(0);
if (process.env.QAXON_SKIP_GL_BUILD === '1') {
  log(`gl is not built and QAXON_SKIP_GL_BUILD=1: not building it for Node ${process.version}; the headlessgl tests skip`);
  process.exit(0);
}

const fromGl = createRequire(join(glDir, 'package.json'));
const binOf = (name) => {
  const manifest = fromGl.resolve(`${name}/package.json`);
  const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin;
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin[name]);
};
const nodedir = matchingNodedir();
const env = { ...process.env, ...(nodedir === undefined ? {} : { npm_config_nodedir: nodedir }) };
const logFile = join(mkdtempSync(join(tmpdir(), 'qaxon-gl-')), 'build.log');
const started = Date.now();
log(`building gl in ${glDir} for Node ${process.version} (headless-gl tests need it; ANGLE from source takes 7-15 minutes on 2 cores; log: ${logFile})`);

const prebuilt = step(glDir, logFile, [binOf('prebuild-install')], 60_000, env);
const built = prebuilt || step(glDir, logFile, [binOf('node-gyp'), 'rebuild', `--jobs=${process.env.JOBS ?? 'max'}`], undefined, env);
if (!built || !existsSync(binary)) {
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
  giveUp(
    `could not build gl (${logFile}, last lines below). It needs a C++ toolchain (g++, make, python3), the X11/OpenGL headers ${systemPackages}, ` +
      `and the headers of Node ${process.version} (found: ${nodedir ?? 'none here, so node-gyp tried to download them'}; set npm_config_nodedir to a Node prefix whose include/node matches). ` +
      `Retry with: node scripts/ensure-gl.mjs\n${tail}`,
  );
}
log(`gl built (${prebuilt ? 'prebuilt binary downloaded' : 'compiled from source'}) in ${Math.round((Date.now() - started) / 1000)} s`);
