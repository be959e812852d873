import { RpcClient, SYSTEM_ACTOR } from '@mediq/common';
import { uniqueSuffix } from '@mediq/common/testing';
import { InstitutionContracts, OpeningHours, WEEKDAYS } from '@mediq/contracts';

const ALWAYS_OPEN: OpeningHours = Object.fromEntries(WEEKDAYS.map((day) => [day, [{ open: '00:00', close: '24:00' }]]));

/** A fresh puskesmas with one service open around the clock and no quota, created as the system. */
export async function createOpenInstitution(rpc: RpcClient, service: { code: string; name: string }): Promise<{ institutionId: string; serviceId: string }> {
  const code = `PKM-${uniqueSuffix().toUpperCase()}`;
  const institution = await rpc.call(InstitutionContracts.create, { code, name: `Puskesmas ${code}`, type: 'PUSKESMAS', timezone: 'Asia/Jakarta' }, { actor: SYSTEM_ACTOR });
  const created = await rpc.call(
    InstitutionContracts.createService,
    { institutionId: institution.id, ...service, dailyQuota: null, averageServiceMinutes: 10, openingHours: ALWAYS_OPEN },
    { actor: SYSTEM_ACTOR },
  );
  return { institutionId: institution.id, serviceId: created.id };
}
