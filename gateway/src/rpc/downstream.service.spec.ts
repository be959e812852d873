import { DomainError, RpcClient } from '@mediq/common';
import { ErrorCode, healthContract, QueueContracts } from '@mediq/contracts';
import { edgeContext } from '../common/edge-context';
import { gatewayConfigSchema } from '../config';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { DownstreamService } from './downstream.service';

const timeout = () => new DomainError(ErrorCode.TIMEOUT, 'patient-queue did not answer within 100 ms');

describe('DownstreamService', () => {
  const call = jest.fn();
  let metrics: GatewayMetrics;
  let downstream: DownstreamService;

  const build = (env: Record<string, string> = {}) => {
    metrics = new GatewayMetrics();
    downstream = new DownstreamService(
      { call } as unknown as RpcClient,
      metrics,
      gatewayConfigSchema.parse({ RPC_RETRY_ATTEMPTS: '2', RPC_RETRY_BASE_DELAY_MS: '1', BREAKER_VOLUME_THRESHOLD: '3', ...env }),
    );
  };
  const metric = async (name: string) => (await metrics.registry.getSingleMetricAsString(name)).split('\n');

  beforeEach(() => {
    call.mockReset();
    build();
  });
  afterEach(() => downstream.onModuleDestroy());

  it('retries a read after timeouts, a bounded number of times, and succeeds when the service answers', async () => {
    call.mockRejectedValueOnce(timeout()).mockRejectedValueOnce(timeout()).mockResolvedValueOnce({ status: 'up' });
    const reply = await edgeContext.run({ method: 'GET' }, () => downstream.call(healthContract('patient-queue'), {}));
    expect(reply).toEqual({ status: 'up' });
    expect(call).toHaveBeenCalledTimes(3);
    expect(await metric('mediq_gateway_rpc_retries_total')).toContain('mediq_gateway_rpc_retries_total{service="patient-queue",pattern="patient-queue.health"} 2');
  });

  it('asks the broker to keep a write on disk, and a read not', async () => {
    call.mockResolvedValue({});
    await edgeContext.run({ method: 'GET' }, () => downstream.call(QueueContracts.findOne, { id: 't' }, { actor: { kind: 'system' } }));
    await edgeContext.run({ method: 'POST' }, () => downstream.call(QueueContracts.addToQueue, {} as never));
    expect(call.mock.calls.map(([, , options]) => options.persistent)).toEqual([false, true]);
    expect(call.mock.calls[0][2]).toMatchObject({ actor: { kind: 'system' } });
  });

  it('gives up after RPC_RETRY_ATTEMPTS retries with the last error', async () => {
    build({ BREAKER_VOLUME_THRESHOLD: '100' });
    call.mockRejectedValue(timeout());
    await expect(edgeContext.run({ method: 'GET' }, () => downstream.call(healthContract('patient-queue'), {}))).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('never retries a write without an accepted Idempotency-Key, and retries one with it', async () => {
    build({ BREAKER_VOLUME_THRESHOLD: '100' });
    call.mockRejectedValue(timeout());
    const add = () => downstream.call(QueueContracts.addToQueue, {} as never);
    await expect(edgeContext.run({ method: 'POST' }, add)).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    expect(call).toHaveBeenCalledTimes(1);

    call.mockClear();
    await expect(
      edgeContext.run({ method: 'POST' }, () => {
        edgeContext.markIdempotent('key-12345678');
        return add();
      }),
    ).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('does not retry answers: a 4xx from the service is passed through at once', async () => {
    call.mockRejectedValue(DomainError.notFound('Ticket'));
    await expect(edgeContext.run({ method: 'GET' }, () => downstream.call(healthContract('patient-queue'), {}))).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('opens the circuit after the volume threshold of failures: then 503 at once without calling, and no retries', async () => {
    build({ RPC_RETRY_ATTEMPTS: '0' });
    call.mockRejectedValue(timeout());
    for (let i = 0; i < 3; i++) await expect(downstream.call(healthContract('ocr'), {})).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
    expect(downstream.state('ocr')).toBe('open');
    call.mockClear();
    const rejected = await edgeContext.run({ method: 'GET' }, () => downstream.call(healthContract('ocr'), {})).catch((e: unknown) => e);
    expect(rejected).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, message: 'ocr is temporarily unavailable', details: { service: 'ocr', reason: 'circuit-open' } });
    expect(call).not.toHaveBeenCalled();
    expect(downstream.state('user')).toBe('closed');
    const state = await metric('mediq_gateway_circuit_breaker_state');
    expect(state).toContain('mediq_gateway_circuit_breaker_state{service="ocr"} 2');
    expect(state).toContain('mediq_gateway_circuit_breaker_state{service="user"} 0');
  });

  it('keeps business errors from opening the circuit', async () => {
    build({ RPC_RETRY_ATTEMPTS: '0' });
    call.mockRejectedValue(DomainError.notFound('Ticket'));
    for (let i = 0; i < 10; i++) await downstream.call(healthContract('ocr'), {}).catch(() => undefined);
    expect(downstream.state('ocr')).toBe('closed');
  });

  it('answers 503 "busy" beyond the bulkhead of a service, without touching its breaker or other services', async () => {
    build({ OCR_MAX_CONCURRENCY: '2', RPC_RETRY_ATTEMPTS: '0' });
    const gates: Array<() => void> = [];
    call.mockImplementation(() => new Promise((resolve) => gates.push(() => resolve({ ok: true }))));
    const inFlight = [downstream.call(healthContract('ocr'), {}), downstream.call(healthContract('ocr'), {})];
    const extra = await Promise.all([1, 2, 3].map(() => downstream.call(healthContract('ocr'), {}).catch((e: unknown) => e)));
    expect(extra).toEqual([1, 2, 3].map(() => expect.objectContaining({ code: ErrorCode.SERVICE_UNAVAILABLE, details: { service: 'ocr', reason: 'busy' } })));
    const other = downstream.call(healthContract('institution'), {});
    expect(call).toHaveBeenCalledTimes(3);
    gates.forEach((release) => release());
    await expect(Promise.all([...inFlight, other])).resolves.toHaveLength(3);
    expect(downstream.state('ocr')).toBe('closed');
    call.mockResolvedValue({ ok: true });
    await expect(downstream.call(healthContract('ocr'), {})).resolves.toEqual({ ok: true });
  });
});
