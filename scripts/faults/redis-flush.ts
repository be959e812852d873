/**
 * Fault injection: flush Redis (the platform's own logical database, never the shared default one)
 * while kiosks issue tickets, then check that what is served is still right. Prints PASS/FAIL with counts.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/faults/redis-flush.ts [--kiosks 10] [--seconds 15] [--flush-at 6] [--redis-db 13]
 *
 * Passes when: queue stats read after the flush equal a recount from the queue database (they were cached
 * before it); the sign-in rate limit rebuilds from zero (RATE_LIMIT_LOGIN failed sign-ins, then 429, both
 * before and after the flush); kiosks kept getting tickets (no 5xx) and every confirmed pair has exactly one ticket.
 */
import { randomBytes } from 'node:crypto';
import { argument, dist, type Pair, postJson, queryDatabase, startBenchPlatform } from '../bench/platform';
import { at, check, report, runScript, sleep } from './lib/report';

const KIOSKS = Number(argument('kiosks', '10'));
const SECONDS = Number(argument('seconds', '15'));
const FLUSH_AT_S = Number(argument('flush-at', '6'));
const REDIS_DB = Number(argument('redis-db', '13'));
const LOGIN_LIMIT = 5;
const OPERATOR = { email: 'operator@pkm-demo.mediq.local', password: 'Operator-Demo-2026!' };

runScript(async () => {
  const redisUrl = `redis://127.0.0.1:6379/${REDIS_DB}`;
  const Redis = dist('node_modules/ioredis');
  const redis = new Redis(redisUrl);
  if ((await redis.dbsize()) > 0) throw new Error(`Redis database ${REDIS_DB} is not empty: choose a free one with --redis-db`);
  const bench = await startBenchPlatform('fault-redis-flush', { REDIS_URL: redisUrl, RATE_LIMIT_LOGIN: String(LOGIN_LIMIT) });
  const run = randomBytes(3).toString('hex');
  const statuses = new Map<string, number>();
  const confirmed = new Map<string, { pair: Pair; ticketId: string }>();
  try {
    const login = await postJson(`${bench.baseUrl}/api/auth/login/admin`, {}, OPERATOR);
    const staff = { authorization: `Bearer ${login.accessToken}` };
    /** Failed sign-ins until the first 429: how many were let through. */
    const failedSignInsUntilLimited = async () => {
      for (let attempts = 0; attempts < LOGIN_LIMIT * 3; attempts++) {
        const response = await fetch(`${bench.baseUrl}/api/auth/login/admin`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: OPERATOR.email, password: 'not-the-password' }),
        });
        if (response.status === 429) return attempts;
      }
      return Infinity;
    };
    const stats = async () =>
      (await fetch(`${bench.baseUrl}/api/queue/stats?institutionId=${bench.institutionId}`, { headers: staff })).json() as Promise<{
        date: string;
        total: number;
        waiting: number;
      }>;

    const beforeLimit = await failedSignInsUntilLimited();
    const services = await bench.createServices(4);
    const patients = await bench.registerPatients(300);
    const pairs: Pair[] = patients.flatMap((patientUserId) => services.map((serviceId) => ({ patientUserId, serviceId })));
    let nextPair = 0;
    const started = Date.now();
    const ends = started + SECONDS * 1000;
    let statsBeforeFlush = { total: -1 };

    const kiosk = async () => {
      while (Date.now() < ends && nextPair < pairs.length) {
        const index = nextPair++;
        const requestId = `flush-${run}-${index}`;
        for (;;) {
          const response = await fetch(`${bench.baseUrl}/api/queue`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': bench.kioskKey },
            body: JSON.stringify({ institutionId: bench.institutionId, ...pairs[index], requestId }),
          });
          statuses.set(String(response.status), (statuses.get(String(response.status)) ?? 0) + 1);
          const body: any = await response.json().catch(() => undefined);
          if (response.ok) {
            confirmed.set(requestId, { pair: pairs[index], ticketId: body.ticket.id });
            break;
          }
          await sleep(250);
        }
      }
    };
    const fault = (async () => {
      await sleep(FLUSH_AT_S * 1000 - 500);
      statsBeforeFlush = await stats(); // cached in Redis now
      await sleep(500);
      await redis.flushdb();
      console.log(`${at(started)}  Redis database ${REDIS_DB} flushed (stats cached before: total ${statsBeforeFlush.total})`);
    })();
    await Promise.all([...Array.from({ length: KIOSKS }, kiosk), fault]);

    const afterLimit = await failedSignInsUntilLimited();
    const served = await stats();
    const tickets = await queryDatabase<{ id: string; patientUserId: string; serviceId: string; status: string; requestId: string }>(
      bench,
      'patient-queue',
      'SELECT id, patientUserId, serviceId, status, requestId FROM tickets WHERE institutionId = ? AND localDate = ?',
      [bench.institutionId, served.date],
    );
    const recount = { total: tickets.length, waiting: tickets.filter((t) => t.status === 'WAITING').length };
    const perPair = new Map<string, number>();
    for (const t of tickets) perPair.set(`${t.patientUserId}/${t.serviceId}`, (perPair.get(`${t.patientUserId}/${t.serviceId}`) ?? 0) + 1);
    const duplicates = [...perPair.values()].filter((n) => n > 1).length;
    const serverErrors = [...statuses.entries()].filter(([s]) => s.startsWith('5')).reduce((n, [, c]) => n + c, 0);

    report(
      [`kiosks ${KIOSKS}, load ${SECONDS} s, Redis flushed at t=${FLUSH_AT_S} s`],
      [
        check(
          'stats after the flush equal a recount',
          served.total === recount.total && served.waiting === recount.waiting && served.total > statsBeforeFlush.total,
          `served total ${served.total} / waiting ${served.waiting}; database ${recount.total} / ${recount.waiting}; cached before the flush ${statsBeforeFlush.total}`,
        ),
        check(
          'sign-in rate limit rebuilds',
          beforeLimit === LOGIN_LIMIT - 1 && afterLimit === LOGIN_LIMIT,
          `failed sign-ins let through before 429: ${beforeLimit} before the flush (after 1 good one), ${afterLimit} after (limit ${LOGIN_LIMIT})`,
        ),
        check('kiosks kept getting tickets', serverErrors === 0 && confirmed.size > 0, `answers: ${[...statuses.entries()].map(([s, n]) => `${s} x ${n}`).join(', ')}`),
        check('every confirmed pair has exactly one ticket', duplicates === 0 && tickets.length === confirmed.size, `${confirmed.size} confirmed, ${tickets.length} tickets, ${duplicates} pairs with >1`),
      ],
    );
  } finally {
    await bench.stop();
    await redis.flushdb();
    redis.disconnect();
  }
});
