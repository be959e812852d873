/** The platform as `npm start` runs it: every process up and reachable through the gateway. */
import type { GatewayHealth } from '../../gateway/src/health/health.service';
import { api, expectStatus } from './support/journey';

describe('the running platform', () => {
  it('reports every service and dependency up on GET /api/health', async () => {
    const body = expectStatus(await api<GatewayHealth>('GET', '/health'), 200);
    expect(body.status).toBe('up');
    expect(Object.keys(body.services).sort()).toEqual(['institution', 'ocr', 'ocr-engine', 'patient-queue', 'user']);
    for (const service of Object.values(body.services)) expect(service.status).toBe('up');
  });
});
