import { Injectable } from '@nestjs/common';
import { DomainError, RpcClient } from '@mediq/common';
import { Actor, QueueContracts } from '@mediq/contracts';
import { User } from '../generated/prisma/client';
import { isStaff } from './access-policy';

/**
 * Which staff may see a patient's record: staff of an institution where the patient registered or
 * has (or had) a ticket. Asked of the queue service, which owns the tickets. A patient outside that
 * scope is answered as not found, so a guessed id tells nothing.
 */
@Injectable()
export class PatientAccess {
  constructor(private readonly rpc: RpcClient) {}

  async assertStaffMaySee(actor: Actor, patient: User): Promise<void> {
    if (actor.kind === 'system') return;
    if (!isStaff(actor) || !actor.institutionId) throw DomainError.forbidden('Only facility staff may see a patient record');
    if (patient.institutionId === actor.institutionId) return;
    const { visited } = await this.rpc.call(
      QueueContracts.patientVisited,
      { patientUserId: patient.id, institutionId: actor.institutionId },
      { actor: { kind: 'system' } },
    );
    if (!visited) throw DomainError.notFound('The user');
  }
}
