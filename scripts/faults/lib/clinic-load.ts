/**
 * A clinic morning for the fault scripts: kiosks registering patients and taking tickets, operators
 * calling and serving them, all through the gateway as the web clients do, while a fault is injected.
 * Then the invariants are checked against what the kiosks and operators saw and what the databases hold.
 *
 * Kiosks alternate between the two real kiosk paths:
 * - scan: POST /api/ocr/upload a KTP photo (the ONNX engine reads it), then POST /api/ocr/confirm with the
 *   card's fields (and a NIK and name of its own, so every flow is a new patient); the scan id makes
 *   confirm idempotent;
 * - typed: POST /api/users (Idempotency-Key), POST /api/auth/login/user with NIK + name, POST /api/queue
 *   with a requestId, as the kiosk does when the camera cannot read a card.
 * A kiosk repeats a failed step with the same keys until it succeeds (as the kiosk app does), also after
 * the load window, up to a deadline. Operators call next (x-request-id is the call's idempotency key, so a
 * retried call returns the ticket it called), mark it in progress, then completed.
 */
import { randomBytes } from 'node:crypto';
import type { BenchPlatform, BenchServers } from '../../bench/platform';
import { argument, ktpPhotos, queryDatabase, signInOperators, startBenchPlatform, syntheticNik } from '../../bench/platform';
import type { PrivateServer, StopMode } from './private-servers';
import { at, check, type Check, report, sleep } from './report';

/** The platform's timeouts the script starts it with, and how long past them a request counts as hung. */
export const TIMEOUTS = { RPC_TIMEOUT_MS: 3_000, OCR_TIMEOUT_MS: 20_000, HANG_MARGIN_MS: 2_000 };
/** Settings the platform runs with under the fault load: the timeouts above and no rate limit in the way. */
export const CLINIC_LOAD_ENV = {
  RPC_TIMEOUT_MS: String(TIMEOUTS.RPC_TIMEOUT_MS),
  OCR_TIMEOUT_MS: String(TIMEOUTS.OCR_TIMEOUT_MS),
  RATE_LIMIT_UPLOAD: '1000000',
  RATE_LIMIT_LOGIN: '1000000',
};

/** How long after the load window a kiosk or operator may still be finishing its current step. */
const FINISH_DEADLINE_MS = 120_000;
const RETRY_PAUSE_MS = 300;

export interface ClinicLoadOptions {
  kiosks: number;
  operators: number;
  seconds: number;
  /** Where tickets go; operator k serves services[k % services.length]. */
  services: string[];
  /** First NIK serial to use (patients are new per flow). */
  nikFrom?: number;
}

interface Answer {
  status: number | 'network error' | 'client timeout';
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  retryAfter: string | null;
  /** Set by a step that found its work already done by an earlier attempt whose answer was lost. */
  alreadyDone?: boolean;
}

/** What the kiosks and operators saw. */
export class ClinicLoadOutcome {
  readonly answers = new Map<string, number>();
  /** Answers slower than their route's timeout plus the margin. */
  hung = 0;
  slowestMs = 0;
  unavailableWithoutRetryAfter = 0;
  unavailable = 0;
  /** 500s: a failure the platform did not recognise (an outage must be a 503 or 504 to retry). */
  internalErrors = 0;
  /** Flows and operator steps that never succeeded before the deadline. */
  unfinished = 0;
  /** Completed kiosk flows: the ticket's requestId -> ticket id. */
  readonly tickets = new Map<string, string>();
  readonly nikCount = { scan: 0, typed: 0 };
  /** Every call-next that returned a ticket: one entry per call (retries of one call share its id). */
  readonly calls: Array<{ callId: string; ticketId: string; operator: number }> = [];
  served = 0;
  /** Time of the first answer after `since` of each kind, for the timeline. */
  readonly firstAt = { unavailableAfterFault: 0, successAfterRecovery: 0 };
  faultAt = 0;
  recoveredAt = 0;

  count(route: string, status: Answer['status']): void {
    const key = `${route} ${status}`;
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }
}

