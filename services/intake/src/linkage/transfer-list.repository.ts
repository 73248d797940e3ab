import { EntityManager } from 'typeorm';
import type { LinkageCounterpart, LinkageDirection } from '@hotline/vocabulary';
import type { TransferListItem } from './transfer-list';

/** Replaces the tenant's list of one direction as a whole. */
export async function replaceTransferList(manager: EntityManager, tenantId: string, direction: LinkageDirection, items: readonly TransferListItem[]): Promise<void> {
  await manager.query(`delete from linkage_transfer_items where direction = $1`, [direction]);
  for (const i of items)
    await manager.query(
      `insert into linkage_transfer_items (tenant_id, direction, counterpart, code, class_name, item_name, category_codes, keywords)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, direction, i.counterpart, i.code, i.className, i.itemName, i.categoryCodes, i.keywords],
    );
}

export async function transferList(manager: EntityManager, direction?: LinkageDirection): Promise<TransferListItem[]> {
  const rows: Array<Record<string, unknown>> = await manager.query(
    `select direction, counterpart, code, class_name, item_name, category_codes, keywords from linkage_transfer_items
     where $1::text is null or direction = $1 order by direction, code`,
    [direction ?? null],
  );
  return rows.map((r) => ({
    direction: r.direction as LinkageDirection,
    counterpart: r.counterpart as LinkageCounterpart,
    code: r.code as string,
    className: r.class_name as string,
    itemName: r.item_name as string,
    categoryCodes: r.category_codes as string[],
    keywords: r.keywords as string[],
  }));
}
