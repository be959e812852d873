/**
 * What Nest's HTTP layer costs per request, Express against Fastify (#21's "HTTP layer" lever), with a bare
 * `node:http` server as the floor, in one run. Each server runs in a child process of its own and answers
 * the shape of the gateway's ticket read without going downstream: a global prefix, a middleware (the
 * request id header), a global guard reading the Authorization header, `ParseUUIDPipe` on the id and a
 * ~600-byte JSON reply. autocannon keeps 50 requests in flight; the servers take turns over `--rounds`.
 * Printed: requests/s, p50 / p99 ms and the server's CPU ms per request (from /proc).
 *
 *   npx tsx --tsconfig scripts/bench/tsconfig.json scripts/bench/http-adapter.ts [--seconds 10] [--rounds 2] [--connections 50]
 *     [--profile node|express|fastify [--profile-dir <dir>]]
 *
 * `--profile` runs that server under `--cpu-prof` (a profile per round, written when it stops; summarise
 * with `npx tsx scripts/bench/lib/cpu-profile.ts <file> --top 30`).
 */
import 'reflect-metadata';
import { CanActivate, Controller, ExecutionContext, Get, Injectable, MiddlewareConsumer, Module, NestModule, Param, ParseUUIDPipe } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { argument, quantile } from './platform';
import { cpuMs } from './lib/process-cpu';

const SERVERS = ['node', 'express', 'fastify'] as const;
type ServerKind = (typeof SERVERS)[number];

/** A waiting ticket as the gateway returns it (values made up). */
const ticket = (id: string) => ({
  id,
  institutionId: '8a3e6f5e-3f4b-4d4a-9a59-2f0f1c6f6a10',
  serviceId: '5b9b1a0e-7c55-4a52-8c7e-1a2b3c4d5e6f',
  patientId: '0f6b2c1d-9e8f-4a7b-b6c5-d4e3f2a1b0c9',
  number: 'A-042',
  status: 'WAITING',
  priority: 'REGULAR',
  localDate: '2026-12-07',
  queuedAt: '2026-12-07T08:15:00.000Z',
  calledAt: null,
  counter: null,
  position: { ahead: 7, estimatedWaitMinutes: 21 },
  service: { name: 'Poli Umum', code: 'A' },
});

@Injectable()
class BearerGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest().headers.authorization;
    return typeof header === 'string' && header.startsWith('Bearer ');
  }
}

@Controller('queue')
class TicketController {
  @Get(':id')
  find(@Param('id', new ParseUUIDPipe()) id: string) {
    return ticket(id);
  }
}

@Module({ controllers: [TicketController], providers: [{ provide: APP_GUARD, useClass: BearerGuard }] })
class BenchModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((req: { headers: Record<string, string | undefined> }, res: { setHeader(n: string, v: string): void }, next: () => void) => {
        res.setHeader('x-request-id', req.headers['x-request-id'] ?? randomUUID());
        next();
      })
      .forRoutes('*');
  }
}

/** Child process: serves one kind of server and tells the parent its port. */
async function serve(kind: ServerKind): Promise<void> {
  let port: number;
  if (kind === 'node') {
    const server = createServer((req, res) => {
      const id = req.url!.split('/').pop()!;
      res.setHeader('x-request-id', randomUUID());
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(ticket(id)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  } else {
    const adapter = kind === 'express' ? new ExpressAdapter() : new FastifyAdapter();
    const app = await NestFactory.create(BenchModule, adapter, { logger: false });
    app.setGlobalPrefix('api');
    await app.listen(0, '127.0.0.1');
    port = Number(new URL(await app.getUrl()).port);
  }
  process.on('SIGTERM', () => process.exit(0));
  process.send!({ port });
}

async function startServer(kind: ServerKind): Promise<{ port: number; pid: number; stop: () => void }> {
  const profile = argument('profile', '') === kind ? ['--cpu-prof', `--cpu-prof-dir=${argument('profile-dir', 'test-artifacts/http-adapter-profiles')}`] : [];
  const child = fork(__filename, ['--serve', kind], { execArgv: [...process.execArgv, ...profile], stdio: 'inherit' });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { port, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

interface Sample {
  requests: number;
  seconds: number;
  latencies: number[];
  serverCpuMs: number;
  non2xx: number;
}

async function load(port: number, pid: number, seconds: number, connections: number): Promise<Sample> {
  const url = `http://127.0.0.1:${port}/api/queue/${randomUUID()}`;
  const headers = { authorization: 'Bearer bench' };
  await autocannon({ url, headers, connections, duration: 2 }); // warm-up
  const before = cpuMs(pid);
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration: seconds }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return { requests: result.requests.total, seconds: result.duration, latencies, serverCpuMs: cpuMs(pid) - before, non2xx: result.non2xx };
}

async function main(): Promise<void> {
  const served = argument('serve', '');
  if (served) return serve(served as ServerKind);
  const seconds = Number(argument('seconds', '10'));
  const rounds = Number(argument('rounds', '2'));
  const connections = Number(argument('connections', '50'));
  const samples = new Map<ServerKind, Sample[]>(SERVERS.map((kind) => [kind, []]));
  for (let round = 0; round < rounds; round++) {
    for (const kind of SERVERS) {
      const server = await startServer(kind);
      try {
        samples.get(kind)!.push(await load(server.port, server.pid, seconds, connections));
      } finally {
        server.stop();
      }
    }
  }
  console.log(`\n${connections} in flight, ${seconds} s x ${rounds} rounds per server, servers taking turns\n`);
  console.log('| server | requests/s | p50 ms | p99 ms | server CPU ms per request | non-2xx |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const kind of SERVERS) {
    const runs = samples.get(kind)!;
    const requests = runs.reduce((s, r) => s + r.requests, 0);
    const latencies = runs.flatMap((r) => r.latencies);
    const perSecond = requests / runs.reduce((s, r) => s + r.seconds, 0);
    const cpuPerRequest = runs.reduce((s, r) => s + r.serverCpuMs, 0) / requests;
    const label = kind === 'node' ? 'bare node:http (floor)' : `Nest + ${kind === 'express' ? 'Express' : 'Fastify'}`;
    console.log(
      `| ${label} | ${Math.round(perSecond)} | ${quantile(latencies, 0.5).toFixed(2)} | ${quantile(latencies, 0.99).toFixed(2)} | ${cpuPerRequest.toFixed(3)} | ${runs.reduce((s, r) => s + r.non2xx, 0)} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
