#!/usr/bin/env node
// Package hygiene for every public package under packages/: publint --strict,
// @arethetypeswrong/cli on the packed tarball (ESM-only profile: CommonJS consumers use
// a dynamic import), and `npm pack --dry-run` shipping only dist, README, LICENSE and
// package.json. Run from the repository root through pnpm (`pnpm run check:packages`),
// so that `pnpm pack` is on PATH for publint.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failures = [];
const allowed = (file) => file.startsWith('dist/') || ['README.md', 'LICENSE', 'package.json', 'CHANGELOG.md'].includes(file);

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
  if (!/^\d+\.\d+\.\d+/.test(manifest.version)) failures.push(`${manifest.name}: version ${manifest.version} is not semver`);
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    if (name.startsWith('@qaxon/') && range !== 'workspace:^') failures.push(`${manifest.name}: internal dependency ${name} should be "workspace:^", got "${range}"`);
  }
  run('publint --strict', bin('publint'), ['--strict']);
  run('attw --pack', bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii']);
  const packed = run('npm pack --dry-run', 'npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
  if (packed) {
    const files = JSON.parse(packed)[0].files.map((file) => file.path);
    const extra = files.filter((file) => !allowed(file));
    if (extra.length > 0) failures.push(`${manifest.name}: npm pack would ship files outside dist/README/LICENSE: ${extra.join(', ')}`);
    if (!files.some((file) => file.startsWith('dist/'))) failures.push(`${manifest.name}: npm pack ships no dist/ (build first)`);
  }
  console.log(`check-packages: ${manifest.name} checked`);
}
if (failures.length > 0) {
  console.error(failures.join('\n\n'));
  process.exit(1);
}
console.log('check-packages: every public package passes publint --strict, attw and the files check');
