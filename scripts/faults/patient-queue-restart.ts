/**
 * Fault injection: kill the patient-queue process (SIGKILL) while kiosks issue tickets, start it again,
 * and check what the kiosks saw and what the database holds. Prints PASS/FAIL with the counts.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/faults/patient-queue-restart.ts [--kiosks 20] [--seconds 35] [--kill-at 8] [--down 10]
 *
 * Each kiosk takes a (patient, service) pair and POSTs /api/queue with a requestId of its own, retrying the
 * same pair with the same requestId after any failure until it gets a ticket (as the kiosk app does).
 * Passes when: the gateway's breaker for patient-queue opened; every 503 carried Retry-After; tickets were
 * issued again after the restart; no request took longer than the gateway's RPC timeout plus a margin;
 * every confirmed pair has exactly one ticket and the database holds no other.
 */
import { randomBytes } from 'node:crypto';
import { argument, type Pair, queryQueueDatabase, startBenchPlatform } from '../bench/platform';

const KIOSKS = Number(argument('kiosks', '20'));
const SECONDS = Number(argument('seconds', '35'));
const KILL_AT_S = Number(argument('kill-at', '8'));
const DOWN_S = Number(argument('down', '10'));
const RPC_TIMEOUT_MS = 3_000;
/** A request counts as hung when it takes longer than the gateway's RPC timeout plus this margin. */
const HANG_MARGIN_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const bench = await startBenchPlatform('fault-patient-queue', { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) });
  const run = randomBytes(3).toString('hex');
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  let without503RetryAfter = 0;
  let hung = 0;
  let slowestMs = 0;
  let killedAt = 0;
  let restartedAt = 0;
  let first503AfterKill = 0;
  let first2xxAfterRestart = 0;
  const confirmed = new Map<string, { pair: Pair; ticketId: string; attempts: number }>();
  try {
    const services = await bench.createServices(4);
    const patients = await bench.registerPatients(500);
    const pairs: Pair[] = patients.flatMap((patientUserId) => services.map((serviceId) => ({ patientUserId, serviceId })));
    let nextPair = 0;
    const started = Date.now();
    const loadEnds = started + SECONDS * 1000;

    const kiosk = async () => {
      while (Date.now() < loadEnds && nextPair < pairs.length) {
        const index = nextPair++;
        const pair = pairs[index];
        const requestId = `fault-${run}-${index}`;
        // Keep trying this pair (same requestId) until it has a ticket, also past the end of the load window.
        for (let attempts = 1; ; attempts++) {
          const sent = Date.now();
          let status = 'network error';
          let retryAfter: string | null = null;
          let body: any;
          try {
            const response = await fetch(`${bench.baseUrl}/api/queue`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-api-key': bench.kioskKey },
              body: JSON.stringify({ institutionId: bench.institutionId, ...pair, requestId }),
              signal: AbortSignal.timeout(30_000),
            });
            status = String(response.status);
            retryAfter = response.headers.get('retry-after');
            body = await response.json().catch(() => undefined);
          } catch (error) {
            status = (error as Error).name === 'TimeoutError' ? 'client timeout' : 'network error';
          }
          const elapsed = Date.now() - sent;
          slowestMs = Math.max(slowestMs, elapsed);
          if (elapsed > RPC_TIMEOUT_MS + HANG_MARGIN_MS) hung++;
          count(status);
          if (status === '503') {
            if (!retryAfter) without503RetryAfter++;
            if (killedAt && !first503AfterKill) first503AfterKill = Date.now();
          }
          if (status === '200' || status === '201') {
            if (restartedAt && !first2xxAfterRestart) first2xxAfterRestart = Date.now();
            confirmed.set(requestId, { pair, ticketId: body.ticket.id, attempts });
            break;
          }
          await sleep(250);
        }
      }
    };

    const fault = (async () => {
      await sleep(KILL_AT_S * 1000);
      await bench.platform.stop('patient-queue', 'SIGKILL');
      killedAt = Date.now();
      console.log(`t=${((killedAt - started) / 1000).toFixed(1)} s  patient-queue killed (SIGKILL)`);
      await sleep(DOWN_S * 1000);
      bench.platform.start('patient-queue');
      restartedAt = Date.now();
      console.log(`t=${((restartedAt - started) / 1000).toFixed(1)} s  patient-queue started again`);
    })();

    await Promise.all([...Array.from({ length: KIOSKS }, kiosk), fault]);
    const metrics = await (await fetch(`${bench.baseUrl}/metrics`)).text();
    const opened = Number(/mediq_gateway_circuit_breaker_transitions_total\{service="patient-queue",state="open"\} (\d+)/.exec(metrics)?.[1] ?? 0);

    const tickets = await queryQueueDatabase<{ id: string; patientUserId: string; serviceId: string; requestId: string }>(
      bench,
      'SELECT id, patientUserId, serviceId, requestId FROM tickets WHERE institutionId = ?',
      [bench.institutionId],
    );

    const perPair = new Map<string, number>();
    for (const t of tickets) perPair.set(`${t.patientUserId}/${t.serviceId}`, (perPair.get(`${t.patientUserId}/${t.serviceId}`) ?? 0) + 1);
    const duplicates = [...perPair.values()].filter((n) => n > 1).length;
    const byId = new Map(tickets.map((t) => [t.id, t]));
    const mismatched = [...confirmed.values()].filter(
      (c) => byId.get(c.ticketId)?.patientUserId !== c.pair.patientUserId || byId.get(c.ticketId)?.serviceId !== c.pair.serviceId,
    ).length;
    const unconfirmed = tickets.filter((t) => !confirmed.has(t.requestId)).length;
    const retried = [...confirmed.values()].filter((c) => c.attempts > 1).length;

    const checks: Array<[string, boolean, string]> = [
      ['breaker for patient-queue opened', opened > 0, `${opened} transition(s) to open`],
      ['503 answers carry Retry-After', (statuses.get('503') ?? 0) > 0 && without503RetryAfter === 0, `${statuses.get('503') ?? 0} x 503, ${without503RetryAfter} without Retry-After`],
      [
        'tickets issued again after the restart',
        first2xxAfterRestart > 0,
        first2xxAfterRestart ? `first ticket ${((first2xxAfterRestart - restartedAt) / 1000).toFixed(1)} s after the restart` : 'none',
      ],
      ['no request hung past the RPC timeout', hung === 0, `${hung} over ${RPC_TIMEOUT_MS + HANG_MARGIN_MS} ms; slowest ${slowestMs} ms`],
      ['every confirmed pair has exactly one ticket', duplicates === 0 && mismatched === 0, `${confirmed.size} confirmed, ${duplicates} pairs with >1 ticket, ${mismatched} confirmed ids not found`],
      ['no ticket without a confirmation', unconfirmed === 0 && tickets.length === confirmed.size, `${tickets.length} tickets in the database, ${unconfirmed} unconfirmed`],
    ];
    console.log(`\nkiosks ${KIOSKS}, load ${SECONDS} s, patient-queue down from t=${KILL_AT_S} s for ${DOWN_S} s`);
    console.log(`answers: ${[...statuses.entries()].map(([s, n]) => `${s} x ${n}`).join(', ')}; pairs that needed retries: ${retried}`);
    if (first503AfterKill) console.log(`first 503 ${((first503AfterKill - killedAt) / 1000).toFixed(1)} s after the kill`);
    for (const [name, ok, detail] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`);
    const passed = checks.every(([, ok]) => ok);
    console.log(passed ? '\nPASS' : '\nFAIL');
    process.exitCode = passed ? 0 : 1;
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
