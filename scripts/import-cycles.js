#!/usr/bin/env node
/**
 * Refuses files that import each other in a circle. Reads the relative
 * imports (type-only ones too: a circle of types is still a circle) of every
 * .ts/.tsx file under the folders given (default: src/main), finds the
 * strongly connected parts of that graph, and prints each circle with one
 * path around it. Exit 1 when there is one.
 *
 *   node scripts/import-cycles.js [DIR...]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const dirs = (process.argv.slice(2).length ? process.argv.slice(2) : ['src/main']).map((d) => resolve(d));
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const inScope = (path) => dirs.some((d) => path === d || path.startsWith(d + '/'));
const files = dirs.flatMap(filesUnder);
const edges = new Map(files.map((f) => [f, []]));
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(IMPORT)) {
    const target = resolveImport(file, m[1] ?? m[2] ?? m[3]);
    if (target && inScope(target) && !edges.get(file).includes(target)) edges.get(file).push(target);
  }
}

// Tarjan's strongly connected components, iteratively (no recursion limit on deep graphs).
let counter = 0;
const index = new Map();
const low = new Map();
const onStack = new Set();
const stack = [];
const circles = [];
for (const start of files) {
  if (index.has(start)) continue;
  const work = [[start, 0]];
  while (work.length) {
    const frame = work[work.length - 1];
    const [v, i] = frame;
    if (i === 0) {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
    }
    const next = edges.get(v)[i];
    if (next !== undefined) {
      frame[1]++;
      if (!index.has(next)) work.push([next, 0]);
      else if (onStack.has(next)) low.set(v, Math.min(low.get(v), index.get(next)));
      continue;
    }
    work.pop();
    if (work.length) {
      const parent = work[work.length - 1][0];
      low.set(parent, Math.min(low.get(parent), low.get(v)));
    }
    if (low.get(v) === index.get(v)) {
      const part = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || edges.get(v).includes(v)) circles.push(part);
    }
  }
}

/** One way around a circle: from its first file back to itself, through files of the circle only. */
function pathAround(part) {
  const members = new Set(part);
  const first = part[part.length - 1];
  const from = new Map([[first, null]]);
  const queue = [first];
  while (queue.length) {
    const v = queue.shift();
    for (const w of edges.get(v)) {
      if (w === first) {
        const path = [w];
        for (let x = v; x !== null; x = from.get(x)) path.unshift(x);
        return path;
      }
      if (members.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return part;
}

const shown = (f) => relative(process.cwd(), f);
if (circles.length === 0) {
  console.log(`No circular imports among ${files.length} files under ${dirs.map(shown).join(', ')}.`);
} else {
  for (const part of circles) console.error(`Circular imports (${part.length} files): ${pathAround(part).map(shown).join(' -> ')}`);
  process.exitCode = 1;
}
