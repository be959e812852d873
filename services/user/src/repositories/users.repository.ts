import { Injectable } from '@nestjs/common';
import { Role } from '@mediq/contracts';
import { Prisma, User } from '../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';

export interface UserListFilter {
  role?: Role;
  institutionId?: string;
  nameKeyContains?: string;
  skip: number;
  take: number;
}

/** Users that are not deleted; a deleted user is invisible to every read here. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { id, deletedAt: null } });
  }

  findByIdIncludingDeleted(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  findByNikHash(nikHash: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { nikHash, deletedAt: null } });
  }

  /** Inside a transaction: the user's row, locked until the transaction ends (changes of one record in turn). */
  async lockForUpdate(id: string, tx: Prisma.TransactionClient): Promise<User> {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${id} FOR UPDATE`;
    return tx.user.findUniqueOrThrow({ where: { id } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findFirst({ where: { email, deletedAt: null } });
  }

  /** Includes deleted users: a retried create must not resurrect or duplicate one. */
  findByIdempotencyKey(idempotencyKey: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { idempotencyKey } });
  }

  create(data: Prisma.UserUncheckedCreateInput): Promise<User> {
    return this.prisma.user.create({ data });
  }

  /**
   * Records that a TOTP code of `step` was used, unless a code of this step or a later one already was.
   * One conditional UPDATE, so two sign-ins racing with the same code cannot both win.
   */
  async claimTotpStep(id: string, step: number): Promise<boolean> {
    const claimed = await this.prisma.user.updateMany({
      where: { id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1;
  }

  update(id: string, data: Prisma.UserUncheckedUpdateInput): Promise<User> {
    return this.prisma.user.update({ where: { id }, data });
  }

  /** Soft delete; frees the NIK and e-mail so they can be registered again. */
  softDelete(id: string): Promise<User> {
    return this.prisma.user.update({ where: { id }, data: { deletedAt: new Date(), nikHash: null, email: null } });
  }

  async list(filter: UserListFilter): Promise<{ items: User[]; total: number }> {
    const where: Prisma.UserWhereInput = {
      deletedAt: null,
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.institutionId ? { institutionId: filter.institutionId } : {}),
      ...(filter.nameKeyContains ? { nameKey: { contains: filter.nameKeyContains } } : {}),
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.user.findMany({ where, orderBy: [{ nameKey: 'asc' }, { id: 'asc' }], skip: filter.skip, take: filter.take }),
      this.prisma.user.count({ where }),
    ]);
    return { items, total };
  }
}

/** True when `error` is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
