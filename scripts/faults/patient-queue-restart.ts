/**
 * Fault injection: kill the patient-queue process (SIGKILL) while kiosks and operators work, start it again,
 * and check the clinic's invariants. Prints PASS/FAIL with the counts.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/faults/patient-queue-restart.ts [--kiosks 20] [--operators 5] [--seconds 60]
 *     [--kill-at 15] [--down 10]
 *
 * Passes when the gateway's breaker for patient-queue opened, the platform answers again after the restart
 * with no other process exited and health all up, and the invariants of lib/clinic-load.ts hold (every
 * confirmed flow has exactly one ticket, registrations kept once, no ticket called twice, no request hung
 * past its timeout, 503s carry Retry-After).
 */
import { argument } from '../bench/platform';
import { runClinicFaultScenario } from './lib/clinic-load';
import { check, runScript, sleep } from './lib/report';

const KILL_AT_S = Number(argument('kill-at', '15'));
const DOWN_S = Number(argument('down', '10'));

runScript(() =>
  runClinicFaultScenario({
    logName: 'fault-patient-queue',
    fault: `patient-queue killed (SIGKILL), started again ${DOWN_S} s later`,
    injectAt: KILL_AT_S,
    async inject(bench, timeline) {
      await bench.platform.stop('patient-queue', 'SIGKILL');
      timeline.faultStarted();
      await sleep(DOWN_S * 1000);
      bench.platform.start('patient-queue');
      timeline.faultEnded();
    },
    async checks(bench) {
      const metrics = await (await fetch(`${bench.baseUrl}/metrics`)).text();
      const opened = Number(/mediq_gateway_circuit_breaker_transitions_total\{service="patient-queue",state="open"\} (\d+)/.exec(metrics)?.[1] ?? 0);
      return [check('breaker for patient-queue opened', opened > 0, `${opened} transition(s) to open`)];
    },
  }),
);
