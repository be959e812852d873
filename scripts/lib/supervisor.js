// Runs the gateway and every service as child processes with prefixed logs; used by `npm start`
// and by the end-to-end tests (which also stop and start single services to inject failures).
const { spawn } = require('node:child_process');
const path = require('node:path');
const { ROOT, APPS } = require('./apps');

const COLOURS = [36, 33, 35, 32, 34, 31];

class Platform {
  /**
   * @param {{ env?: NodeJS.ProcessEnv, apps?: typeof APPS, output?: NodeJS.WritableStream,
   *           restartOnCrash?: boolean, colour?: boolean }} options
   */
  constructor(options = {}) {
    this.env = { ...process.env, ...(options.env || {}) };
    this.apps = options.apps || APPS;
    this.output = options.output || process.stdout;
    this.restartOnCrash = options.restartOnCrash ?? true;
    this.colour = options.colour ?? Boolean(process.stdout.isTTY);
    this.children = new Map();
    /** Names of apps that exited without being stopped (crashes), in order. */
    this.unexpectedExits = [];
    this.width = Math.max(...this.apps.map((a) => a.name.length));
  }

  startAll() {
    for (const app of this.apps) this.start(app.name);
  }

  start(name) {
    const app = this.apps.find((a) => a.name === name);
    if (!app) throw new Error(`Unknown app ${name}`);
    if (this.children.has(name)) return;
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(ROOT, app.dir, 'dist/main.js')], {
      cwd: path.join(ROOT, app.dir),
      env: { ...app.processEnv, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const entry = { child, stopping: false, exited: new Promise((resolve) => child.once('exit', resolve)) };
    this.children.set(name, entry);
    const index = this.apps.indexOf(app);
    const label = `[${name.padEnd(this.width)}]`;
    const prefix = this.colour ? `\x1b[${COLOURS[index % COLOURS.length]}m${label}\x1b[0m ` : `${label} `;
    for (const stream of [child.stdout, child.stderr]) prefixLines(stream, prefix, (text) => this.output.write(text));
    child.once('exit', (code, signal) => {
      this.children.delete(name);
      if (entry.stopping) return;
      this.unexpectedExits.push(name);
      this.output.write(`${prefix}exited (${signal || code})${this.restartOnCrash ? ', restarting in 2 s' : ''}\n`);
      if (this.restartOnCrash) setTimeout(() => this.start(name), 2000).unref();
    });
  }

  /** Stops one app; `signal` SIGKILL simulates a crash. */
  async stop(name, signal = 'SIGTERM') {
    const entry = this.children.get(name);
    if (!entry) return;
    entry.stopping = true;
    entry.child.kill(signal);
    const timer = setTimeout(() => entry.child.kill('SIGKILL'), 10_000);
    await entry.exited;
    clearTimeout(timer);
  }

  async stopAll() {
    this.restartOnCrash = false;
    await Promise.all([...this.children.keys()].map((name) => this.stop(name)));
  }

  /** Resolves once GET url answers 200; rejects after timeoutMs with the last body seen. */
  async waitForHealthy(url, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
        if (response.status === 200) return response.json();
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = error.message;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`The platform did not become healthy within ${timeoutMs / 1000} s: ${last}`);
  }
}

module.exports = { Platform };

/**
 * Passes a child's output through with `prefix` before every line, a chunk at a time (one write per
 * chunk, no per-line events: the gateway's access log is thousands of lines a second under load).
 */
function prefixLines(stream, prefix, write) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const text = partial + chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      partial = text;
      return;
    }
    partial = text.slice(end + 1);
    write(`${prefix}${text.slice(0, end).replaceAll('\n', `\n${prefix}`)}\n`);
  });
  stream.on('end', () => partial && write(`${prefix}${partial}\n`));
}
