#!/usr/bin/env node
// qaxon as an npm user meets it. Packs every public package (pnpm pack, as a release
// would), installs the tarballs with plain npm into scratch projects outside the workspace
// (third-party packages come from the npm registry) and checks there:
//   light: @qaxon/backends + graph + quantization (+ their @qaxon dependencies) install in
//          under QAXON_LIGHT_INSTALL_LIMIT_S seconds (30) with nothing native and no gpu.js,
//          and createBestBackend() picks WASM, saying why no gpu.js mode was tried;
//   full:  every package + gpu.js (a peer of @qaxon/kernel-gpu; --ignore-scripts, so the
//          native `gl` is not built: headless-gl is tested in the repository); every ```ts
//          example of the READMEs and guides compiles with tsc under NodeNext and bundler
//          resolution, strict, and runs in a directory of its own, and every entry point
//          loads with CommonJS require() (require(esm): Node >= 20.19), on this Node and
//          on those scripts/test-on-node.sh put under .cache/ (CI: 22, 24); a Vite build
//          of a small page runs in headless Chromium (skipped without /usr/bin/chromium).
// Run from the repository root after `pnpm build`: `pnpm run check:consumer` (add --keep to
// keep the scratch directory).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { docExamples } from './consumer/doc-examples.mjs';
import { checkBrowserBuild } from './consumer/browser-build.mjs';

const root = new URL('..', import.meta.url).pathname;
const keep = process.argv.includes('--keep');
const lightLimitS = Number(process.env.QAXON_LIGHT_INSTALL_LIMIT_S ?? 30);
const scratch = mkdtempSync(join(tmpdir(), 'qaxon-consumer-'));
const failures = [];
const devVersion = (name) => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies[name];
const log = (message) => console.log(`check-consumer: ${message}`);

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`, status: result.status };
}

function project(name, dependencies) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `qaxon-consumer-${name}`, private: true, type: 'module', dependencies }, null, 2));
  return dir;
}

function npmInstall(dir, extraArgs = []) {
  const started = performance.now();
  const result = sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...extraArgs], { cwd: dir });
  const seconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(`npm install in ${dir} failed:\n${result.output}`);
  return seconds;
}

const megabytes = (dir) => Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) / 1024;

try {
  // 1. Pack every public package the way a release does (workspace:^ becomes a version range).
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const packages = {};
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    const packed = sh('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(root, 'packages', dir) });
    if (!packed.ok) throw new Error(`pnpm pack ${manifest.name} failed:\n${packed.output}`);
    packages[manifest.name] = `file:${join(tarballs, `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`)}`;
  }
  log(`packed ${Object.keys(packages).length} packages`);
  const pick = (...names) => Object.fromEntries(names.map((name) => [name, packages[name]]));

  // 2. Light: the CPU backends only.
  const light = project('light', pick('@qaxon/backends', '@qaxon/graph', '@qaxon/quantization', '@qaxon/tensor', '@qaxon/kernel-reference', '@qaxon/kernel-wasm'));
  const lightSeconds = npmInstall(light);
  const heavy = ['gpu.js', 'webgpu', 'gl', '@qaxon/kernel-gpu'].filter((name) => existsSync(join(light, 'node_modules', name)));
  if (heavy.length > 0) failures.push(`light install pulled in ${heavy.join(', ')}`);
  if (lightSeconds > lightLimitS) failures.push(`light install took ${lightSeconds.toFixed(1)} s (limit ${lightLimitS} s)`);
  writeFileSync(
    join(light, 'best.mjs'),
    `import { createBestBackend } from '@qaxon/backends';
const best = await createBestBackend();
best.backend.dispose?.();
if (best.kind !== 'wasm') throw new Error('picked ' + best.kind + ': ' + best.reason);
if (!/kernel-gpu is not installed/.test(best.considered[0].reason)) throw new Error('first line: ' + best.considered[0].reason);
console.log(best.kind, '-', best.considered[0].reason.split(' (')[0]);
`,
  );
  const best = sh('node', ['best.mjs'], { cwd: light });
  if (!best.ok) failures.push(`light: createBestBackend() did not pick wasm:\n${best.output}`);
  log(`light install: ${lightSeconds.toFixed(1)} s, ${megabytes(join(light, 'node_modules')).toFixed(1)} MB; ${best.output.trim()}`);

  // 3. Full: every package, gpu.js from the registry, TypeScript.
  const full = project('full', {
    ...packages,
    typescript: devVersion('typescript'),
    '@types/node': devVersion('@types/node'),
    vitest: devVersion('vitest'), // the conformance suite's peer, for the kernel-reference README's test file
  });
  const fullSeconds = npmInstall(full, ['--ignore-scripts']);
  if (!existsSync(join(full, 'node_modules', 'gpu.js'))) failures.push('full: gpu.js (peer of @qaxon/kernel-gpu) was not installed');
  writeFileSync(
    join(full, 'gpu.mjs'),
    `import { createBestBackend } from '@qaxon/backends';
