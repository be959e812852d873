import { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC, KIOSK_ALLOWED, REQUIRED_ROLES } from '../auth/auth.decorators';
import { IDEMPOTENT_ROUTE } from '../common/idempotency/idempotency.constants';
import { RATE_LIMIT_POLICY } from '../common/rate-limit/rate-limit.decorator';
import { ERROR_HTTP_STATUS, ErrorCode, errorCodeForStatus } from '@mediq/contracts';
import { ErrorResponseDto } from './error-response.dto';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponseDto' };

/** What the document needs to know about a route beyond what its own decorators say. */
interface RouteFacts {
  isPublic: boolean;
  roles: string[];
  kiosk: boolean;
  idempotent: boolean;
  rateLimit?: string;
}

const ERROR_EXAMPLES: Record<number, { description: string; message: string; details?: Record<string, unknown> }> = {
  400: { description: 'Invalid input: the message names each field', message: 'institutionId must be a UUID' },
  401: { description: 'No valid credentials', message: 'Sign in first: this route needs an access token (Authorization: Bearer)' },
  403: { description: 'Valid credentials without the right role or scope', message: 'This route is for OPERATOR or ADMIN_FASKES accounts' },
  404: { description: 'The resource does not exist (or is outside the caller\'s scope)', message: 'Ticket was not found' },
  409: { description: 'Conflict with the current state, or an Idempotency-Key still in progress', message: 'A request with this Idempotency-Key is still being processed; retry in a moment to get its answer' },
  422: { description: 'Understood but not processable (e.g. an Idempotency-Key reused with a different body)', message: 'This Idempotency-Key was already used with a different request body; send a new key for a new request' },
  410: { description: 'Gone: the link no longer works', message: 'This ticket link has expired' },
  413: { description: 'The body or upload is over its limit', message: 'The upload is larger than the 10 MB limit' },
  415: { description: 'Not a supported media type', message: 'The file is not a JPEG, PNG or WebP image' },
  429: { description: 'Rate limited: wait the Retry-After seconds', message: 'Too many requests from this address; try again in 42 s', details: { policy: 'global', limit: 1200, windowSeconds: 60 } },
  500: { description: 'Unexpected failure (no internals are revealed)', message: 'An unexpected error occurred' },
  503: { description: 'A service is down or its circuit is open: retry after Retry-After seconds', message: 'patient-queue is temporarily unavailable', details: { service: 'patient-queue', reason: 'circuit-open' } },
  504: { description: 'A service did not answer in time', message: 'patient-queue did not answer within 3000 ms', details: { service: 'patient-queue' } },
};
/**
 * The domain codes a route can answer besides the generic code of each status, by operation id
 * (`Controller_method`): what a client must handle differently there. Every status a route answers
 * lists its codes in its description and as the enum of `code` in its schema.
 */
const ROUTE_ERRORS: Record<string, ErrorCode[]> = {
  AuthController_loginAdmin: [ErrorCode.INVALID_CREDENTIALS, ErrorCode.LOCKED_OUT, ErrorCode.PASSWORD_CHANGE_REQUIRED],
  AuthController_loginUser: [ErrorCode.INVALID_NIK, ErrorCode.INVALID_CREDENTIALS, ErrorCode.LOCKED_OUT],
  AuthController_changePassword: [ErrorCode.INVALID_CREDENTIALS, ErrorCode.LOCKED_OUT, ErrorCode.WEAK_PASSWORD],
  AuthController_refresh: [ErrorCode.TOKEN_INVALID, ErrorCode.SESSION_ENDED],
  AuthController_refreshWithBearer: [ErrorCode.TOKEN_INVALID, ErrorCode.SESSION_ENDED],
  AuthController_logout: [ErrorCode.TOKEN_INVALID],
  AuthController_logoutWithBearer: [ErrorCode.TOKEN_INVALID],
  UsersController_create: [ErrorCode.INVALID_NIK, ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON, ErrorCode.CONFLICT],
  UsersController_createStaff: [ErrorCode.WEAK_PASSWORD, ErrorCode.CONFLICT],
  UsersController_checkNik: [ErrorCode.INVALID_NIK],
  UsersController_updateRole: [ErrorCode.UNPROCESSABLE],
  StaffPasswordsController_reset: [ErrorCode.UNPROCESSABLE],
  QueueController_add: [ErrorCode.SERVICE_CLOSED, ErrorCode.QUOTA_EXCEEDED, ErrorCode.CONFLICT],
  QueueController_next: [ErrorCode.SERVICE_CLOSED],
  QueueController_updateStatus: [ErrorCode.INVALID_TRANSITION, ErrorCode.TICKET_ALREADY_HANDLED],
  QueueController_call: [ErrorCode.INVALID_TRANSITION, ErrorCode.TICKET_ALREADY_HANDLED],
  QueueController_transfer: [ErrorCode.INVALID_TRANSITION, ErrorCode.TICKET_ALREADY_HANDLED, ErrorCode.SERVICE_CLOSED, ErrorCode.QUOTA_EXCEEDED],
  QueueController_cancel: [ErrorCode.INVALID_TRANSITION, ErrorCode.TICKET_ALREADY_HANDLED],
  QueueController_findOne: [ErrorCode.FOLLOW_LINK_EXPIRED],
  OcrController_upload: [ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNPROCESSABLE],
  OcrController_confirm: [ErrorCode.INVALID_NIK, ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON, ErrorCode.CONFLICT, ErrorCode.SERVICE_CLOSED, ErrorCode.QUOTA_EXCEEDED],
  OcrController_confirmTemp: [ErrorCode.INVALID_NIK, ErrorCode.NIK_REGISTERED_TO_ANOTHER_PERSON, ErrorCode.CONFLICT, ErrorCode.SERVICE_CLOSED, ErrorCode.QUOTA_EXCEEDED],
  InstitutionsController_create: [ErrorCode.CONFLICT],
  InstitutionsController_createService: [ErrorCode.CONFLICT],
};
/** Every route behind authentication may also answer these. */
const AUTHENTICATED_ERRORS = [ErrorCode.TOKEN_INVALID, ErrorCode.SESSION_ENDED];

