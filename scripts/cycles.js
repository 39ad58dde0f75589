#!/usr/bin/env node
/**
 * Lists the circles in the import graph of the folders given (default src):
 * files that import each other, directly or around a loop. Type-only imports
 * count too. Exits with 1 when there is one.
 *
 *   node scripts/cycles.js src/core src/main
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const roots = process.argv.slice(2);
if (roots.length === 0) roots.push('src');

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(resolve(path));
  }
  return out;
}

const files = new Set(roots.flatMap((root) => sources(root)));
const specifier = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

function target(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (files.has(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const edges = new Map();
for (const file of files) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const to = new Set();
  for (const m of text.matchAll(specifier)) {
    const t = target(file, m[1] ?? m[2] ?? m[3]);
    if (t && t !== file) to.add(t);
  }
  edges.set(file, [...to]);
}

// Tarjan's strongly connected components: every component of two or more files is a circle.
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
function visit(v) {
  order.set(v, index);
  low.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v)) {
    if (!order.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), order.get(w)));
  }
  if (low.get(v) === order.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) circles.push(component);
  }
}
for (const file of files) if (!order.has(file)) visit(file);

for (const circle of circles) console.log(`circle: ${circle.map((f) => relative(process.cwd(), f)).sort().join(' ↔ ')}`);
console.log(`${files.size} files, ${circles.length} circle${circles.length === 1 ? '' : 's'}`);
process.exit(circles.length > 0 ? 1 : 0);
