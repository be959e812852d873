/**
 * Kiosk flow and realtime latency on the built platform (see platform.ts):
 * 1. N concurrent kiosks loop for --seconds: upload a KTP photo (services/ocr-engine/test/fixtures/cards/*.jpg)
 *    to POST /api/ocr/upload, then POST /api/ocr/confirm with the card's true fields (as the person at the
 *    kiosk corrects misreads) -> completed flows per minute and the per-step latency.
 * 2. Queue event -> socket.io client: a display board subscribed to the institution while tickets are issued
 *    one by one (POST /api/queue); milliseconds from sending the request to the board's queue_update.
 *
 *   npm run build
 *   nice -n 10 npx tsx scripts/bench/kiosk.ts [--kiosks 1,4] [--seconds 60] [--events 200]
 */
import { io } from 'socket.io-client';
import { argument, ktpPhotos, type Pair, quantile, startBenchPlatform } from './platform';

const KIOSKS = argument('kiosks', '1,4').split(',').map(Number);
const SECONDS = Number(argument('seconds', '60'));
const EVENTS = Number(argument('events', '200'));

async function main(): Promise<void> {
  const bench = await startBenchPlatform('bench-kiosk', { RATE_LIMIT_UPLOAD: '100000' });
  const headers = { 'x-api-key': bench.kioskKey };
  const lines: string[] = [];
  try {
    const deck = ktpPhotos();
    console.log(`${deck.length} KTP photos: ${deck.map((c) => c.name).join(', ')}`);

    // 1. Kiosk flow. Every flow confirms into a fresh (card, service) pair so each one issues a new ticket.
    lines.push('| kiosks | flows completed | flows/min | failed | upload p50 ms | upload p95 ms | confirm p50 ms | confirm p95 ms | flow p50 ms | flow p95 ms |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const kiosks of KIOSKS) {
      const services = await bench.createServices(30);
      const upload: number[] = [];
      const confirm: number[] = [];
      const flow: number[] = [];
      const failures = new Map<string, number>();
      let next = 0;
      const ends = Date.now() + SECONDS * 1000;
      const started = Date.now();
      await Promise.all(
        Array.from({ length: kiosks }, async () => {
          while (Date.now() < ends) {
            const i = next++;
            const card = deck[i % deck.length];
            const serviceId = services[Math.floor(i / deck.length) % services.length];
            const t0 = Date.now();
            const form = new FormData();
            form.append('file', new Blob([new Uint8Array(card.image)], { type: 'image/jpeg' }), card.name);
            const uploaded = await fetch(`${bench.baseUrl}/api/ocr/upload`, { method: 'POST', headers, body: form });
            const scan: any = await uploaded.json();
            const t1 = Date.now();
            if (!uploaded.ok) {
              failures.set(`upload ${uploaded.status}`, (failures.get(`upload ${uploaded.status}`) ?? 0) + 1);
              continue;
            }
            upload.push(t1 - t0);
            // What the person at the kiosk ends up confirming: the read fields, corrected (and completed) to the card's print.
            const fields = Object.fromEntries(Object.entries({ ...scan.fields, ...card.fields }).filter(([, v]) => v != null));
            const confirmed = await fetch(`${bench.baseUrl}/api/ocr/confirm`, {
              method: 'POST',
              headers: { ...headers, 'content-type': 'application/json' },
              body: JSON.stringify({ scanId: scan.scanId, fields, institutionId: bench.institutionId, serviceId }),
            });
            const reply: any = await confirmed.json();
            const t2 = Date.now();
            if (!confirmed.ok || !reply.ticket) {
              const key = `confirm ${confirmed.status}${reply.message ? `: ${String(reply.message).slice(0, 60)}` : ''}`;
              failures.set(key, (failures.get(key) ?? 0) + 1);
              continue;
            }
            confirm.push(t2 - t1);
            flow.push(t2 - t0);
          }
        }),
      );
      const minutes = (Date.now() - started) / 60_000;
      const failed = [...failures.values()].reduce((a, b) => a + b, 0);
      const row = `| ${kiosks} | ${flow.length} | ${(flow.length / minutes).toFixed(1)} | ${failed} | ${quantile(upload, 0.5)} | ${quantile(upload, 0.95)} | ${quantile(confirm, 0.5)} | ${quantile(confirm, 0.95)} | ${quantile(flow, 0.5)} | ${quantile(flow, 0.95)} |`;
      lines.push(row);
      console.log(row);
      if (failures.size) console.log(`  failures: ${[...failures.entries()].map(([k, n]) => `${k} x ${n}`).join('; ')}`);
    }

    // 2. Queue event -> socket.io board.
    const services = await bench.createServices(4);
    const patients = await bench.registerPatients(Math.ceil(EVENTS / services.length), 5_000);
    const pairs: Pair[] = patients.flatMap((patientUserId) => services.map((serviceId) => ({ patientUserId, serviceId }))).slice(0, EVENTS);
    const board = io(`${bench.baseUrl}/queue`, { transports: ['websocket'] });
    const arrivals = new Map<string, number>();
    const waiters = new Map<string, () => void>();
    board.on('queue_update', (event: { type: string; serviceId: string; ticket: { displayNumber: string } }) => {
      if (event.type !== 'created') return;
      const key = `${event.serviceId}/${event.ticket.displayNumber}`;
      arrivals.set(key, Date.now());
      waiters.get(key)?.();
    });
    await new Promise<void>((resolve, reject) => board.on('connect', resolve).on('connect_error', reject));
    const ack: any = await board.timeout(5_000).emitWithAck('subscribe', { institutionId: bench.institutionId });
    if (!ack.ok) throw new Error(`subscribe refused: ${ack.error}`);
    const fromRequest: number[] = [];
    const fromResponse: number[] = [];
    let lost = 0;
    const { randomUUID } = await import('node:crypto');
    for (const pair of pairs) {
      const sent = Date.now();
      const response = await fetch(`${bench.baseUrl}/api/queue`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ institutionId: bench.institutionId, ...pair, requestId: randomUUID() }),
      });
      const reply: any = await response.json();
      const answered = Date.now();
      const key = `${pair.serviceId}/${reply.ticket.displayNumber}`;
      if (!arrivals.has(key)) {
        await Promise.race([new Promise<void>((resolve) => waiters.set(key, resolve)), new Promise((resolve) => setTimeout(resolve, 5_000))]);
        waiters.delete(key);
      }
      const arrived = arrivals.get(key);
      if (arrived === undefined) {
        lost++;
        continue;
      }
      fromRequest.push(arrived - sent);
      fromResponse.push(arrived - answered);
    }
    board.close();
    lines.push('');
    lines.push('| events | lost | request sent -> board p50 ms | p99 ms | HTTP answer -> board p50 ms | p99 ms |');
    lines.push('|---:|---:|---:|---:|---:|---:|');
    lines.push(`| ${pairs.length} | ${lost} | ${quantile(fromRequest, 0.5)} | ${quantile(fromRequest, 0.99)} | ${quantile(fromResponse, 0.5)} | ${quantile(fromResponse, 0.99)} |`);
    console.log(`\n${lines.join('\n')}`);
  } finally {
    await bench.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
