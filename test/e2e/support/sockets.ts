import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A TCP socket in LISTEN state: who holds it, on which address and port. */
export interface ListeningSocket {
  readonly pid: number;
  readonly address: string;
  readonly port: number;
}

function ipv4(hex: string): string {
  return (hex.match(/../g) ?? [])
    .reverse()
    .map((byte) => parseInt(byte, 16))
    .join('.');
}

/** `0100007F` (tcp), `0000000000000000FFFF00000100007F` (tcp6: four little-endian words) as text. */
function decodeAddress(hex: string): string {
  if (hex.length === 8) return ipv4(hex);
  if (hex.startsWith('0000000000000000FFFF0000')) return `::ffff:${ipv4(hex.slice(24))}`;
  if (hex === '00000000000000000000000001000000') return '::1';
  return hex === '0'.repeat(32) ? '::' : hex;
}

/** Listening sockets by inode, from /proc/net/tcp and tcp6 (state 0A is LISTEN). */
function listeningByInode(): Map<string, { address: string; port: number }> {
  const found = new Map<string, { address: string; port: number }>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] !== '0A' || !cols[1] || !cols[9]) continue;
      const [address, port] = cols[1].split(':');
      found.set(cols[9], { address: decodeAddress(address!), port: parseInt(port!, 16) });
    }
  }
  return found;
}

/** Every socket the processes `pids` listen on (read from /proc: Linux only). */
export function listeningSockets(pids: readonly number[]): ListeningSocket[] {
  const byInode = listeningByInode();
  const sockets: ListeningSocket[] = [];
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // the process ended
    }
    for (const fd of fds) {
      const inode = /^socket:\[(\d+)\]$/.exec(safeReadlink(`/proc/${pid}/fd/${fd}`))?.[1];
      const socket = inode ? byInode.get(inode) : undefined;
      if (socket) sockets.push({ pid, ...socket });
    }
  }
  return sockets;
}

function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** True when the address is loopback only (127.0.0.1, or the same mapped into IPv6). */
export function isLoopback(address: string): boolean {
  return ['127.0.0.1', '::ffff:127.0.0.1', '::1'].includes(address);
}
