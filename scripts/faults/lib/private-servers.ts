/**
 * Throw-away RabbitMQ and MariaDB servers for the fault scripts: the same Debian server binaries as the
 * machine's own, on spare loopback ports with data under a temporary folder, so a script can stop and
 * start them (gracefully or with SIGKILL) without disturbing the servers every test on the machine shares.
 */
import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a server goes down: `graceful` is an orderly shutdown, `kill` a SIGKILL (a crash or power cut). */
export type StopMode = 'graceful' | 'kill';

export interface PrivateServer {
  /** What the platform is configured with (RABBITMQ_URL, or the server part of the database URLs). */
  readonly url: string;
  stop(mode: StopMode): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

async function assertPortFree(port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
  if (inUse) throw new Error(`Port ${port} is already in use: pass another one (see the script's --help line)`);
}

async function waitUntil(what: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  await waitUntil(`process ${pid} exiting`, timeoutMs, async () => !processAlive(pid));
}

/** A RabbitMQ node of its own (`rabbitmq-server -detached`, which runs as the rabbitmq user) on `port`. */
export async function startPrivateRabbitMq(port = 5673): Promise<PrivateServer> {
  await assertPortFree(port);
  const base = mkdtempSync(path.join(tmpdir(), 'mediq-fault-rabbitmq-'));
  const node = `mediqfault${port}@localhost`;
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(port + 20_000),
    RABBITMQ_MNESIA_BASE: path.join(base, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(base, 'log'),
    RABBITMQ_PID_FILE: path.join(base, 'rabbitmq.pid'),
    // No plugins: the machine's own node already holds the management port.
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(base, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: path.join(base, 'rabbitmq'),
  };
  mkdirSync(env.RABBITMQ_MNESIA_BASE);
  mkdirSync(env.RABBITMQ_LOG_BASE);
  writeFileSync(env.RABBITMQ_ENABLED_PLUGINS_FILE, '[].\n');
  const { stdout: uid } = await run('id', ['-u', 'rabbitmq']);
  const { stdout: gid } = await run('id', ['-g', 'rabbitmq']);
  for (const dir of [base, env.RABBITMQ_MNESIA_BASE, env.RABBITMQ_LOG_BASE, env.RABBITMQ_ENABLED_PLUGINS_FILE]) {
    chownSync(dir, Number(uid), Number(gid));
  }
  const ctl = (...args: string[]) => run('rabbitmqctl', ['-n', node, ...args], { env });

  const server: PrivateServer = {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    async start() {
      await run('rabbitmq-server', ['-detached'], { env });
      await sleep(1_000);
      await ctl('await_startup', '--timeout', '90');
    },
    async stop(mode) {
      if (mode === 'graceful') {
        await ctl('stop');
        return;
      }
      const pid = Number(readFileSync(env.RABBITMQ_PID_FILE, 'utf8').trim());
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 10_000);
    },
    async destroy() {
      await ctl('stop').catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

/** A MariaDB server of its own (`mariadbd` on a fresh data directory, root without a password) on `port`. */
export async function startPrivateMariaDb(port = 3307): Promise<PrivateServer> {
  await assertPortFree(port);
  const base = mkdtempSync(path.join(tmpdir(), 'mediq-fault-mariadb-'));
  const dataDir = path.join(base, 'data');
  const pidFile = path.join(base, 'mariadbd.pid');
  await run('mariadb-install-db', ['--no-defaults', `--datadir=${dataDir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db']);
  const serverArgs = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--user=root',
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${path.join(base, 'mariadbd.sock')}`,
    `--pid-file=${pidFile}`,
    `--log-error=${path.join(base, 'error.log')}`,
    '--max-connections=500',
  ];
  const answers = () =>
    run('mariadb', ['--no-defaults', '-h127.0.0.1', `-P${port}`, '-uroot', '-e', 'SELECT 1']).then(
      () => true,
      () => false,
    );
  const pid = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0);

  const server: PrivateServer = {
    url: `mysql://root@127.0.0.1:${port}`,
    async start() {
      spawn('mariadbd', serverArgs, { detached: true, stdio: 'ignore' }).unref();
      await waitUntil('MariaDB', 60_000, answers);
    },
    async stop(mode) {
      const running = pid();
      if (!running) return;
      process.kill(running, mode === 'graceful' ? 'SIGTERM' : 'SIGKILL');
      await waitForExit(running, 60_000);
    },
    async destroy() {
      await server.stop('graceful').catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
