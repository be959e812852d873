/** A small fetch wrapper for gateway integration tests. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export type ApiCall = <T = any>(
  method: string,
  path: string,
  options?: { headers?: Record<string, string>; body?: unknown },
) => Promise<ApiResponse<T>>;

/** Calls `${baseUrl}/api${path}` with a JSON body; the answer's JSON (or null) is in `body`. */
export function apiClient(baseUrl: string): ApiCall {
  return async (method, path, options = {}) => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

let serial = 0;

/**
 * A valid, unused NIK: West Java (32), regency 01, district 01, a real birth date, a running serial.
 * `female` adds 40 to the day, as on real cards.
 */
export function testNik(options: { day?: number; month?: number; year?: number; female?: boolean } = {}): string {
  serial += 1;
  const day = (options.day ?? 17) + (options.female ? 40 : 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `320101${pad(day)}${pad(options.month ?? 8)}${pad((options.year ?? 1990) % 100)}${String(serial).padStart(4, '0')}`;
}
