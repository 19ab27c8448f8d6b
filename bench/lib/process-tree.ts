import { readdirSync, readFileSync } from 'node:fs';

/** One process of a tree, with its resident set. */
export interface ProcessRss {
  readonly pid: number;
  readonly name: string;
  readonly commandLine: string;
  readonly rssMiB: number;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function rssOf(pid: number): ProcessRss | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? '?';
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { pid, name, commandLine, rssMiB: kib / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * The resident set of `root` and of every process below it, from `/proc` (Linux only; empty elsewhere). Shared
 * pages count once per process, as `ps` shows them.
 */
export function processTreeRss(root: number): ProcessRss[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const parents = new Map(entries.map((e) => [Number(e), parentOf(e)]));
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  }
  return tree.flatMap((pid) => rssOf(pid) ?? []);
}

/** The summed resident set of a tree, in MiB. */
export const totalRssMiB = (tree: readonly ProcessRss[]): number =>
  tree.reduce((sum, p) => sum + p.rssMiB, 0);
