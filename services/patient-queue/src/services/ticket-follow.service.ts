import { Injectable } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { ACTIVE_TICKET_STATUSES, Actor, ErrorCode, FollowedTicketView, FollowLink, followUrlFor, isStaffActor } from '@mediq/contracts';
import { FollowLinkRepository } from '../repositories/follow-link.repository';
import { TicketRepository } from '../repositories/ticket.repository';
import { localDateIn } from './local-time';
import { PositionService } from './position.service';
import { assertMayAccessTicket } from './ticket-rules';
import { toTicketView } from './ticket-view';

const FOLLOW_TOKEN = /^[A-Za-z0-9_-]{22}$/;
const MAX_TRANSFERS = 10;

/**
 * Follow links (see @mediq/contracts ticket-follow.ts): issued to whoever may see the ticket, and
 * answered to anyone holding one, with the ticket's public view only, while the ticket is active
 * and its day lasts.
 */
@Injectable()
export class TicketFollowService {
  constructor(
    private readonly links: FollowLinkRepository,
    private readonly tickets: TicketRepository,
    private readonly positions: PositionService,
  ) {}

  async issue(actor: Actor, ticketId: string): Promise<FollowLink> {
    const ticket = typeof ticketId === 'string' ? await this.tickets.findById(ticketId) : null;
    if (!ticket) throw DomainError.notFound('The ticket');
    assertMayAccessTicket(actor, ticket);
    const followToken = await this.links.tokenFor(ticket.id);
    return { followToken, followUrl: followUrlFor(followToken) };
  }

  async view(followToken: string): Promise<FollowedTicketView> {
    if (typeof followToken !== 'string' || !FOLLOW_TOKEN.test(followToken)) {
      throw DomainError.validation('followToken must be the 22 characters of a follow link', { followToken: 'malformed' });
    }
    const ticketId = await this.links.ticketIdOf(followToken);
    let ticket = ticketId ? await this.tickets.findById(ticketId) : null;
    if (!ticket) throw DomainError.notFound('This follow link');
    // A transferred ticket goes on as its successor in the other service: the link follows it there.
    for (let hops = 0; ticket.status === 'TRANSFERRED' && ticket.transferredToId && hops < MAX_TRANSFERS; hops++) {
      ticket = (await this.tickets.findById(ticket.transferredToId)) ?? ticket;
    }
    const view = toTicketView(ticket);
    if (!ACTIVE_TICKET_STATUSES.includes(view.status) || view.localDate !== localDateIn(ticket.timezone)) {
      throw new DomainError(ErrorCode.FOLLOW_LINK_EXPIRED, 'This follow link has ended: its ticket is over or its day has passed', {
        status: view.status,
        displayNumber: view.displayNumber,
      });
    }
    const { ahead, etaMinutes } = await this.positions.describe(ticket);
    return {
      ticketId: view.id,
      institutionId: view.institutionId,
      serviceId: view.serviceId,
      displayNumber: view.displayNumber,
      localDate: view.localDate,
      status: view.status,
      priority: view.priority,
      category: view.category,
      counter: view.counter,
      ahead,
      etaMinutes,
      calledAt: view.calledAt,
    };
  }

  async patientVisited(actor: Actor, patientUserId: string, institutionId: string): Promise<{ visited: boolean }> {
    if (actor.kind !== 'system' && !(isStaffActor(actor) && actor.institutionId === institutionId)) {
      throw DomainError.forbidden('Only MediQ services or staff of the institution may ask this');
    }
    return { visited: await this.links.patientVisited(patientUserId, institutionId) };
  }
}
