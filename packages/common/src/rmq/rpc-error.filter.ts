import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { ErrorCode } from '@mediq/contracts';
import { Observable, throwError } from 'rxjs';
import { DATABASE_UNAVAILABLE_MESSAGE, toRpcErrorReply } from './domain-error';

/** Every error leaving a handler becomes a typed RpcErrorReply; unexpected ones are logged, a lost database as a warning. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const reply = toRpcErrorReply(exception);
    const error = exception instanceof Error ? exception : new Error(String(exception));
    if (reply.code === ErrorCode.INTERNAL) this.logger.error(`Unhandled error in handler: ${error.message}`, error.stack);
    else if (reply.message === DATABASE_UNAVAILABLE_MESSAGE) this.logger.warn(`Database unavailable: ${error.message}`);
    return throwError(() => reply);
  }
}
