import { EntityManager } from 'typeorm';
import { Events } from '@hotline/contracts';
import { DirectoryTenant, Outbox, ProblemError, TenantDirectory, upsertDirectoryTenant } from '@hotline/platform';
import type { ChangeTenant, RegisterTenant } from './tenants.schemas';
import { tenantChangedEvent } from './tenants.views';

/**
 * intake owns the tenant registry: a tenant is written into the directory (the table every
 * service keeps) and announced with TenantChanged in one transaction, so the other services'
 * directories follow. The event goes out on the tenant's own subject.
 */
async function announce(manager: EntityManager, outbox: Outbox, tenant: DirectoryTenant): Promise<DirectoryTenant> {
  await upsertDirectoryTenant(manager, tenant);
  await outbox.append(manager, {
    event: Events.intake.tenantChanged,
    tenantId: tenant.code,
    aggregateType: 'tenant',
    aggregateId: tenant.code,
    payload: tenantChangedEvent(tenant),
  });
  return tenant;
}

/** Registers a new tenant, active at once; 409 when its code is taken. */
export async function registerTenant(manager: EntityManager, outbox: Outbox, directory: TenantDirectory, input: RegisterTenant, by: string) {
  if (await directory.find(input.code, manager)) throw ProblemError.conflict(`tenant ${input.code} is already registered`);
  const now = new Date();
  const tenant = await announce(manager, outbox, { ...input, status: 'active', createdAt: now, changedAt: now, changedBy: by });
  directory.forget(tenant.code);
  return tenant;
}

/** Changes a tenant (a suspension takes effect everywhere within the directories' cache time). */
export async function changeTenant(manager: EntityManager, outbox: Outbox, directory: TenantDirectory, code: string, input: ChangeTenant, by: string) {
  const current = await directory.find(code, manager);
  if (!current) throw ProblemError.notFound(`tenant ${code}`);
  const tenant = await announce(manager, outbox, { ...current, ...input, changedAt: new Date(), changedBy: by });
  directory.forget(code);
  return tenant;
}
