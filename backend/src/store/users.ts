import type { UserTable } from './database.ts';
import type { Role, User } from '../domain/types.ts';
import type { TenantScope } from './scope.ts';

export function userFromRow(r: UserTable): User {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    entraObjectId: r.entra_object_id,
    displayName: r.display_name,
    email: r.email,
    role: r.role as Role,
    team: r.team,
    createdAt: r.created_at,
  };
}

export async function findUserByObjectId(scope: TenantScope, oid: string): Promise<User | null> {
  const r = await scope.db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('entra_object_id', '=', oid)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst();
  return r ? userFromRow(r) : null;
}

export async function getUser(scope: TenantScope, id: string): Promise<User | null> {
  const r = await scope.db.selectFrom('users').selectAll().where('tenant_id', '=', scope.tenantId).where('id', '=', id).executeTakeFirst();
  return r ? userFromRow(r) : null;
}

export async function listUsers(scope: TenantScope): Promise<User[]> {
  const rows = await scope.db
    .selectFrom('users')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('deactivated_at', 'is', null)
    .orderBy('display_name')
    .execute();
  return rows.map(userFromRow);
}

export async function insertUsers(scope: TenantScope, users: User[]): Promise<void> {
  if (users.length === 0) return;
  await scope.db
    .insertInto('users')
    .values(
      users.map((u) => ({
        tenant_id: scope.tenantId,
        id: u.id,
        entra_object_id: u.entraObjectId,
        display_name: u.displayName,
        email: u.email.toLowerCase(),
        role: u.role,
        team: u.team,
        created_at: u.createdAt,
        deactivated_at: null,
      })),
    )
    .execute();
}

/** Users whose address is among the given (lower-cased) addresses. */
export async function usersByAddresses(scope: TenantScope, addresses: string[]): Promise<Map<string, string>> {
  if (addresses.length === 0) return new Map();
  const rows = await scope.db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('tenant_id', '=', scope.tenantId)
    .where('email', 'in', addresses)
    .execute();
  return new Map(rows.map((r) => [r.email, r.id]));
}
