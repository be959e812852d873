/**
 * Preloaded into a process under test (`node -r .../cpu-profile-preload.js`) by the benchmarks' --profile option:
 * SIGWINCH starts the V8 CPU profiler, the next SIGWINCH stops it and writes
 * `$CPU_PROFILE_DIR/<app>-<pid>.cpuprofile` (open in Chrome DevTools or summarise with cpu-profile.ts).
 * SIGWINCH because Nest's shutdown hooks already listen to SIGUSR2. A signal, not --cpu-prof, because --cpu-prof writes only on a normal exit and would cover start-up too.
 */
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const session = new inspector.Session();
session.connect();
let running = false;

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')));
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) return console.error(`cpu profile not written: ${error.message}`);
    const dir = process.env.CPU_PROFILE_DIR || '.';
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(process.cwd());
    fs.writeFileSync(path.join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