const isSuccess = (status: Answer['status']) => typeof status === 'number' && status >= 200 && status < 300;

export class ClinicLoad {
  readonly outcome = new ClinicLoadOutcome();
  private readonly runId = randomBytes(3).toString('hex');
  private readonly photos = ktpPhotos();
  private nextFlow = 0;
  private loadEnds = 0;

  constructor(
    private readonly bench: BenchPlatform,
    private readonly options: ClinicLoadOptions,
  ) {}

  /** Runs the load for options.seconds, with `fault` started alongside; resolves when every flow finished. */
  async run(fault: (startedAt: number) => Promise<void>): Promise<ClinicLoadOutcome> {
    // Each operator has an account of their own: an operator holds one active ticket at a time.
    const operatorTokens = await signInOperators(this.bench, this.options.operators);
    const startedAt = Date.now();
    this.loadEnds = startedAt + this.options.seconds * 1000;
    await Promise.all([
      ...Array.from({ length: this.options.kiosks }, (_, k) => this.kiosk(k)),
      ...operatorTokens.map((token, k) => this.operator(k, token)),
      fault(startedAt),
    ]);
    return this.outcome;
  }

  /** One HTTP request as a client sees it; never throws. */
  private async request(route: string, timeoutMs: number, path: string, init: RequestInit): Promise<Answer> {
    const sent = Date.now();
    let answer: Answer;
    try {
      const response = await fetch(`${this.bench.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      answer = { status: response.status, body: text ? JSON.parse(text) : undefined, retryAfter: response.headers.get('retry-after') };
    } catch (error) {
      answer = { status: (error as Error).name === 'TimeoutError' ? 'client timeout' : 'network error', body: undefined, retryAfter: null };
    }
    const elapsed = Date.now() - sent;
    const outcome = this.outcome;
    outcome.slowestMs = Math.max(outcome.slowestMs, elapsed);
    if (elapsed > timeoutMs + TIMEOUTS.HANG_MARGIN_MS) outcome.hung++;
    outcome.count(route, answer.status);
    if (answer.status === 500) outcome.internalErrors++;
    if (answer.status === 503) {
      outcome.unavailable++;
      if (!answer.retryAfter) outcome.unavailableWithoutRetryAfter++;
      if (outcome.faultAt && !outcome.firstAt.unavailableAfterFault) outcome.firstAt.unavailableAfterFault = Date.now();
    }
    if (isSuccess(answer.status) && outcome.recoveredAt && !outcome.firstAt.successAfterRecovery) outcome.firstAt.successAfterRecovery = Date.now();
    return answer;
  }

  /** Repeats a step until `done` accepts its answer; undefined when the deadline passed first. */
  private async until(step: () => Promise<Answer>, done: (answer: Answer) => boolean = (a) => isSuccess(a.status)): Promise<Answer | undefined> {
    const deadline = this.loadEnds + FINISH_DEADLINE_MS;
    while (Date.now() < deadline) {
      const answer = await step();
      if (done(answer)) return answer;
      const retryAfterMs = Number(answer.retryAfter) * 1000;
      await sleep(Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.min(retryAfterMs, 2_000) : RETRY_PAUSE_MS);
    }
    this.outcome.unfinished++;
    return undefined;
  }

  private async kiosk(k: number): Promise<void> {
    const kioskHeaders = { 'x-api-key': this.bench.kioskKey };
    const json = { ...kioskHeaders, 'content-type': 'application/json' };
    while (Date.now() < this.loadEnds) {
      const flow = this.nextFlow++;
      const serviceId = this.options.services[flow % this.options.services.length];
      const nik = syntheticNik((this.options.nikFrom ?? 10_000) + flow);
      const name = `PASIEN UJI ${this.runId.toUpperCase()} ${flow}`;
      if (k % 2 === 0) {
        const photo = this.photos[flow % this.photos.length];
        const scan = await this.until(() => {
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(photo.image)], { type: 'image/jpeg' }), photo.name);
          return this.request('upload', TIMEOUTS.OCR_TIMEOUT_MS, '/api/ocr/upload', { method: 'POST', headers: kioskHeaders, body: form });
        });
        if (!scan) return;
        const fields = Object.fromEntries(Object.entries({ ...scan.body.fields, ...photo.fields, nik, nama: name }).filter(([, v]) => v != null));
        const confirmed = await this.until(() =>
          this.request('confirm', TIMEOUTS.OCR_TIMEOUT_MS, '/api/ocr/confirm', {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ scanId: scan.body.scanId, fields, institutionId: this.bench.institutionId, serviceId }),
          }),
        );
        if (!confirmed) return;
        this.outcome.tickets.set(`scan:${scan.body.scanId}`, confirmed.body.ticket.id);
        this.outcome.nikCount.scan++;
      } else {
        const key = `kiosk-typed:fault-${this.runId}-${flow}`;
        const registered = await this.until(
          () => this.request('register', TIMEOUTS.RPC_TIMEOUT_MS, '/api/users', { method: 'POST', headers: { ...json, 'idempotency-key': key }, body: JSON.stringify({ nik, name }) }),
          (a) => isSuccess(a.status) || a.status === 409,
        );
        if (!registered) return;
        const session = await this.until(() =>
          this.request('patient login', TIMEOUTS.RPC_TIMEOUT_MS, '/api/auth/login/user', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nik, name }) }),
        );
        if (!session) return;
        const ticket = await this.until(() =>
          this.request('ticket', TIMEOUTS.RPC_TIMEOUT_MS, '/api/queue', {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ institutionId: this.bench.institutionId, serviceId, patientUserId: session.body.user.id, requestId: key }),
          }),
        );
        if (!ticket) return;
        this.outcome.tickets.set(key, ticket.body.ticket.id);
        this.outcome.nikCount.typed++;
      }
    }
  }

  private async operator(k: number, accessToken: string): Promise<void> {
    const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
    const serviceId = this.options.services[k % this.options.services.length];
    const counter = `Loket ${k + 1}`;
    for (let n = 0; Date.now() < this.loadEnds; n++) {
      const callId = `fault-${this.runId}-op${k}-${n}`;
      const called = await this.until(
        () =>
          this.request('call next', TIMEOUTS.RPC_TIMEOUT_MS, `/api/queue/institution/${this.bench.institutionId}/next`, {
            method: 'POST',
            headers: { ...headers, 'x-request-id': callId },
            body: JSON.stringify({ serviceId, counter }),
          }),
        (a) => a.status === 200 || a.status === 204,
      );
      if (!called) return;
      if (called.status === 204) {
        await sleep(500);
        continue;
      }
      const ticketId: string = called.body.ticket.id;
      this.outcome.calls.push({ callId, ticketId, operator: k });
      for (const status of ['IN_PROGRESS', 'COMPLETED'] as const) {
        const done = await this.until(async () => {
          const answer = await this.request('status', TIMEOUTS.RPC_TIMEOUT_MS, `/api/queue/${ticketId}/status`, { method: 'PATCH', headers, body: JSON.stringify({ status }) });
          if (answer.status !== 409) return answer;
          // A retry after a lost reply finds the step already taken: the ticket says so.
          const ticket = await this.request('ticket read', TIMEOUTS.RPC_TIMEOUT_MS, `/api/queue/${ticketId}`, { headers });
          return { ...answer, alreadyDone: ticket.status === 200 && ticket.body.status === status };
        }, (a) => isSuccess(a.status) || a.alreadyDone === true);
        if (!done) return;
      }
      this.outcome.served++;
    }
  }
}

/** The invariants every fault run must keep, checked against the kiosks', the operators' and the databases' view. */
export async function clinicInvariants(bench: BenchPlatform, outcome: ClinicLoadOutcome): Promise<Check[]> {
  const tickets = await queryDatabase<{ id: string; requestId: string; status: string }>(
    bench,
    'patient-queue',
    'SELECT id, requestId, status FROM tickets WHERE institutionId = ?',
    [bench.institutionId],
  );
  const calledTwice = await queryDatabase<{ ticketId: string; calls: bigint }>(
    bench,
    'patient-queue',
    "SELECT ticketId, COUNT(*) AS calls FROM ticket_transitions WHERE toStatus = 'CALLED' GROUP BY ticketId HAVING COUNT(*) > 1",
  );
  const [patients] = await queryDatabase<{ n: bigint }>(bench, 'user', "SELECT COUNT(*) AS n FROM users WHERE role = 'PASIEN'");

  const perRequest = new Map<string, string[]>();
  for (const t of tickets) perRequest.set(t.requestId, [...(perRequest.get(t.requestId) ?? []), t.id]);
  const wrongTicket = [...outcome.tickets].filter(([requestId, ticketId]) => perRequest.get(requestId)?.length !== 1 || perRequest.get(requestId)![0] !== ticketId);
  const withoutFlow = tickets.filter((t) => !outcome.tickets.has(t.requestId));
  const ticketsByCall = new Map<string, Set<string>>();
  for (const call of outcome.calls) ticketsByCall.set(call.ticketId, new Set([...(ticketsByCall.get(call.ticketId) ?? []), call.callId]));
  const seenCalledTwice = [...ticketsByCall.values()].filter((calls) => calls.size > 1).length;
  const leftCalled = tickets.filter((t) => t.status === 'CALLED' || t.status === 'IN_PROGRESS').length;
  const flows = outcome.tickets.size;

  return [
    check('every flow finished', outcome.unfinished === 0, `${flows} kiosk flows (${outcome.nikCount.scan} scans, ${outcome.nikCount.typed} typed), ${outcome.unfinished} unfinished`),
    check(
      'every confirmed flow has exactly one ticket',
      wrongTicket.length === 0 && withoutFlow.length === 0,
      `${tickets.length} tickets in the database for ${flows} flows; ${wrongTicket.length} flows without exactly their ticket, ${withoutFlow.length} tickets without a flow`,
    ),
    check('every registration kept, none duplicated', Number(patients.n) === flows, `${patients.n} patients in the database for ${flows} new patients`),
    check(
      'no ticket called twice',
      seenCalledTwice === 0 && calledTwice.length === 0,
      `${outcome.calls.length} calls, ${outcome.served} served; ${seenCalledTwice} tickets returned by two calls, ${calledTwice.length} with two CALLED transitions`,
    ),
    check('every called ticket served', leftCalled === 0, `${leftCalled} tickets left CALLED or IN_PROGRESS`),
    check(
      'no request hung past its timeout',
      outcome.hung === 0,
      `${outcome.hung} over their timeout + ${TIMEOUTS.HANG_MARGIN_MS} ms; slowest ${outcome.slowestMs} ms`,
    ),
    check('no internal errors (outages answer 503/504)', outcome.internalErrors === 0, `${outcome.internalErrors} x 500`),
    check('503 answers carry Retry-After', outcome.unavailableWithoutRetryAfter === 0, `${outcome.unavailable} x 503, ${outcome.unavailableWithoutRetryAfter} without Retry-After`),
  ];
}

/** The platform came back by itself: answers again after the fault ended, no process exited, health all up. */
export async function recoveryChecks(bench: BenchPlatform, outcome: ClinicLoadOutcome): Promise<Check[]> {
  const health = await fetch(`${bench.baseUrl}/api/health`).then(
    async (response) => `${response.status} ${((await response.json()) as { status: string }).status}`,
    (error: Error) => error.message,
  );
  const recovered = outcome.firstAt.successAfterRecovery;
  return [
    check(
      'answered again after the fault ended',
      recovered > 0,
      recovered ? `first success ${((recovered - outcome.recoveredAt) / 1000).toFixed(1)} s after it` : 'no success after it',
    ),
    check('no process exited or was restarted', bench.exitedApps().length === 0, bench.exitedApps().join(', ') || 'all running since the start'),
    check('health all up afterwards', health === '200 up', `GET /api/health: ${health}`),
  ];
}

export interface ClinicFaultScenario {
  /** Log file name under test-artifacts/. */
  logName: string;
  /** What the fault does, for the summary line ("RabbitMQ stopped (graceful) for 10 s"). */
  fault: string;
  /** Seconds into the load when inject() starts (default: a quarter of the load). */
  injectAt: number;
  servers?: BenchServers;
  extraEnv?: NodeJS.ProcessEnv;
  /** Breaks something, waits, repairs it; call faultStarted() and faultEnded() at those moments. */
  inject(bench: BenchPlatform, timeline: { faultStarted(): void; faultEnded(): void }): Promise<void>;
  /** Checks of this fault's own on top of the recovery checks and the clinic invariants. */
  checks?(bench: BenchPlatform, outcome: ClinicLoadOutcome): Promise<Check[]>;
}

/**
 * Runs a fault script: the platform (on `servers`), the clinic load (--kiosks, --operators, --seconds from the
 * command line) with the fault injected, then the recovery checks and the invariants, printed as PASS/FAIL.
 */
export async function runClinicFaultScenario(scenario: ClinicFaultScenario): Promise<void> {
  const kiosks = Number(argument('kiosks', '20'));
  const operators = Number(argument('operators', '5'));
  const seconds = Number(argument('seconds', '60'));
  const bench = await startBenchPlatform(scenario.logName, { ...CLINIC_LOAD_ENV, ...scenario.extraEnv }, scenario.servers);
  try {
    const load = new ClinicLoad(bench, { kiosks, operators, seconds, services: await bench.createServices(3) });
    const outcome = await load.run(async (startedAt) => {
      await sleep(scenario.injectAt * 1000);
      await scenario.inject(bench, {
        faultStarted() {
          load.outcome.faultAt = Date.now();
          console.log(`${at(startedAt)}  fault: ${scenario.fault}`);
        },
        faultEnded() {
          load.outcome.recoveredAt = Date.now();
          console.log(`${at(startedAt)}  fault over`);
        },
      });
    });
    const unavailableAfter = outcome.firstAt.unavailableAfterFault ? `; first 503 ${((outcome.firstAt.unavailableAfterFault - outcome.faultAt) / 1000).toFixed(1)} s into the fault` : '';
    report(
      [
        `kiosks ${kiosks}, operators ${operators}, load ${seconds} s; at t=${scenario.injectAt} s: ${scenario.fault}${unavailableAfter}`,
        `answers: ${[...outcome.answers].map(([key, n]) => `${key} x ${n}`).join(', ')}`,
      ],
      [...(await recoveryChecks(bench, outcome)), ...((await scenario.checks?.(bench, outcome)) ?? []), ...(await clinicInvariants(bench, outcome))],
    );
  } finally {
    await bench.stop();
  }
}

/**
 * The RabbitMQ and MariaDB faults: the platform on a server of the script's own, which is stopped (--mode
 * graceful|kill) at --stop-at seconds for --down seconds, then started again.
 */
export async function runServerRestartScenario(options: {
  server: string;
  start(port: number): Promise<PrivateServer>;
  servers(url: string): BenchServers;
  defaults: { port: number; down: number; mode: StopMode };
}): Promise<void> {
  const stopAt = Number(argument('stop-at', '15'));
  const down = Number(argument('down', String(options.defaults.down)));
  const mode = argument('mode', options.defaults.mode) as StopMode;
  const server = await options.start(Number(argument('port', String(options.defaults.port))));
  try {
    await runClinicFaultScenario({
      logName: `fault-${options.server.toLowerCase()}-restart`,
      fault: `${options.server} stopped (${mode}) for ${down} s, then started again`,
      injectAt: stopAt,
      servers: options.servers(server.url),
      async inject(_bench, timeline) {
        await server.stop(mode);
        timeline.faultStarted();
        await sleep(down * 1000);
        await server.start();
        timeline.faultEnded();
      },
    });
  } finally {
    await server.destroy();
  }
}
