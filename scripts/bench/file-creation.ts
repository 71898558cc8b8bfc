// Benchmark: what creating files and folders costs on this machine's disk, against tmpfs. A cold
// build writes tens of thousands of each (a folder per page, Astro's incremental copies, article
// bodies, search files), and on a VM's disk that kernel time is a large part of the build's CPU.
//
//   node scripts/bench/file-creation.ts [--count 5000] [--runs 3] [--dir .state/file-creation]
//
// Prints the median over runs of wall time and system CPU per item, for a folder holding one
// 24 KB page (as the build writes pages) and for a page alone in a shared folder; each in a quiet
// moment and right after deleting as many (as a build does after an old build is removed).
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

/**
 * Per item, creating `count` items. With `afterDelete`, as many were created and deleted just
 * before, as when a build follows the removal of an old one: the kernel may still be busy with it.
 */
function measure(root: string, withFolders: boolean, afterDelete: boolean): { wallMs: number; systemMs: number } {
  rmSync(root, { recursive: true, force: true });
  if (afterDelete) {
    create(`${root}-old`, withFolders);
    rmSync(`${root}-old`, { recursive: true, force: true });
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  create(root, withFolders);
  const { system } = process.cpuUsage(cpu);
  const result = { wallMs: (performance.now() - started) / count, systemMs: system / 1000 / count };
  rmSync(root, { recursive: true, force: true });
  return result;
}

const places = [['disk', disk] as const, ...(process.platform === 'linux' ? [['tmpfs', '/dev/shm/loa-file-creation'] as const] : [])];
console.log(`${count} items, median of ${runs} runs, per item:`);
console.log('place   kind              just deleted as many   wall ms   system ms');
for (const [place, root] of places) {
  for (const [kind, withFolders] of [['folder + page', true], ['page only', false]] as const) {
    for (const afterDelete of [false, true]) {
      const results = Array.from({ length: runs }, () => measure(root, withFolders, afterDelete));
      const wall = median(results.map((r) => r.wallMs));
      const system = median(results.map((r) => r.systemMs));
      console.log(`${place.padEnd(8)}${kind.padEnd(18)}${(afterDelete ? 'yes' : 'no').padEnd(23)}${wall.toFixed(3).padStart(7)}   ${system.toFixed(3).padStart(9)}`);
    }
  }
}
