#!/usr/bin/env node
// Container health check (Docker HEALTHCHECK and the Kubernetes exec probes of the services).
//
//   node scripts/healthcheck.js live|ready [app]      exit 0 healthy, 1 not; app defaults to $MEDIQ_APP
//
// gateway: GET /api/health/live or /api/health/ready on GATEWAY_PORT.
// services (RabbitMQ consumers without an HTTP port):
//   live   this container's process holds an established connection to the broker, or the broker
//          does not answer at all (restarting the container would not help then);
//   ready  live, and `<service>.health` answers over RabbitMQ with every dependency up. Replicas
//          share one queue, so any replica may answer: the check proves the service's dependencies
//          (database, Redis, broker) work from this network, the `live` part proves this replica.
const fs = require('node:fs');
const net = require('node:net');

const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 4000);

/** Ports of ESTABLISHED TCP connections' remote ends in /proc/net/tcp{,6} text. */
function establishedRemotePorts(procNetTcp) {
  const ports = new Set();
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || fields[3] !== '01') continue;
    ports.add(parseInt(fields[2].split(':')[1], 16));
  }
  return ports;
}

function readProcNet() {
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

function brokerAddress(rabbitmqUrl) {
  const url = new URL(rabbitmqUrl);
  return { host: url.hostname, port: Number(url.port || (url.protocol === 'amqps:' ? 5671 : 5672)) };
}

function answers({ host, port }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(TIMEOUT_MS / 2, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function gateway(mode) {
  const port = process.env.GATEWAY_PORT || '8601';
  const response = await fetch(`http://127.0.0.1:${port}/api/health/${mode}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (response.status !== 200) throw new Error(`gateway ${mode}: HTTP ${response.status}`);
}

/** Cheap on purpose (runs every few seconds in every pod): no NestJS, only the broker's address. */
async function serviceLive(rabbitmqUrl) {
  const broker = brokerAddress(rabbitmqUrl);
  if (establishedRemotePorts(readProcNet()).has(broker.port)) return;
  if (!(await answers(broker))) return;
  throw new Error(`no connection to the broker on port ${broker.port} although it answers`);
}

async function serviceReady(service) {
  const { baseEnvSchema, loadConfig, RpcClient } = require('@mediq/common');
  const { healthContract } = require('@mediq/contracts');
  const config = loadConfig(baseEnvSchema, process.env);
  await serviceLive(config.RABBITMQ_URL);
  const client = new RpcClient(config);
  try {
    const report = await client.call(healthContract(service), {}, { timeoutMs: TIMEOUT_MS });
    if (report.status !== 'up') throw new Error(`${service} reports ${JSON.stringify(report.dependencies)}`);
  } finally {
    await client.onApplicationShutdown();
  }
}

async function check(mode, app) {
  if (mode !== 'live' && mode !== 'ready') throw new Error('usage: node scripts/healthcheck.js live|ready [app]');
  if (!app) throw new Error('Name the app: pass it or set MEDIQ_APP');
  if (app === 'gateway') return gateway(mode);
  // The default is the development broker of baseEnvSchema; a deployment always sets RABBITMQ_URL.
  return mode === 'live' ? serviceLive(process.env.RABBITMQ_URL || 'amqp://127.0.0.1:5672') : serviceReady(app);
}

if (require.main === module) {
  const [mode = 'ready', app = process.env.MEDIQ_APP] = process.argv.slice(2);
  check(mode, app).then(
    () => process.exit(0),
    (error) => {
      console.error(`unhealthy: ${error.message}`);
      process.exit(1);
    },
  );
}

module.exports = { check, establishedRemotePorts, brokerAddress };
