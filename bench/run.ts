/**
 * The benchmark dispatcher (issue #2 §Benchmark): `node dist/bench/run.js [name …]` runs the named
 * benchmarks, or all of them without arguments. Each is `bench/<name>.ts` exporting
 * `run(): Promise<Record<string, unknown>>`; its result goes to `bench/results/<name>.json` and a
 * one-line summary is printed. Benchmarks not written yet are skipped with a note.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runContext, writeResult } from './lib/results.js';
import { formatNumber } from './lib/table.js';

const BENCHMARKS = ['protocol', 'store', 'relay', 'groups', 'attachments', 'relay-cluster', 'jetstream-ceiling'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

interface BenchmarkModule {
  run: () => Promise<Record<string, unknown>>;
}

function isKnown(name: string): name is BenchmarkName {
  return (BENCHMARKS as readonly string[]).includes(name);
}

function isBenchmarkModule(value: unknown): value is BenchmarkModule {
  return typeof value === 'object' && value !== null && typeof (value as { run?: unknown }).run === 'function';
}

/** Ratios are the headline numbers; without any, the first few numbers stand in. */
function headline(result: Record<string, unknown>): string {
  const numbers = Object.entries(result).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  const ratios = numbers.filter(([key]) => key.endsWith('_ratio'));
  const shown = ratios.length > 0 ? ratios : numbers.slice(0, 4);
  return shown.map(([key, value]) => `${key}=${formatNumber(value, 3)}`).join(' ');
}

/** `relay-cluster` lives in bench/relayCluster.ts (file names are camelCase). */
const fileOf = (name: BenchmarkName): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

async function runOne(name: BenchmarkName): Promise<'ok' | 'skipped' | 'failed'> {
  const compiled = new URL(`./${fileOf(name)}.js`, import.meta.url);
  if (!existsSync(fileURLToPath(compiled))) {
    console.log(`${name}: skipped (bench/${fileOf(name)}.ts does not exist yet)`);
    return 'skipped';
  }
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  try {
    const module: unknown = await import(`./${fileOf(name)}.js`);
    if (!isBenchmarkModule(module)) throw new Error(`bench/${fileOf(name)}.ts does not export run()`);
    const result = await module.run();
    const seconds = (performance.now() - started) / 1000;
    const path = writeResult(name, { ...result, run: { ...runContext(), seconds: Number(seconds.toFixed(1)) } });
    console.log(`${name}: done in ${seconds.toFixed(1)} s → ${path}  ${headline(result)}`);
    return 'ok';
  } catch (error) {
    console.error(`${name}: FAILED`, error);
    return 'failed';
  }
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !isKnown(name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
    return 2;
  }
  const names = requested.length > 0 ? requested.filter(isKnown) : [...BENCHMARKS];
  const outcomes = new Map<BenchmarkName, string>();
  for (const name of names) outcomes.set(name, await runOne(name));
  console.log(`\nsummary: ${[...outcomes].map(([name, outcome]) => `${name} ${outcome}`).join(', ')}`);
  return [...outcomes.values()].includes('failed') ? 1 : 0;
}

process.exitCode = await main();
