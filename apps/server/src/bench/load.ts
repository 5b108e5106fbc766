/**
 * What the HTTP benches share: a server in node:cluster workers on one port, autocannon over
 * several paths in interleaved slices, and the CPU time each request cost the server's processes
 * (and PostgreSQL's), read from /proc.
 */
import { execFileSync } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';

export const host = '127.0.0.1';
export const connections = Number(process.env.SAMRAD_BENCH_CONNECTIONS ?? 10);

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const loadText = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

// ---------------------------------------------------------------------------------------------
// CPU time of processes, from /proc (Linux)
// ---------------------------------------------------------------------------------------------

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time of a process so far, in ms; 0 for one that is gone. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

const cpuMsOfAll = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);

// ---------------------------------------------------------------------------------------------
// A server in node:cluster workers sharing one port
// ---------------------------------------------------------------------------------------------

export interface RunningServer {
  url: string;
  pids: number[];
  output: () => string;
  stop: () => Promise<void>;
}

/** A port free now, for the workers to share: the URL is known before the first one answers. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Forks `workers` processes running `exec` with PORT and HOST set; resolves once each has printed
 * "listening on http:". The cluster's primary (this process) hands them the connections.
 */
export async function startServer(options: {
  exec: string;
  workers: number;
  /** Added to this process's environment; an undefined value removes the variable. */
  env: Record<string, string | undefined>;
}): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  // No execArgv of the bench's own (`-e`, `--inspect`): the workers run `exec` as plain node.
  cluster.setupPrimary({ exec: options.exec, args: [], execArgv: [], silent: true });
  const forked: Worker[] = [];
  const listening = Array.from({ length: options.workers }, () => {
    const worker = cluster.fork({ NO_COLOR: '1', PORT: String(port), HOST: host, ...options.env });
    forked.push(worker);
    return new Promise<void>((resolveListening, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start within 60 s:\n${output}`)),
        60_000,
      );
      worker.process.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (chunk.toString().includes('listening on http:')) {
          clearTimeout(timer);
          resolveListening();
        }
      });
      worker.process.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server process exited with ${code}:\n${output}`));
      });
    });
  });
  const stop = () =>
    Promise.all(
      forked.map(
        (worker) =>
          new Promise<void>((resolveExit) => {
            if (worker.isDead()) return resolveExit();
            const killer = setTimeout(() => worker.process.kill('SIGKILL'), 10_000);
            worker.once('exit', () => {
              clearTimeout(killer);
              resolveExit();
            });
            // The server's own shutdown: stop accepting, close the database (PGlite writes).
            worker.process.kill('SIGTERM');
          }),
      ),
    ).then(() => undefined);
  try {
    await Promise.all(listening);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://${host}:${port}`,
    pids: forked.map((worker) => worker.process.pid!),
    output: () => output,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------------------------

/**
 * autocannon for `duration` seconds on `target` of the server at `url`; `latencies` gets each
 * 2xx response's time in ms.
 */
function load(
  url: string,
  target: Target,
  duration: number,
  latencies?: number[],
): Promise<autocannon.Result> {
  const { headers, nextPath } = target;
  // A path of its own for every request, when the target asks for one.
  const requests = nextPath
    ? [{ setupRequest: (request: object) => ({ ...request, path: nextPath() }) }]
    : undefined;
  return new Promise((resolveResult, reject) => {
    const instance = autocannon(
      {
        url: `${url}${target.path}`,
        connections,
        duration,
        headers,
        ...(requests ? { requests } : {}),
      },
      (error, result) => (error ? reject(error as Error) : resolveResult(result)),
    );
    if (latencies) {
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latencies.push(ms);
      });
    }
  });
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;

export interface Target {
  path: string;
  headers: Record<string, string>;
  /** Another path for every request (so that no two are alike), instead of `path` each time. */
  nextPath?: () => string;
}

export interface Throughput {
  requestsPerSecond: number;
  /** Over every 2xx response's own time (autocannon's histogram rounds to whole ms). */
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  /** CPU time per answered request of the server's processes. */
  serverCpuUs: number;
  /** CPU time per answered request of the processes `otherPids` names (PostgreSQL's backends). */
  otherCpuUs: number;
}

/**
 * Each target under load for `seconds` in all, after `warmupSeconds` each: in `rounds`
 * interleaved slices (every target gets a slice in each round), so that whatever else the
 * machine runs weighs on all of them alike and ratios between them hold.
 */
export async function measureInterleaved(
  server: RunningServer,
  targets: Target[],
  options: {
    seconds: number;
    rounds: number;
    warmupSeconds: number;
    otherPids?: () => Promise<number[]>;
  },
): Promise<Throughput[]> {
  for (const target of targets) {
    await load(server.url, target, options.warmupSeconds);
  }
  const totals = targets.map(() => ({
    answered: 0,
    seconds: 0,
    errors: 0,
    latencies: [] as number[],
    serverMs: 0,
    otherMs: 0,
  }));
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const sum = totals[i]!;
      const others = (await options.otherPids?.()) ?? [];
      const serverBefore = cpuMsOfAll(server.pids);
      const otherBefore = cpuMsOfAll(others);
      const result = await load(
        server.url,
        target,
        options.seconds / options.rounds,
        sum.latencies,
      );
      sum.serverMs += cpuMsOfAll(server.pids) - serverBefore;
      sum.otherMs += cpuMsOfAll(others) - otherBefore;
      sum.answered += result['2xx'];
      sum.seconds += result.duration;
      sum.errors += result.errors + result.non2xx;
    }
  }
  return totals.map((sum) => {
    sum.latencies.sort((a, b) => a - b);
    return {
      requestsPerSecond: sum.answered / sum.seconds,
      p99Ms: percentile(sum.latencies, 0.99),
      errors: sum.errors,
      serverCpuUs: (sum.serverMs * 1000) / sum.answered,
      otherCpuUs: (sum.otherMs * 1000) / sum.answered,
    };
  });
}
