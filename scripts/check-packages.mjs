#!/usr/bin/env node
// Package hygiene for every public package under packages/: publint --strict,
// @arethetypeswrong/cli on the packed tarball (ESM-only profile: CommonJS consumers use
// require(esm) or a dynamic import), and `npm pack --dry-run` shipping only dist, the
// sources the source maps point at (src, tests left out), README, LICENSE and package.json;
// every shipped map's sources are shipped, and the README links nothing outside the
// package (relative links break on npm). Run from the repository root through pnpm (`pnpm run check:packages`),
// so that `pnpm pack` is on PATH for publint.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failures = [];
const allowed = (file) =>
  file.startsWith('dist/') ||
  (file.startsWith('src/') && !file.endsWith('.test.ts') && !file.includes('/test-support/')) ||
  ['README.md', 'LICENSE', 'package.json', 'CHANGELOG.md'].includes(file);

for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const cwd = join(root, 'packages', dir);
  const manifestPath = join(cwd, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private) continue;
  const run = (label, command, args) => {
    try {
      return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      failures.push(`${manifest.name}: ${label} failed\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      return '';
    }
  };
  for (const required of ['README.md', 'LICENSE']) {
    if (!existsSync(join(cwd, required))) failures.push(`${manifest.name}: missing ${required}`);
  }
  const outside = readFileSync(join(cwd, 'README.md'), 'utf8').match(/\]\(\.\.\/[^)]*\)/g) ?? [];
  if (outside.length > 0) failures.push(`${manifest.name}: README.md links outside the package (broken on npm): ${outside.join(', ')}`);
  if (!/^\d+\.\d+\.\d+/.test(manifest.version)) failures.push(`${manifest.name}: version ${manifest.version} is not semver`);
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (name.startsWith('@qaxon/') && range !== 'workspace:^') failures.push(`${manifest.name}: internal dependency ${name} should be "workspace:^", got "${range}"`);
  }
  // Internal peers take a lower bound: changesets bumps a peer dependent to a new major
  // whenever the peer's next version leaves the range, which ^0.x does on every minor.
  for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) {
    if (name.startsWith('@qaxon/') && !/^workspace:>=\d+\.\d+\.\d+$/.test(range)) {
      failures.push(`${manifest.name}: internal peer dependency ${name} should be "workspace:>=<version>", got "${range}"`);
    }
  }
  run('publint --strict', bin('publint'), ['--strict']);
  run('attw --pack', bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']);
  const packed = run('npm pack --dry-run', 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
  if (packed) {
    const files = JSON.parse(packed)[0].files.map((file) => file.path);
    const extra = files.filter((file) => !allowed(file));
    if (extra.length > 0) failures.push(`${manifest.name}: npm pack would ship files outside dist/README/LICENSE: ${extra.join(', ')}`);
    if (!files.some((file) => file.startsWith('dist/'))) failures.push(`${manifest.name}: npm pack ships no dist/ (build first)`);
    const shipped = new Set(files);
    for (const map of files.filter((file) => file.endsWith('.map'))) {
      const { sources = [] } = JSON.parse(readFileSync(join(cwd, map), 'utf8'));
      const missing = sources.map((source) => normalize(join(dirname(map), source))).filter((source) => !shipped.has(source));
      if (missing.length > 0) failures.push(`${manifest.name}: ${map} points at sources that are not shipped: ${missing.join(', ')}`);
    }
  }
  console.log(`check-packages: ${manifest.name} checked`);
}
if (failures.length > 0) {
  console.error(failures.join('\n\n'));
  process.exit(1);
}
console.log('check-packages: every public package passes publint --strict, attw and the files check');
