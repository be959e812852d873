import datamodel from '../generated/datamodel.json';
import { OUTBOX_INSERT_FIELDS } from './outbox.repository';
import { TRANSITION_INSERT_FIELDS } from './ticket.repository';
import { insertStatement, TICKET_COLUMNS, TICKET_DATE_FIELDS, TICKET_FIELDS, ticketFromRow } from './ticket-row';

const scalarFields = (name: string) =>
  datamodel.models
    .find((model) => model.name === name)!
    .fields.filter((f) => f.kind !== 'object')
    .map((f) => f.name)
    .sort();

describe('ticketFromRow', () => {
  const ticketModel = datamodel.models.find((model) => model.name === 'Ticket')!;

  it('knows every DateTime column of the schema, and selects every scalar column', () => {
    expect([...TICKET_DATE_FIELDS].sort()).toEqual(ticketModel.fields.filter((f) => f.type === 'DateTime').map((f) => f.name).sort());
    expect(TICKET_COLUMNS.split(', ').sort()).toEqual(ticketModel.fields.filter((f) => f.kind !== 'object').map((f) => f.name).sort());
  });

  it('reads the DATE and DATETIME strings as UTC, like Prisma Client', () => {
    const ticket = ticketFromRow({ id: 't-1', localDate: '2026-12-07', queuedAt: '2026-12-07 01:02:03.456', calledAt: null, sequence: 3 });
    expect(ticket.localDate).toEqual(new Date('2026-12-07T00:00:00.000Z'));
    expect(ticket.queuedAt).toEqual(new Date('2026-12-07T01:02:03.456Z'));
    expect(ticket.calledAt).toBeNull();
    expect(ticket.sequence).toBe(3);
  });
});

describe('the rows written in plain SQL', () => {
  it('name every column of their table but the AUTO_INCREMENT id', () => {
    expect([...TICKET_FIELDS].sort()).toEqual(scalarFields('Ticket'));
    expect([...TRANSITION_INSERT_FIELDS, 'id'].sort()).toEqual(scalarFields('TicketTransition'));
    expect([...OUTBOX_INSERT_FIELDS, 'id'].sort()).toEqual(scalarFields('OutboxEvent'));
  });

  it('insert one or several rows', () => {
    expect(insertStatement('t', ['a', 'b'])).toBe('INSERT INTO t (a, b) VALUES (?, ?)');
    expect(insertStatement('t', ['a', 'b'], 2)).toBe('INSERT INTO t (a, b) VALUES (?, ?), (?, ?)');
  });
});
