// Makes sure MariaDB, Redis and RabbitMQ answer: uses what runs already, else Docker Compose where
// a Docker engine answers, else Debian's packages (installed with apt when missing).
const net = require('node:net');
const { execSync, spawnSync } = require('node:child_process');
const path = require('node:path');
const { ROOT } = require('./apps');

const SERVERS = [
  {
    name: 'MariaDB',
    port: 3306,
    packages: ['mariadb-server'],
    binary: '/usr/sbin/mariadbd',
    // Room for `npm start` and `npm test` side by side (every service and test file holds a pool).
    start: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --max-connections=500',
  },
  {
    name: 'Redis',
    port: 6379,
    packages: ['redis-server'],
    binary: '/usr/bin/redis-server',
    start:
      'mkdir -p /var/lib/redis /var/log/redis && redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
  {
    name: 'RabbitMQ',
    port: 5672,
    packages: ['rabbitmq-server'],
    binary: '/usr/sbin/rabbitmq-server',
    start: 'rabbitmq-server -detached',
  },
];

function portAnswers(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitForPort(name, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not start answering on port ${port} within ${timeoutMs / 1000} s`);
}

/** RabbitMQ opens its port before it accepts AMQP sessions: wait for a real connection. */
async function waitForAmqp(url, timeoutMs) {
  const { connect } = require('amqplib');
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const connection = await connect(url);
      await connection.close();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`RabbitMQ does not accept connections: ${lastError && lastError.message}`);
}

function dockerAnswers() {
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

function sh(command) {
  execSync(command, { stdio: 'inherit', shell: '/bin/bash' });
}

async function ensureInfrastructure({ log = console.log } = {}) {
  const missing = [];
  for (const server of SERVERS) if (!(await portAnswers(server.port))) missing.push(server);
  if (missing.length > 0 && dockerAnswers()) {
    log(`starting ${missing.map((s) => s.name).join(', ')} with Docker Compose`);
    sh(`docker compose -f ${path.join(ROOT, 'docker-compose.infrastructure.yml')} up -d`);
  } else {
    for (const server of missing) {
      const fs = require('node:fs');
      if (!fs.existsSync(server.binary)) {
        log(`installing ${server.packages.join(' ')} from Debian's packages`);
        sh(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${server.packages.join(' ')} >/dev/null`);
      }
      log(`starting ${server.name}`);
      sh(server.start);
    }
  }
  for (const server of SERVERS) await waitForPort(server.name, server.port, 90_000);
  await waitForAmqp(process.env.RABBITMQ_URL || 'amqp://guest:guest@127.0.0.1:5672', 60_000);
}

/** Whether the database of `url` (mysql://user:password@host:port/name) exists on its server. */
async function databaseExists(url) {
  const mariadb = require('mariadb');
  const parsed = new URL(url.replace(/^mysql:/, 'mariadb:'));
  const connection = await mariadb.createConnection({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  });
  try {
    const rows = await connection.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [decodeURIComponent(parsed.pathname.slice(1))]);
    return rows.length > 0;
  } finally {
    await connection.end();
  }
}

module.exports = { ensureInfrastructure, portAnswers, databaseExists };
