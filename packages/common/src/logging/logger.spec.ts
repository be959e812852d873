import { Logger } from '@nestjs/common';
import { Writable } from 'node:stream';
import { createLogger, PinoNestLogger, redactPersonalData } from './logger';
import { requestContext } from './request-context';

describe('createLogger + PinoNestLogger', () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const nest = new PinoNestLogger(createLogger({ service: 'gateway', level: 'debug', pretty: false, destination }));

  beforeEach(() => {
    lines.length = 0;
  });

  it('logs an object message as fields (its msg as the message), with the service and the request id', () => {
    requestContext.run({ requestId: 'req-12345678' }, () => nest.log({ msg: 'GET /api/x 200', route: '/api/x', status: 200 }, 'http'));
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, service: 'gateway', requestId: 'req-12345678', context: 'http', route: '/api/x', status: 200, msg: 'GET /api/x 200' }),
    ]);
  });

  it('keeps string messages, and Nest error(message, stack, context)', () => {
    nest.warn('circuit opened', 'DownstreamService');
    nest.error('boom', 'Error: boom\n    at x', 'Filter');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'circuit opened', context: 'DownstreamService' }),
      expect.objectContaining({ level: 50, msg: 'boom', context: 'Filter', trace: 'Error: boom\n    at x' }),
    ]);
  });

  it('redacts personal data in logged fields, whoever logs them', () => {
    const logger = new Logger('users');
    Logger.overrideLogger(nest);
    try {
      logger.log({ msg: 'registered', userId: 'u-1', nik: '3204125708900001', patient: { name: 'SITI NURJANAH', alamat: 'KP. CIOJAR' } });
    } finally {
      Logger.overrideLogger(true);
    }
    const line = JSON.stringify(lines);
    expect(line).not.toContain('3204125708900001');
    expect(line).not.toContain('SITI');
    expect(line).not.toContain('CIOJAR');
    expect(lines[0]).toMatchObject({ userId: 'u-1', nik: '[redacted]', context: 'users' });
  });

  it('redacts three levels deep, inside arrays too, without changing the object logged', () => {
    const logged = { patients: [{ nik: '3204125708900001', id: 'p-1' }], reply: { user: { name: 'SITI', id: 'u-1' } }, at: new Date(0) };
    const copy = JSON.parse(JSON.stringify(logged));
    expect(redactPersonalData(logged)).toEqual({ patients: [{ nik: '[redacted]', id: 'p-1' }], reply: { user: { name: '[redacted]', id: 'u-1' } }, at: new Date(0) });
    expect(JSON.parse(JSON.stringify(logged))).toEqual(copy);
    const plain = { route: '/api/queue/:id', status: 200 };
    expect(redactPersonalData(plain)).toBe(plain);
  });
});
