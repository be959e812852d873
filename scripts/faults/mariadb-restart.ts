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
import { argument } from '../bench/platform';
import { runClinicFaultScenario } from './lib/clinic-load';
import { startPrivateMariaDb, type StopMode } from './lib/private-servers';
import { runScript, sleep } from './lib/report';

const STOP_AT_S = Number(argument('stop-at', '15'));
const DOWN_S = Number(argument('down', '5'));
const MODE = argument('mode', 'kill') as StopMode;
const PORT = Number(argument('port', '3307'));

runScript(async () => {
  const database = await startPrivateMariaDb(PORT);
  try {
    await runClinicFaultScenario({
      logName: 'fault-mariadb-restart',
      fault: `MariaDB stopped (${MODE}) for ${DOWN_S} s, then started again`,
      injectAt: STOP_AT_S,
      servers: { databaseServer: database.url },
      async inject(_bench, timeline) {
        await database.stop(MODE);
        timeline.faultStarted();
        await sleep(DOWN_S * 1000);
        await database.start();
        timeline.faultEnded();
      },
    });
  } finally {
    await database.destroy();
  }
});
