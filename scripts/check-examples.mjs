#!/usr/bin/env node
// Compiles every TSDoc `@example` of the public packages, so examples cannot rot.
//
// Each ```ts block that follows an @example tag in packages/*/src/**/*.ts (tests
// excluded) is written to its own module under .examples/ and the whole set is
// type-checked with tsc against the packages' built type declarations (the same
// resolution a user gets). A failure names the source file and line of the example.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.examples');
const only = process.argv.slice(2);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts') && !path.includes('test-support')) yield path;
  }
}

function extractExamples(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples = [];
  let inExample = false;
  let code = null;
  lines.forEach((raw, index) => {
    const line = raw.replace(/^\s*\*\s?/, '');
    if (/@example\b/.test(raw)) inExample = true;
    else if (/^\s*\*\s*@\w+/.test(raw) || /\*\//.test(raw)) {
      if (code === null) inExample = false;
    }
    if (!inExample) return;
    if (code === null && /^```(ts|typescript)\s*$/.test(line.trim())) code = { start: index + 1, lines: [] };
    else if (code !== null && line.trim() === '```') {
      examples.push(code);
      code = null;
      inExample = false;
    } else if (code !== null) code.lines.push(line);
  });
  return examples;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const packagesDir = join(root, 'packages');
const written = [];
const origins = new Map();
for (const pkg of readdirSync(packagesDir)) {
  if (only.length > 0 && !only.includes(pkg)) continue;
  const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  const src = join(packagesDir, pkg, 'src');
  for (const file of sourceFiles(src)) {
    extractExamples(file).forEach((example, i) => {
      const name = `${relative(packagesDir, file).replace(/[\\/]/g, '__').replace(/\.ts$/, '')}__${i}.ts`;
      const body = example.lines.join('\n');
      // Examples are modules (top-level await allowed); `export {}` makes import-less ones modules too.
      writeFileSync(join(outDir, name), `${body}\nexport {};\n`);
      written.push(name);
      origins.set(name, `${relative(root, file)}:${example.start}`);
    });
  }
}
writeFileSync(
  join(outDir, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: '../tsconfig.base.json',
      compilerOptions: { noEmit: true, noUnusedLocals: false, declaration: false, declarationMap: false, sourceMap: false, rootDir: '.' },
      include: ['*.ts'],
    },
    null,
    2,
  ),
);
// Resolve @qaxon/* the way users do: through a node_modules link to each built package.
const modules = join(outDir, 'node_modules', '@qaxon');
mkdirSync(modules, { recursive: true });
for (const pkg of readdirSync(packagesDir)) {
  const manifest = JSON.parse(readFileSync(join(packagesDir, pkg, 'package.json'), 'utf8'));
  execFileSync('ln', ['-s', join(packagesDir, pkg), join(modules, manifest.name.replace('@qaxon/', ''))]);
}
try {
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(outDir, 'tsconfig.json')], { stdio: 'pipe', encoding: 'utf8' });
  console.log(`check-examples: ${written.length} @example blocks compile`);
} catch (error) {
  const output = String(error.stdout ?? error);
  const explained = output.replace(/^(\S+?\.ts)\((\d+),(\d+)\)/gm, (match, file, line) => {
    const origin = origins.get(file.split('/').pop());
    return origin ? `${origin} (example line ${line})` : match;
  });
  console.error(explained);
  console.error(`check-examples: examples failed to compile (${written.length} checked)`);
  process.exit(1);
}
