import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueueStack } from '../../services/patient-queue/test/support/queue-stack';
import { createGateway } from '../src/bootstrap';
import { loadGatewayConfig } from '../src/config';
import { DownstreamService } from '../src/rpc/downstream.service';
import { authHeaders } from './support/auth';

jest.setTimeout(120_000);

/**
 * Bad input is the caller's problem, never the service's: impossible dates are refused at the edge
 * with a 400 naming the field, and a service's own 4xx answers are answers, not failures, so no
 * amount of either opens the circuit breaker that protects every tenant's queue routes.
 */
describe('bad input cannot open the circuit breaker (gateway + real institution and patient-queue services)', () => {
  const stack = new QueueStack();
  let gateway: INestApplication;
  let url: string;
  let institutionId: string;
  let operator: Record<string, string>;

  beforeAll(async () => {
    await stack.start();
    // A breaker as touchy as production's default volume: five failures in the window would open it.
    gateway = await createGateway(loadGatewayConfig({ ...stack.env, BREAKER_VOLUME_THRESHOLD: '4', BREAKER_RESET_TIMEOUT_MS: '60000', RPC_RETRY_ATTEMPTS: '0' }));
    await gateway.listen(0, '127.0.0.1');
    url = await gateway.getUrl();
    ({ institutionId } = await stack.createInstitution([{ code: 'A' }]));
    operator = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId });
  });

  afterAll(async () => {
    await gateway?.close();
    await stack.stop();
  });

  const get = (path: string) => fetch(`${url}/api${path}`, { headers: operator });

  it('refuses impossible dates with a 400 naming the field; 50 of them and 50 unknown tickets leave the breaker closed', async () => {
    const badDates = ['9999-99-99', '2026-02-31', '2026-13-01', '2025-02-29', '0000-00-00'];
    for (let i = 0; i < 50; i++) {
      const date = badDates[i % badDates.length];
      const route = i % 2 === 0 ? `/queue?institutionId=${institutionId}&date=${date}` : `/queue/stats?institutionId=${institutionId}&date=${date}`;
      const response = await get(route);
      const body = (await response.json()) as { code: string; details?: { errors?: string[] } };
      expect({ date, status: response.status, code: body.code }).toEqual({ date, status: 400, code: 'VALIDATION_FAILED' });
      expect(body.details?.errors).toEqual(['date must be a real day written YYYY-MM-DD']);
    }
    // The service's own 4xx (a ticket that does not exist) crosses the breaker and must not count either.
    for (let i = 0; i < 50; i++) {
      const response = await get(`/queue/${randomUUID()}`);
      expect(response.status).toBe(404);
    }

    expect(gateway.get(DownstreamService).state('patient-queue')).toBe('closed');
    const served = await get(`/queue?institutionId=${institutionId}&date=2024-02-29`);
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ items: [], total: 0 });
  });
});
