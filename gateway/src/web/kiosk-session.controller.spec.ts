import { DomainError } from '@mediq/common';
import { ErrorCode } from '@mediq/contracts';
import { KioskSessionController } from './kiosk-session.controller';

describe('KioskSessionController', () => {
  const controller = new KioskSessionController();

  it("answers a kiosk with its key's institution", () => {
    expect(controller.session({ kind: 'kiosk', kioskKeyId: 'k1', institutionId: 'i1' })).toEqual({ kioskKeyId: 'k1', institutionId: 'i1' });
  });

  it('refuses signed-in people: they have no kiosk session', () => {
    try {
      controller.session({ kind: 'user', userId: 'u1', role: 'ADMIN_FASKES', institutionId: 'i1' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.FORBIDDEN);
    }
  });
});
