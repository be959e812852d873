import { Controller, DynamicModule, INestMicroservice, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { baseEnvSchema, bootstrapService, DomainError } from '@mediq/common';
import { ConfirmScanRequest, OcrContracts, RpcEnvelope } from '@mediq/contracts';

/** One ocr.confirm call as the scripted service received it. */
export interface ReceivedConfirm {
  actor: RpcEnvelope<ConfirmScanRequest>['actor'];
  data: ConfirmScanRequest;
  /** Lets the call answer (with a reply numbered by arrival). */
  release(): void;
}

/**
 * A stand-in `ocr` service over the real RabbitMQ whose ocr.confirm answers only when the test
 * releases it: a slow OCR on demand, and a count of how often the gateway really called it.
 */
export class ScriptedOcrService {
  readonly received: ReceivedConfirm[] = [];
  holdCalls = true;
  /** When set, every call fails with this error (after being counted). */
  failWith?: DomainError;
  private app?: INestMicroservice;

  async start(env: NodeJS.ProcessEnv): Promise<void> {
    this.app = await bootstrapService({ service: 'ocr', module: this.module(), config: baseEnvSchema.parse(env) });
  }

  async stop(): Promise<void> {
    this.releaseAll();
    await this.app?.close();
  }

  releaseAll(): void {
    for (const call of this.received) call.release();
  }

  /** Resolves once `count` calls have arrived. */
  async waitForCalls(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} ocr.confirm calls, got ${this.received.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private module(): DynamicModule {
    const service = this;
    @Controller()
    class ScriptedOcrController {
      @MessagePattern(OcrContracts.confirm.pattern)
      confirm(@Payload() { actor, data }: RpcEnvelope<ConfirmScanRequest>) {
        const number = service.received.length + 1;
        if (service.failWith) {
          service.received.push({ actor, data, release: () => undefined });
          throw service.failWith;
        }
        return new Promise((resolve) => {
          const release = () => resolve({ execution: number, scanId: data.scanId ?? null });
          service.received.push({ actor, data, release });
          if (!service.holdCalls) release();
        });
      }
    }
    @Module({ controllers: [ScriptedOcrController] })
    class ScriptedOcrModule {}
    return { module: ScriptedOcrModule };
  }
}
