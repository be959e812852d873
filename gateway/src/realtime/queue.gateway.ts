import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { ANONYMOUS_ACTOR, DomainError } from '@mediq/common';
import { Actor, FollowContracts, InstitutionContracts, isStaffActor, QueueContracts } from '@mediq/contracts';
import type { Namespace, Socket } from 'socket.io';
import { AccessTokens } from '../auth/access-tokens';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { DownstreamService } from '../rpc/downstream.service';
import { QueueEventRelay } from './queue-event-relay.service';
import { isAllowedSocketOrigin, MAX_ROOMS_PER_SOCKET } from './origin-policy';
import { emissionsFor, followRoom, institutionRoom, serviceRoom, ticketRoom } from './queue-rooms';

export interface SubscribeRequest {
  /** Display boards: public, numbers only. */
  institutionId?: string;
  /** Operators: staff of the service's institution (institutionId required too). */
  serviceId?: string;
  /**
   * A patient's phone: the ticket's holder (their access token) or staff of its institution; or any
   * phone that connected with the ticket's follow link (`auth: { followToken }`), for that ticket only.
   */
  ticketId?: string;
}

export type SubscribeAck = { ok: true; room: string } | { ok: false; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * socket.io namespace `/queue`. Clients connect (optionally with `auth: { token }`, an access
 * token, or `auth: { followToken }`, a printed ticket's follow link) and emit `subscribe` with the
 * room they want; queue events from RabbitMQ are then relayed to them as queue_update,
 * queue_called, queue_almost_ready and queue_ready. Handshakes from a foreign browser origin are
 * refused (403; allowed: the gateway's own origin and CORS_ORIGINS), and a connection joins at most
 * MAX_ROOMS_PER_SOCKET rooms.
 */
@WebSocketGateway({ namespace: '/queue', cors: { origin: true } })
export class QueueGateway implements OnGatewayConnection, OnGatewayInit, OnModuleInit {
  private readonly logger = new Logger(QueueGateway.name);

  @WebSocketServer()
  private readonly namespace!: Namespace;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly downstream: DownstreamService,
    private readonly relay: QueueEventRelay,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.server.engine.opts.allowRequest = (req, callback) => {
      const allowed = isAllowedSocketOrigin(req, this.config.CORS_ORIGINS);
      if (!allowed) this.logger.warn({ msg: 'socket.io handshake from a foreign origin refused', event: 'socket-origin-refused', origin: req.headers.origin });
      callback(allowed ? null : 'This origin may not connect', allowed);
    };
  }

  onModuleInit(): void {
    this.relay.onEvent((event) => {
      for (const emission of emissionsFor(event)) this.namespace.to(emission.room).emit(emission.event, emission.payload);
    });
  }

  /** Verifies the handshake token once; `subscribe` awaits the result, so it never races the check. */
  async handleConnection(socket: Socket): Promise<void> {
    const followToken = (socket.handshake.auth as { followToken?: unknown } | undefined)?.followToken;
    if (typeof followToken === 'string') return this.connectFollower(socket, followToken);
    const token = handshakeToken(socket);
    const actor: Promise<Actor | null> = token ? this.tokens.tryVerify(token) : Promise.resolve(ANONYMOUS_ACTOR);
    socket.data.actor = actor;
    if (!(await actor)) {
      socket.emit('error', { message: 'The access token is invalid or has expired; sign in again or refresh it' });
      socket.disconnect(true);
    }
  }

  /** A phone holding a follow link: anonymous, allowed into that one ticket's follow room. */
  private async connectFollower(socket: Socket, followToken: string): Promise<void> {
    const followed = this.downstream
      .call(FollowContracts.view, { followToken })
      .then((view) => view.ticketId)
      .catch(() => null);
    socket.data.actor = Promise.resolve(ANONYMOUS_ACTOR);
    socket.data.followedTicketId = followed;
    if (!(await followed)) {
      socket.emit('error', { code: 'FOLLOW_LINK_EXPIRED', message: 'This follow link has ended or is not valid' });
      socket.disconnect(true);
    }
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() request: SubscribeRequest): Promise<SubscribeAck> {
    const actor: Actor = (await (socket.data.actor as Promise<Actor | null> | undefined)) ?? ANONYMOUS_ACTOR;
    const followedTicketId = await (socket.data.followedTicketId as Promise<string | null> | undefined);
    if (followedTicketId) {
      if (request?.ticketId !== followedTicketId) return { ok: false, error: 'A follow link opens its own ticket only' };
      const room = followRoom(followedTicketId);
      await socket.join(room);
      return { ok: true, room };
    }
    try {
      const room = await this.authorize(actor, request ?? {});
      // socket.rooms holds the socket's own room too.
      if (!socket.rooms.has(room) && socket.rooms.size > MAX_ROOMS_PER_SOCKET) {
        throw DomainError.validation(`A connection may follow at most ${MAX_ROOMS_PER_SOCKET} rooms; unsubscribe from one first`, { room: 'too many rooms' });
      }
      await socket.join(room);
      return { ok: true, room };
    } catch (error) {
      if (!(error instanceof DomainError)) this.logger.warn(`subscribe failed: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, error: error instanceof DomainError ? error.message : 'Subscription failed' };
    }
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() request: { room?: string }): Promise<{ ok: true }> {
    if (typeof request?.room === 'string') await socket.leave(request.room);
    return { ok: true };
  }

  private async authorize(actor: Actor, request: SubscribeRequest): Promise<string> {
    if (request.ticketId) {
      requireUuid(request.ticketId, 'ticketId');
      // The queue service applies its own rule: the ticket's patient, or staff of its institution.
      await this.downstream.call(QueueContracts.findOne, { id: request.ticketId }, { actor });
      return ticketRoom(request.ticketId);
    }
    if (request.serviceId) {
      requireUuid(request.serviceId, 'serviceId');
      requireUuid(request.institutionId, 'institutionId');
      if (!isStaffActor(actor) || actor.institutionId !== request.institutionId) throw DomainError.forbidden('Only staff of this institution may follow a service');
      const services = await this.downstream.call(
        InstitutionContracts.getServices,
        { institutionId: request.institutionId!, includeInactive: true },
        { actor },
      );
      if (!services.some((service) => service.id === request.serviceId)) throw DomainError.notFound('The service');
      return serviceRoom(request.serviceId);
    }
    if (request.institutionId) {
      requireUuid(request.institutionId, 'institutionId');
      return institutionRoom(request.institutionId);
    }
    throw DomainError.validation('Send one of ticketId, serviceId (with institutionId) or institutionId', { room: 'required' });
  }
}

function handshakeToken(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth) return fromAuth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

function requireUuid(value: string | undefined, field: string): void {
  if (!value || !UUID.test(value)) throw DomainError.validation(`${field} must be a UUID`, { [field]: 'uuid' });
}