import { availableGpuModes, defaultGpuConstructor } from '@qaxon/kernel-gpu';
const best = await createBestBackend();
best.backend.dispose?.();
const tried = best.considered.map((line) => line.candidate).filter((candidate) => candidate.startsWith('gpu.js:'));
if (tried.join() !== 'gpu.js:webgpu,gpu.js:webgl2,gpu.js:webgl,gpu.js:headlessgl') throw new Error('gpu.js modes tried: ' + tried.join());
const modes = availableGpuModes(defaultGpuConstructor);
if (!modes.includes('webasm') || !modes.includes('cpu')) throw new Error('gpu.js modes available: ' + modes.join());
console.log('createBestBackend() found @qaxon/kernel-gpu and tried', tried.length, 'gpu.js modes; available in Node here:', modes.join(', '));
`,
  );
  const gpu = sh('node', ['gpu.mjs'], { cwd: full });
  if (!gpu.ok) failures.push(`full: @qaxon/kernel-gpu with gpu.js does not give its modes:\n${gpu.output}`);
  log(`full install (--ignore-scripts): ${fullSeconds.toFixed(1)} s, ${megabytes(join(full, 'node_modules')).toFixed(1)} MB; ${gpu.output.trim()}`);

  // 3a. The documented examples: compiled under NodeNext (emitted) and bundler resolution, then run.
  const docs = ['README.md', ...readdirSync(join(root, 'packages')).map((dir) => `packages/${dir}/README.md`), ...readdirSync(join(root, 'docs/guides')).map((file) => `docs/guides/${file}`)];
  const programs = docs.filter((doc) => existsSync(join(root, doc))).flatMap((doc) => docExamples(root, join(root, doc)));
  const examples = join(full, 'examples');
  mkdirSync(examples);
  for (const program of programs) writeFileSync(join(examples, `${program.name}.ts`), `// ${program.origin}\n${program.code}`);
  const strict = { strict: true, noUncheckedIndexedAccess: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'] };
  const tsconfigs = {
    'tsconfig.nodenext.json': { compilerOptions: { ...strict, module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'out' }, include: ['examples'] },
    'tsconfig.bundler.json': { compilerOptions: { ...strict, module: 'ESNext', moduleResolution: 'bundler', noEmit: true }, include: ['examples'] },
  };
  for (const [file, config] of Object.entries(tsconfigs)) {
    writeFileSync(join(full, file), JSON.stringify(config, null, 2));
    const tsc = sh('node', [join(full, 'node_modules/typescript/bin/tsc'), '-p', file], { cwd: full });
    if (!tsc.ok) failures.push(`examples do not compile (${file}):\n${tsc.output}`);
    else log(`${programs.length} documented examples compile (${file})`);
  }
  const runnable = programs.filter((candidate) => candidate.run && existsSync(join(full, 'out', `${candidate.name}.js`)));
  const runExamples = (node, version) => {
    let ran = 0;
    for (const program of runnable) {
      const cwd = mkdtempSync(join(scratch, `run-${program.name}-`));
      for (const file of program.files) {
        mkdirSync(dirname(join(cwd, file)), { recursive: true });
        cpSync(join(root, file), join(cwd, file));
      }
      const run = sh(node, [join(full, 'out', `${program.name}.js`)], { cwd, timeout: 120_000 });
      if (!run.ok) failures.push(`example ${program.origin} failed when run on Node ${version}:\n${run.output.split('\n').slice(0, 20).join('\n')}`);
      else ran++;
    }
    log(`Node ${version}: ${ran} of ${programs.filter((candidate) => candidate.run).length} runnable examples ran (${programs.filter((candidate) => !candidate.run).length} compile-only)`);
  };

  // 3b. CommonJS: require() of every entry point.
  const entries = Object.keys(packages).flatMap((name) => {
    const manifest = JSON.parse(readFileSync(join(full, 'node_modules', name, 'package.json'), 'utf8'));
    return Object.keys(manifest.exports)
      .filter((subpath) => subpath !== './package.json' && !subpath.startsWith('./conformance'))
      .map((subpath) => `${name}${subpath.slice(1)}`);
  });
  writeFileSync(join(full, 'require.cjs'), `for (const entry of ${JSON.stringify(entries)}) {\n  const exports = require(entry);\n  if (Object.keys(exports).length === 0) throw new Error(entry + ' exports nothing');\n}\nconst { tensor } = require('@qaxon/tensor');\nconsole.log('require() loads ${entries.length} entry points; tensor([1, 2]).shape =', tensor([1, 2]).shape);\n`);
  // 3c. The examples and require() on this Node and on the majors scripts/test-on-node.sh fetched (CI: 22 and 24).
  const otherNodes = existsSync(join(root, '.cache'))
    ? readdirSync(join(root, '.cache')).map((dir) => join(root, '.cache', dir, 'bin', 'node')).filter((node) => existsSync(node))
    : [];
  for (const node of [process.execPath, ...otherNodes]) {
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    const required = sh(node, ['require.cjs'], { cwd: full });
    if (!required.ok) failures.push(`CommonJS require() failed on Node ${version}:\n${required.output}`);
    else log(`Node ${version}: ${required.output.trim()}`);
    runExamples(node, version);
    if (node === process.execPath) continue;
    const picked = sh(node, ['best.mjs'], { cwd: light });
    if (!picked.ok) failures.push(`light: createBestBackend() did not pick wasm on Node ${version}:\n${picked.output}`);
  }

  // 3d. A Vite build in headless Chromium.
  const browser = await checkBrowserBuild({ scratch, packages, sh, npmInstall, devVersion, log });
  if (browser) failures.push(browser);
} catch (error) {
  failures.push(String(error?.stack ?? error));
} finally {
  if (keep) log(`scratch directory kept: ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(failures.map((failure) => `check-consumer: ${failure}`).join('\n\n'));
  process.exit(1);
}
log('every consumer check passed');
