/**
 * Runs the real `saltline` executable as separate processes (issue 5 §Tests): one-shot commands,
 * a relay child process, and interactive sessions in tmux. Profiles use the minimum Argon2id
 * limits (SALTLINE_INSECURE_TEST_KDF) so that dozens of unlocks stay fast.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { until } from '../helpers/until.js';

export const BIN = fileURLToPath(new URL('../../../bin/saltline.js', import.meta.url));

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class Sandbox {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;

  private constructor(root: string) {
    this.root = root;
    this.env = {
      PATH: process.env.PATH,
      HOME: root,
      SALTLINE_HOME: join(root, 'home'),
      SALTLINE_PASSPHRASE: 'test passphrase',
      SALTLINE_INSECURE_TEST_KDF: '1',
      SALTLINE_CONNECT_TIMEOUT_MS: '2000',
    };
  }

  static async create(): Promise<Sandbox> {
    return new Sandbox(await mkdtemp(join(tmpdir(), 'saltline-cli-')));
  }

  profile(name: string): string {
    return join(this.root, name);
  }

  /** Runs `saltline --profile <root>/<profile> ...args`. */
  run(profile: string | undefined, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const full = profile === undefined ? [...args] : ['--profile', this.profile(profile), ...args];
    return new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...full], { env: { ...this.env, ...env }, timeout: 45_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Like `run`, but fails the test unless the command succeeded; returns parsed JSON for `--json`. */
  async ok(profile: string | undefined, args: readonly string[]): Promise<Run> {
    const r = await this.run(profile, args);
    if (r.code !== 0) throw new Error(`saltline ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  }

  async json<T = Record<string, unknown>>(profile: string | undefined, args: readonly string[]): Promise<T> {
    return JSON.parse((await this.ok(profile, [...args, '--json'])).stdout) as T;
  }

  async startRelay(port = 0): Promise<RelayChild> {
    const child = spawn(process.execPath, [BIN, 'relay', '--port', String(port), '--data', join(this.root, 'relay')], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const address = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout });
      rl.once('line', (line) => {
        rl.close();
        resolve(line.trim());
      });
      child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
    });
    return new RelayChild(child, address, exited);
  }

  async cleanup(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

export class RelayChild {
  readonly port: number;
  constructor(
    readonly child: ChildProcess,
    readonly address: string,
    readonly exited: Promise<void>,
  ) {
    this.port = Number(new URL(address.replace(/#.*$/, '')).port);
  }

  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    this.child.kill('SIGTERM');
    // A relay that does not stop in time must not keep the test process alive.
    const force = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(force);
  }
}

/** Polls `check` until it returns true (bounded). */
/** `until`, polling less often: each check here usually runs a `saltline` process. */
export const eventually = (check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> => until(check, what, ms, 200);

/** Registers hooks that give the file's tests a fresh sandbox and a relay process, removed afterwards. */
export function sandboxWithRelay(): { box: Sandbox; relay: RelayChild } {
  const world = {} as { box: Sandbox; relay: RelayChild };
  before(async () => {
    world.box = await Sandbox.create();
    world.relay = await world.box.startRelay();
  });
  after(async () => {
    await world.relay.stop();
    await world.box.cleanup();
  });
  return world;
}
