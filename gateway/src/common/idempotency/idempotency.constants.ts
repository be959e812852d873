/** Metadata set on @Idempotent() routes (read by the OpenAPI document). */
export const IDEMPOTENT_ROUTE = 'mediq:idempotent';
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';
