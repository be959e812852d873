/**
 * Fault injection: restart MariaDB (by default with SIGKILL, as a crash or power cut would) while kiosks and
 * operators work, then check the clinic's invariants. Every service's database lives on a MariaDB server of
 * the script's own (lib/private-servers.ts, port 3307 by default), never the machine's shared one.
 * Prints PASS/FAIL with the counts.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/faults/mariadb-restart.ts [--kiosks 20] [--operators 5] [--seconds 60]
 *     [--stop-at 15] [--down 5] [--mode kill|graceful] [--port 3307]
 *
 * Passes when the platform answers again after the database is back with no process restarted and health all
 * up, and the invariants of lib/clinic-load.ts hold: a ticket or registration answered 2xx survived the crash.
 */
import { runServerRestartScenario } from './lib/clinic-load';
import { startPrivateMariaDb } from './lib/private-servers';
import { runScript } from './lib/report';

runScript(() =>
  runServerRestartScenario({
    server: 'MariaDB',
    start: startPrivateMariaDb,
    servers: (url) => ({ databaseServer: url }),
    defaults: { port: 3307, down: 5, mode: 'kill' },
  }),
);
