import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverMain = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../apps/server/dist/main.js',
);

export interface RunningSamrad {
  url: string;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  /** Reuse a data directory (restart durability); a new temporary one otherwise. */
  dataDir?: string;
  env?: Record<string, string>;
}

/** Starts the built server (`apps/server/dist/main.js`) as a child process on a free port. */
export async function startSamrad(options: StartOptions = {}): Promise<RunningSamrad> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'samrad-data-'));
  const child = spawn(process.execPath, [serverMain], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      SAMRAD_DATA_DIR: dataDir,
      SAMRAD_DEMO: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitForListening(child, () => output);
  await waitForHealthy(url, () => output);
  return { url, dataDir, output: () => output, stop: () => stop(child) };
}

function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start within 60 s:\n${output()}`));
    }, 60_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolvePromise(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output()}`));
    });
  });
}

async function waitForHealthy(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/healthz`).catch(() => null);
    if (response?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server never became healthy:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
