/**
 * Fault injection: restart RabbitMQ while kiosks and operators work, then check the clinic's invariants.
 * The platform runs on a RabbitMQ node of its own (lib/private-servers.ts, port 5673 by default), so the
 * restart never touches the machine's shared broker. Prints PASS/FAIL with the counts.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/faults/rabbitmq-restart.ts [--kiosks 20] [--operators 5] [--seconds 60]
 *     [--stop-at 15] [--down 10] [--mode graceful|kill] [--port 5673]
 *
 * Passes when the platform answers again after the broker is back with no process restarted and health all
 * up, and the invariants of lib/clinic-load.ts hold (every confirmed flow has exactly one ticket, registrations
 * kept once, no ticket called twice, no request hung past its timeout, 503s carry Retry-After).
 */
import { argument } from '../bench/platform';
import { runClinicFaultScenario } from './lib/clinic-load';
import { startPrivateRabbitMq, type StopMode } from './lib/private-servers';
import { runScript, sleep } from './lib/report';

const STOP_AT_S = Number(argument('stop-at', '15'));
const DOWN_S = Number(argument('down', '10'));
const MODE = argument('mode', 'graceful') as StopMode;
const PORT = Number(argument('port', '5673'));

runScript(async () => {
  const broker = await startPrivateRabbitMq(PORT);
  try {
    await runClinicFaultScenario({
      logName: 'fault-rabbitmq-restart',
      fault: `RabbitMQ stopped (${MODE}) for ${DOWN_S} s, then started again`,
      injectAt: STOP_AT_S,
      servers: { rabbitMqUrl: broker.url },
      async inject(_bench, timeline) {
        await broker.stop(MODE);
        timeline.faultStarted();
        await sleep(DOWN_S * 1000);
        await broker.start();
        timeline.faultEnded();
      },
    });
  } finally {
    await broker.destroy();
  }
});
