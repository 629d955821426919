/**
 * Child-process peers for the kill -9 tests (SECURITY-TESTS #21): a script run with the real SDK
 * in its own process, its stdout lines collected, and a SIGKILL that waits for the exit. A peer
 * that exits any other way fails the test, with its stderr.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Peer {
  readonly lines: string[];
  kill9(): Promise<void>;
}

export interface PeerProcesses {
  start(args: readonly string[], onLine?: (line: string) => void): Peer;
  /** Kills whatever is still running (for `after`). */
  killAll(): void;
}

/** Peers running `script` (a compiled .js path). */
export function peerProcesses(script: string): PeerProcesses {
  const children = new Set<ChildProcess>();
  return {
    start(args, onLine) {
      const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      const lines: string[] = [];
      const stderr: string[] = [];
      child.stderr.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        onLine?.(line);
      });
      const exited = new Promise<void>((resolve) =>
        child.once('exit', (code, signal) => {
          children.delete(child);
          if (signal !== 'SIGKILL') assert.fail(`peer ${args[0]} exited on its own (${code}): ${stderr.join('')}`);
          resolve();
        }),
      );
      return {
        lines,
        kill9: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      };
    },
    killAll() {
      for (const c of children) c.kill('SIGKILL');
    },
  };
}
