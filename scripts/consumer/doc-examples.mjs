// Extracts the ```ts blocks of the READMEs and guides into programs a user could paste.
//
// Every block is its own program, run as written, unless the lines just before it hold
// some of these markers (HTML comments: invisible on npm and GitHub):
//   <!-- example: continues -->          goes on from the previous block (same program; the
//                                        imports of both are merged)
//   <!-- example: compile-only: why -->  type-checked but not run (browser-only code)
//   <!-- example: files a/b c/d -->      copies these repository files into the directory
//                                        the program runs in, at the same relative paths
import { readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';

const MARKER = /^<!--\s*example:\s*(continues|compile-only|files)\b:?\s*(.*?)\s*-->\s*$/;
const IMPORT = /^import\s[\s\S]*?\sfrom\s+'([^']+)';[ \t]*$|^import\s+'([^']+)';[ \t]*$/gm;

/** Splits a block into its import statements and the rest. */
function splitImports(code) {
  const imports = [];
  const body = code.replace(IMPORT, (statement) => {
    imports.push(statement);
    return '';
  });
  return { imports, body: body.replace(/^\n+/, '') };
}

/** Merges import statements: one per module, named imports united, others kept once. */
export function mergeImports(statements) {
  const named = new Map();
  const other = new Set();
  for (const statement of statements) {
    const match = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/.exec(statement.replace(/\s+/g, ' '));
    if (!match) {
      other.add(statement.trim());
      continue;
    }
    const [, typeOnly, list, from] = match;
    const names = named.get(from) ?? new Set();
    for (const raw of list.split(',').map((name) => name.trim()).filter(Boolean)) {
      names.add(typeOnly && !raw.startsWith('type ') ? `type ${raw}` : raw);
    }
    named.set(from, names);
  }
  const merged = [...other];
  for (const [from, names] of named) {
    const plain = new Set([...names].filter((name) => !name.startsWith('type ')));
    // `type X` is dropped where X is imported as a value too.
    const kept = [...names].filter((name) => !name.startsWith('type ') || !plain.has(name.slice(5)));
    merged.push(`import { ${kept.join(', ')} } from '${from}';`);
  }
  return merged;
}

/**
 * The programs of one Markdown file: `{ name, origin, code, run, files }`, `origin` being
 * `path:line` of its first block.
 */
export function docExamples(root, file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const path = relative(root, file);
  const stem = `${dirname(path).replace(/[\\/.]+/g, '_')}__${basename(path, '.md')}`.replace(/^_+/, '');
  const programs = [];
  let markers = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const found = MARKER.exec(line.trim());
    if (found) {
      markers[found[1]] = found[2];
      continue;
    }
    if (!/^```(ts|typescript)\s*$/.test(line.trim())) {
      if (line.trim() !== '') markers = {};
      continue;
    }
    const start = i + 1;
    const code = [];
    for (i++; i < lines.length && lines[i].trim() !== '```'; i++) code.push(lines[i]);
    const block = splitImports(code.join('\n'));
    const files = (markers.files ?? '').split(/\s+/).filter(Boolean);
    const previous = programs.at(-1);
    if ('continues' in markers) {
      if (!previous) throw new Error(`${path}:${start}: "continues" but there is no block before it`);
      previous.imports.push(...block.imports);
      previous.bodies.push(`// ${path}:${start}\n${block.body}`);
      previous.files.push(...files);
      if ('compile-only' in markers) previous.run = false;
    } else {
      programs.push({
        name: `${stem}__${programs.length}`,
        origin: `${path}:${start}`,
        imports: block.imports,
        bodies: [block.body],
        run: !('compile-only' in markers),
        files,
      });
    }
    markers = {};
  }
  return programs.map(({ imports, bodies, ...program }) => ({
    ...program,
    // Programs are modules (top-level await); `export {}` makes import-less ones modules too.
    code: `${mergeImports(imports).join('\n')}\n\n${bodies.join('\n')}\nexport {};\n`,
  }));
}