const RETRY_AFTER_HEADER = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', example: 5 } } };

/**
 * The OpenAPI document of every route: DTOs and examples from the controllers' own decorators,
 * plus what the gateway knows centrally: the auth schemes each route accepts (bearer token, kiosk
 * x-api-key) and the error answers it can give, all in the one error body.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('MediQ API')
    .setDescription(
      'Patient registration and queueing for clinics. Every error answers `{statusCode, code, message, requestId, details?}` (`code`: see ErrorResponseDto); ' +
        '503, 504 and 429 carry Retry-After. Send `x-request-id` to correlate logs (echoed on every answer).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from /api/auth/login/*' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Kiosk device key (kiosk routes only)' }, 'x-api-key')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto],
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  const facts = routeFacts(app);
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!HTTP_METHODS.has(method) || !operation?.operationId) continue;
      const route = facts.get(operation.operationId);
      if (route) describeRoute(path, operation, route);
    }
  }
  return document;
}

/** Serves Swagger UI at /api/docs and the document at /api/docs-json. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: DOCS_JSON_PATH, useGlobalPrefix: false });
  return document;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head']);

type Operation = OpenAPIObject['paths'][string]['get'] & object;

function describeRoute(path: string, operation: Operation, route: RouteFacts): void {
  const notes: string[] = [];
  if (!route.isPublic) {
    operation.security = route.kiosk ? [{ bearer: [] }, { 'x-api-key': [] }] : [{ bearer: [] }];
    if (route.roles.length > 0) notes.push(`Roles: ${route.roles.join(', ')}${route.kiosk ? '; or a kiosk x-api-key' : ''}.`);
  }
  if (route.rateLimit) notes.push(`Rate limit: the stricter per-address "${route.rateLimit}" limit applies.`);
  if (route.idempotent) notes.push('Send an Idempotency-Key to make retries safe: the same key and body replay the stored answer.');
  if (notes.length > 0) operation.description = [operation.description, ...notes].filter(Boolean).join('\n\n');

  const codes = new Set<ErrorCode>([ErrorCode.VALIDATION_FAILED, ErrorCode.TOO_MANY_REQUESTS, ErrorCode.INTERNAL, ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.TIMEOUT]);
  if (!route.isPublic) for (const code of [ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ...AUTHENTICATED_ERRORS]) codes.add(code);
  if (path.includes('{')) codes.add(ErrorCode.NOT_FOUND);
  if (route.idempotent) for (const code of [ErrorCode.CONFLICT, ErrorCode.UNPROCESSABLE]) codes.add(code);
  for (const code of ROUTE_ERRORS[operation.operationId ?? ''] ?? []) codes.add(code);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_HTTP_STATUS[code], [...(byStatus.get(ERROR_HTTP_STATUS[code]) ?? []), code]);

  operation.responses ??= {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const declared = operation.responses[status] as { description?: string } | undefined;
    const example = ERROR_EXAMPLES[status] ?? { description: 'See the codes', message: 'See code' };
    const code = statusCodes.includes(errorCodeForStatus(status)) ? errorCodeForStatus(status) : statusCodes[0];
    operation.responses[status] = {
      description: `${declared?.description ?? example.description}. Codes: ${statusCodes.map((c) => `\`${c}\``).join(', ')}.`,
      ...(status === 429 || status === 503 || status === 504 ? { headers: RETRY_AFTER_HEADER } : {}),
      content: {
        'application/json': {
          schema: { allOf: [ERROR_SCHEMA, { type: 'object', properties: { code: { type: 'string', enum: statusCodes } } }] },
          example: { statusCode: status, code, message: example.message, requestId: '0f6a4c2e-3b7d-4d8e-9a51-2c1e7b9d4f10', ...(example.details ? { details: example.details } : {}) },
        },
      },
    };
  }
}

/** Route facts by operation id (`Controller_method`), read from the same metadata the guards read. */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      for (const methodKey of Object.getOwnPropertyNames(controller.prototype)) {
        const handler: unknown = Object.getOwnPropertyDescriptor(controller.prototype, methodKey)?.value; // never run a getter
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
        const targets = [handler as () => unknown, controller];
        facts.set(`${controller.name}_${methodKey}`, {
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
          roles: reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, targets) ?? [],
          kiosk: reflector.getAllAndOverride<boolean>(KIOSK_ALLOWED, targets) ?? false,
          idempotent: reflector.get<boolean>(IDEMPOTENT_ROUTE, handler as () => unknown) ?? false,
          rateLimit: reflector.getAllAndOverride<string>(RATE_LIMIT_POLICY, targets),
        });
      }
    }
  }
  return facts;
}
