// Long fuzz runs of issue #20's boundaries (CI runs the same suites with a small fixed budget):
//   node bench/reliability-fuzz.mjs [--imports=10000] [--edits=1000] [--worker=10000]
// 10 000 hostile layouts through every import route, 1 000 edit/reload sequences, and random
// worker-protocol messages. Each suite prints its own counts.
import { spawnSync } from 'node:child_process';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const suites = [
  ['bench/importRoutes.fuzz.test.ts', Number(args.imports ?? 10_000)],
  ['src/store/autosaveReload.fuzz.test.ts', Number(args.edits ?? 1_000)],
  ['src/worker/workerProtocol.fuzz.test.ts', Number(args.worker ?? 10_000)],
];
let failed = false;
for (const [file, runs] of suites) {
  const started = Date.now();
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--testTimeout', '0', file], {
    env: { ...process.env, BLOBGEN_FUZZ_RUNS: String(runs) },
    encoding: 'utf8',
  });
  // eslint-disable-next-line no-control-regex -- strips the terminal colours vitest prints
  const plain = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').filter((line) => /fuzz:|Tests |FAIL|Counterexample/.test(line)).map((line) => line.trim());
  console.log(`${file} (${runs} runs, ${((Date.now() - started) / 1000).toFixed(1)} s)\n  ${lines.join('\n  ')}`);
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
