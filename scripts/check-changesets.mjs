#!/usr/bin/env node
// Release-flow check: in a scratch copy of the committed tree, `changeset version` must
// consume every pending changeset, move all @qaxon/* packages to one new version (they
// are a `fixed` group), write a CHANGELOG.md per package, keep internal dependencies on
// `workspace:^`, and reach a new major only when a changeset asks for one. The working tree
// is never touched.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'qaxon-changesets-'));
const fail = (message) => {
  console.error(`check-changesets: ${message}`);
  process.exitCode = 1;
};
try {
  execFileSync('git', ['clone', '-q', '--no-hardlinks', root, scratch]);
  // Pending changesets may not be committed yet in a working tree; copy what is there.
  for (const file of readdirSync(join(root, '.changeset'))) {
    execFileSync('cp', [join(root, '.changeset', file), join(scratch, '.changeset', file)]);
  }
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
  const pending = readdirSync(join(scratch, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
  const packages = readdirSync(join(scratch, 'packages'))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(scratch, 'packages', dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private);
  const before = new Map(packages.map(({ manifest }) => [manifest.name, manifest.version]));
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: scratch, stdio: 'pipe' });
  const left = readdirSync(join(scratch, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
  if (left.length > 0) fail(`changesets left unconsumed: ${left.join(', ')}`);
  const versions = new Set();
  for (const { dir } of packages) {
    const manifest = JSON.parse(readFileSync(join(scratch, 'packages', dir, 'package.json'), 'utf8'));
    versions.add(manifest.version);
    if (pending.length > 0 && manifest.version === before.get(manifest.name)) fail(`${manifest.name} kept version ${manifest.version}`);
    const changelog = join(scratch, 'packages', dir, 'CHANGELOG.md');
    if (pending.length > 0 && (!existsSync(changelog) || !readFileSync(changelog, 'utf8').includes(`## ${manifest.version}`))) {
      fail(`${manifest.name} has no CHANGELOG.md entry for ${manifest.version}`);
    }
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (name.startsWith('@qaxon/') && range !== 'workspace:^') fail(`${manifest.name} depends on ${name}@${range} after versioning`);
    }
  }
  if (versions.size > 1) fail(`@qaxon/* packages ended on different versions: ${[...versions].join(', ')}`);
  // A major version only when a changeset asks for one (changesets also bumps peer dependents).
  const askedMajor = pending.some((file) => /^['"]?@qaxon\/[\w-]+['"]?:\s*major\s*$/m.test(readFileSync(join(root, '.changeset', file), 'utf8')));
  const majorOf = (version) => version.split('.')[0];
  const oldMajor = majorOf([...before.values()][0]);
  for (const version of versions) {
    if (!askedMajor && majorOf(version) !== oldMajor) fail(`@qaxon/* packages went to ${version}, a new major, though no changeset asks for one`);
  }
  if (process.exitCode !== 1) {
    console.log(`check-changesets: ${pending.length} changesets -> every @qaxon package at ${[...versions][0]}, CHANGELOGs written`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
