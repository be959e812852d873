import { Injectable } from '@nestjs/common';
import { DomainError } from '@mediq/common';
import { Actor, EnsureInstitutionReply, EnsureInstitutionRequest, ErrorCode } from '@mediq/contracts';
import { assertCanCreateInstitution } from './access-policy';
import { InstitutionsService } from './institutions.service';
import { ensureInstitutionSchema, parseRequest } from './request-validation';
import { ServiceCatalogService } from './service-catalog.service';

/**
 * Seeding: makes sure an institution and its services exist, creating only what is missing and
 * never changing what is there (an admin may have edited the demo since). Safe to run at every start.
 */
@Injectable()
export class InstitutionSeedService {
  constructor(
    private readonly institutions: InstitutionsService,
    private readonly catalog: ServiceCatalogService,
  ) {}

  async ensure(actor: Actor, request: EnsureInstitutionRequest): Promise<EnsureInstitutionReply> {
    assertCanCreateInstitution(actor);
    const data = parseRequest(ensureInstitutionSchema, request, 'seed');
    let createdInstitution = false;
    let institution = await this.institutions.findByCode({ code: data.institution.code }).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return undefined;
      throw error;
    });
    if (!institution) {
      institution = await this.institutions.create(actor, data.institution);
      createdInstitution = true;
    }
    const existingCodes = new Set((await this.catalog.getServices({ institutionId: institution.id, includeInactive: true })).map((s) => s.code));
    const serviceCodes: string[] = [];
    for (const service of data.services) {
      if (existingCodes.has(service.code)) continue;
      await this.catalog.createService(actor, { ...service, institutionId: institution.id });
      serviceCodes.push(service.code);
    }
    const services = await this.catalog.getServices({ institutionId: institution.id, includeInactive: true });
    return { institution, services, created: { institution: createdInstitution, serviceCodes } };
  }
}
