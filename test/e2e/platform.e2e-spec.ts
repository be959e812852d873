/** The platform as `npm start` runs it: every process up and reachable through the gateway. */
const baseUrl = process.env.E2E_BASE_URL!;

describe('the running platform', () => {
  it('reports every service and dependency up on GET /api/health', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body.status).toBe('up');
    expect(Object.keys(body.services).sort()).toEqual(['institution', 'ocr', 'ocr-engine', 'patient-queue', 'user']);
    for (const service of Object.values(body.services) as Array<{ status: string }>) expect(service.status).toBe('up');
  });
});
