// Benchmark: what creating files and folders costs on this machine's disk, against tmpfs. A cold
// build writes tens of thousands of each (a folder per page, Astro's incremental copies, article
// bodies, search files), and on a VM's disk that kernel time is a large part of the build's CPU.
//
//   node scripts/bench/file-creation.ts [--count 5000] [--runs 3] [--dir .state/file-creation]
//
// Prints the median over runs of wall time and system CPU per item, for a folder holding one
// 24 KB page (as the build writes pages) and for a page alone in a shared folder; first with
// nothing deleted since the benchmark started, then each right after deleting as many (as when a
// build follows the removal of an old one). On ext4 without a journal the second costs far more:
// the kernel passes over inodes freed in the last one to six minutes each time it allocates one.
// Nothing is deleted until the end, so the first measurements are not disturbed by the others.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, option } from '../lib/bench.ts';
import { stateDir } from '../lib/paths.ts';

const count = Number(option('count', '5000'));
const runs = Number(option('runs', '3'));
const disk = option('dir', join(stateDir, 'file-creation'));
const page = Buffer.alloc(24_000, 'a');

function create(root: string, withFolders: boolean): void {
  mkdirSync(root, { recursive: true });
  for (let i = 0; i < count; i++) {
    if (withFolders) {
      mkdirSync(join(root, `bai-${i}`));
      writeFileSync(join(root, `bai-${i}`, 'index.html'), page);
    } else {
      writeFileSync(join(root, `bai-${i}.html`), page);
    }
  }
}

let folders = 0;

/** Per item, creating `count` items in a new folder; with `afterDelete`, as many were created and deleted just before. */
function measure(base: string, withFolders: boolean, afterDelete: boolean): { wallMs: number; systemMs: number } {
  if (afterDelete) {
    const old = join(base, `old-${folders++}`);
    create(old, withFolders);
    rmSync(old, { recursive: true, force: true });
  }
  const root = join(base, `new-${folders++}`);
  const started = performance.now();
  const cpu = process.cpuUsage();
  create(root, withFolders);
  const { system } = process.cpuUsage(cpu);
  return { wallMs: (performance.now() - started) / count, systemMs: system / 1000 / count };
}

const places = [['disk', disk] as const, ...(process.platform === 'linux' ? [['tmpfs', '/dev/shm/loa-file-creation'] as const] : [])];
const kinds = [
  ['folder + page', true],
  ['page only', false],
] as const;
for (const [, root] of places) rmSync(root, { recursive: true, force: true });
console.log(`${count} items, median of ${runs} runs, per item:`);
console.log('place   kind              just deleted as many   wall ms   system ms');
try {
  for (const afterDelete of [false, true]) {
    for (const [place, root] of places) {
      for (const [kind, withFolders] of kinds) {
        const results = Array.from({ length: runs }, () => measure(root, withFolders, afterDelete));
        const wall = median(results.map((r) => r.wallMs));
        const system = median(results.map((r) => r.systemMs));
        console.log(
          `${place.padEnd(8)}${kind.padEnd(18)}${(afterDelete ? 'yes' : 'no').padEnd(23)}${wall.toFixed(3).padStart(7)}   ${system.toFixed(3).padStart(9)}`,
        );
      }
    }
  }
} finally {
  for (const [, root] of places) rmSync(root, { recursive: true, force: true });
}
