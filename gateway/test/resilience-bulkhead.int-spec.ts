import { RpcClient } from '@mediq/common';
import { testBaseConfig } from '@mediq/common/testing';
import { randomUUID } from 'node:crypto';
import { InProcessPlatform } from '../../test/support/in-process-platform';
import { authHeaders } from './support/auth';
import { createOpenInstitution } from './support/institution';
import { ApiCall, apiClient, ApiResponse } from './support/http';
import { ScriptedOcrService } from './support/scripted-ocr-service';

/**
 * The bulkhead through the real stack: an OCR that does not answer (a scripted ocr service holding
 * every call) fills its OCR_MAX_CONCURRENCY slots; further OCR calls are refused at once with 503,
 * while the real institution and patient-queue services keep answering through the same gateway.
 */
describe('bulkhead: a saturated OCR does not starve the other routes', () => {
  const OCR_SLOTS = 2;
  const OCR_CALLS = 6;
  let platform: InProcessPlatform;
  let ocr: ScriptedOcrService;
  let api: ApiCall;
  let rpc: RpcClient;
  let institutionId: string;
  let serviceId: string;
  let operator: Record<string, string>;

  const confirmBody = () => ({
    scanId: randomUUID(),
    fields: { nik: '3204125708900001', nama: 'SITI NURJANAH' },
    institutionId,
    serviceId,
  });

  beforeAll(async () => {
    platform = await InProcessPlatform.start(['institution', 'patient-queue'], { OCR_MAX_CONCURRENCY: String(OCR_SLOTS), BREAKER_VOLUME_THRESHOLD: '3' });
    ocr = new ScriptedOcrService();
    await ocr.start(platform.env);
    api = apiClient(platform.url);
    rpc = new RpcClient(testBaseConfig(platform.env));
    ({ institutionId, serviceId } = await createOpenInstitution(rpc, { code: 'A', name: 'Poli Umum' }));
    operator = authHeaders({ userId: randomUUID(), role: 'OPERATOR', institutionId });
  });

  afterAll(async () => {
    await rpc?.onApplicationShutdown();
    await ocr?.stop();
    await platform?.close();
  });

  it('refuses OCR calls beyond its slots with 503 while queue and institution routes answer; the held calls then complete', async () => {
    const settled: ApiResponse[] = [];
    const confirms = Array.from({ length: OCR_CALLS }, () =>
      api('POST', '/ocr/confirm', { headers: operator, body: confirmBody() }).then((response) => {
        settled.push(response);
        return response;
      }),
    );
    await ocr.waitForCalls(OCR_SLOTS);
    while (settled.length < OCR_CALLS - OCR_SLOTS) await new Promise((resolve) => setTimeout(resolve, 20));

    // OCR saturated: every refused call said so at once; the held ones are still waiting.
    expect(settled.map((r) => r.status)).toEqual(Array(OCR_CALLS - OCR_SLOTS).fill(503));
    for (const refused of settled) {
      expect(refused.body).toMatchObject({ message: 'ocr is temporarily unavailable', details: { service: 'ocr', reason: 'busy' } });
      expect(refused.headers.get('retry-after')).toBe('5');
    }
    expect(ocr.received).toHaveLength(OCR_SLOTS);

    // Meanwhile the other services answer through the same gateway.
    const others = await Promise.all([
      api('GET', `/institutions/${institutionId}`),
      api('GET', `/institutions/${institutionId}/services`),
      api('POST', '/queue', { headers: operator, body: { institutionId, serviceId, patientUserId: randomUUID() } }),
      api('GET', `/queue/institution/${institutionId}/current`),
      api('GET', `/queue?institutionId=${institutionId}`, { headers: operator }),
    ]);
    expect(others.map((r) => r.status)).toEqual([200, 200, 201, 200, 200]);
    expect(settled).toHaveLength(OCR_CALLS - OCR_SLOTS);

    ocr.releaseAll();
    const all = await Promise.all(confirms);
    expect(all.map((r) => r.status).sort()).toEqual([201, 201, 503, 503, 503, 503]);

    // Refusals for lack of slots are not failures of the OCR service: its breaker stayed closed.
    ocr.holdCalls = false;
    expect((await api('POST', '/ocr/confirm', { headers: operator, body: confirmBody() })).status).toBe(201);
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toContain('mediq_gateway_circuit_breaker_state{service="ocr"} 0');
    expect(metrics).toContain(`mediq_gateway_rpc_duration_seconds_count{service="ocr",pattern="ocr.confirm",outcome="rejected"} ${OCR_CALLS - OCR_SLOTS}`);
    expect(metrics).toContain(`mediq_gateway_rpc_duration_seconds_count{service="ocr",pattern="ocr.confirm",outcome="ok"} ${OCR_SLOTS + 1}`);
  });
});
