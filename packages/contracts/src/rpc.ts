/**
 * The shape of every request/response message between the gateway and the services.
 * A contract names its pattern once; the gateway sends through it and the service handles it,
 * so the pattern string and its types can never drift apart.
 */
export type ServiceName = 'user' | 'institution' | 'patient-queue' | 'ocr' | 'ocr-engine';

export const SERVICE_NAMES: readonly ServiceName[] = ['user', 'institution', 'patient-queue', 'ocr', 'ocr-engine'];

/** The durable RabbitMQ queue a service consumes; a prefix isolates test runs from each other. */
export function serviceQueue(service: ServiceName, prefix = ''): string {
  return `${prefix}mediq.${service}`;
}

export interface RpcContract<Request, Reply> {
  readonly service: ServiceName;
  readonly pattern: string;
  /** Phantom fields: carry the types, never set at run time. */
  readonly __request?: Request;
  readonly __reply?: Reply;
}

export function rpc<Request, Reply>(service: ServiceName, pattern: string): RpcContract<Request, Reply> {
  return { service, pattern };
}

export type RequestOf<C> = C extends RpcContract<infer Req, unknown> ? Req : never;
export type ReplyOf<C> = C extends RpcContract<unknown, infer Res> ? Res : never;

/** Who is acting, carried with every request so services can enforce scope and write the audit trail. */
export interface Actor {
  kind: 'user' | 'kiosk' | 'system' | 'anonymous';
  userId?: string;
  role?: Role;
  institutionId?: string;
  kioskKeyId?: string;
}

export type Role = 'PASIEN' | 'OPERATOR' | 'ADMIN_FASKES';
export const ROLES: readonly Role[] = ['PASIEN', 'OPERATOR', 'ADMIN_FASKES'];
/** Facility staff: the roles that work at an institution. */
export const STAFF_ROLES: readonly Role[] = ['OPERATOR', 'ADMIN_FASKES'];

/** Whether the actor is a signed-in staff member (operator or facility admin) — the one definition of "staff". */
export function isStaffActor(actor: Actor): boolean {
  return actor.kind === 'user' && actor.role !== undefined && STAFF_ROLES.includes(actor.role);
}

/** Every RPC payload is wrapped in this envelope. */
export interface RpcEnvelope<T> {
  actor: Actor;
  data: T;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

/** Header names carried on every RabbitMQ message. */
export const RPC_HEADERS = {
  requestId: 'x-request-id',
} as const;
