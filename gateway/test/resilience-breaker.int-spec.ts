import { randomUUID } from 'node:crypto';
import { InProcessPlatform } from '../../test/support/in-process-platform';
import { authHeaders } from './support/auth';
import { ApiCall, apiClient, ApiResponse } from './support/http';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The circuit breaker through the real stack: the gateway and the institution and patient-queue
 * services in-process over the real RabbitMQ. Stopping patient-queue opens its breaker (its routes
 * then answer 503 at once, with Retry-After) while the institution routes keep answering; starting
 * it again closes the breaker through a half-open probe, without restarting the gateway.
 */
describe('circuit breaker per service (gateway + institution + patient-queue over RabbitMQ)', () => {
  let platform: InProcessPlatform;
  let api: ApiCall;
  const patient = authHeaders({ userId: randomUUID(), role: 'PASIEN' });
  const myQueue = () => api('GET', '/queue/my-queue', { headers: patient });
  const institutions = () => api('GET', '/institutions');
  const metrics = async () => (await fetch(`${platform.url}/metrics`)).text();

  beforeAll(async () => {
    platform = await InProcessPlatform.start(['institution', 'patient-queue'], {
      RPC_TIMEOUT_MS: '400',
      BREAKER_VOLUME_THRESHOLD: '3',
      BREAKER_ERROR_THRESHOLD_PERCENT: '50',
      BREAKER_RESET_TIMEOUT_MS: '1500',
      RPC_RETRY_ATTEMPTS: '1',
      RPC_RETRY_BASE_DELAY_MS: '20',
    });
    api = apiClient(platform.url);
  });

  afterAll(() => platform?.close());

  it('opens for a stopped service (503 with Retry-After at once), keeps other services answering, and closes again when it returns', async () => {
    expect((await myQueue()).status).toBe(200);
    expect((await institutions()).status).toBe(200);

    await platform.stopService('patient-queue');
    // Until the breaker opens, calls wait for their timeout (retried once: a read) and answer 504.
    const before: number[] = [];
    let open: ApiResponse | undefined;
    for (let attempt = 0; attempt < 10 && !open; attempt++) {
      const response = await myQueue();
      if (response.status === 503) open = response;
      else before.push(response.status);
    }
    expect(before.length).toBeGreaterThan(0);
    expect(new Set(before)).toEqual(new Set([504]));
    expect(open).toBeDefined();
    expect(open!.headers.get('retry-after')).toBe('5');
    expect(open!.body).toEqual({
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'patient-queue is temporarily unavailable',
      requestId: open!.headers.get('x-request-id'),
      details: { service: 'patient-queue', reason: 'circuit-open' },
    });

    // While it is open: the queue route keeps answering 503 without a call, the institution routes 200.
    const whileOpen = await Promise.all([myQueue(), institutions(), institutions(), myQueue()]);
    expect(whileOpen.map((r) => r.status)).toEqual([503, 200, 200, 503]);
    const openMetrics = await metrics();
    expect(openMetrics).toContain('mediq_gateway_circuit_breaker_state{service="patient-queue"} 2');
    expect(openMetrics).toContain('mediq_gateway_circuit_breaker_state{service="institution"} 0');
    expect(openMetrics).toMatch(/mediq_gateway_rpc_duration_seconds_count\{service="patient-queue",pattern="queue\.my-queue",outcome="rejected"\} [1-9]/);
    expect(openMetrics).toMatch(/mediq_gateway_rpc_duration_seconds_count\{service="patient-queue",pattern="queue\.my-queue",outcome="timeout"\} [1-9]/);
    expect(openMetrics).toMatch(/mediq_gateway_rpc_retries_total\{service="patient-queue",pattern="queue\.my-queue"\} [1-9]/);

    await platform.startService('patient-queue');
    let recovered = await myQueue();
    for (let attempt = 0; attempt < 100 && recovered.status !== 200; attempt++) {
      await sleep(200);
      recovered = await myQueue();
    }
    expect(recovered.status).toBe(200);
    const closedMetrics = await metrics();
    expect(closedMetrics).toContain('mediq_gateway_circuit_breaker_state{service="patient-queue"} 0');
    expect(closedMetrics).toMatch(/mediq_gateway_circuit_breaker_transitions_total\{service="patient-queue",state="half-open"\} [1-9]/);
    expect(closedMetrics).toMatch(/mediq_gateway_circuit_breaker_transitions_total\{service="patient-queue",state="closed"\} [1-9]/);
  });
});
