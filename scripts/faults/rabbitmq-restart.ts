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
import { runServerRestartScenario } from './lib/clinic-load';
import { startPrivateRabbitMq } from './lib/private-servers';
import { runScript } from './lib/report';

runScript(() =>
  runServerRestartScenario({
    server: 'RabbitMQ',
    start: startPrivateRabbitMq,
    servers: (url) => ({ rabbitMqUrl: url }),
    defaults: { port: 5673, down: 10, mode: 'graceful' },
  }),
);
