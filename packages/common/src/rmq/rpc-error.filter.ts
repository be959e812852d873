import { ArgumentsHost, Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { ErrorCode } from '@mediq/contracts';
import { Observable, throwError } from 'rxjs';
import { toRpcErrorReply } from './domain-error';

/** Every error leaving a handler becomes a typed RpcErrorReply; unexpected ones are logged. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const reply = toRpcErrorReply(exception);
    if (reply.code === ErrorCode.INTERNAL) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`Unhandled error in handler: ${error.message}`, error.stack);
    }
    return throwError(() => reply);
  }
}
