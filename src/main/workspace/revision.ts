/** Revisions of the shared files: a save made on an older revision is refused. */
import { ParleyError } from '../../core/errors';
import type { Entity, LabelSchema } from '../../core/model';
import type { EntitiesFile, SchemaFile } from '../store/kinds';
import type { FileOwner } from '../store/owner';

/** A change made on `base` is refused when the file has moved on since. */
export function checkRevision(current: number, base: number | undefined, what: string, file: string): void {
  if (base !== undefined && base !== current) {
    throw new ParleyError('conflict', `the ${what} was changed elsewhere since you loaded it (revision ${base}, now ${current}); reload it and make the change again`, file);
  }
}

/** Saves the schema through its owner; with `baseRevision`, only if nobody saved it since that revision. */
export function saveSchemaFile(owner: FileOwner<SchemaFile>, schema: LabelSchema, baseRevision?: number): Promise<void> {
  return owner.update((d) => {
    checkRevision(d.revision, baseRevision, 'label schema', owner.path);
    d.schema = schema;
    d.revision++;
  });
}

/** Saves the entity registry through its owner: a new list, or a change made to the list as it is when the write runs. */
export function saveEntitiesFile(owner: FileOwner<EntitiesFile>, entities: Entity[] | ((current: Entity[]) => Entity[]), baseRevision?: number): Promise<void> {
  return owner.update((d) => {
    checkRevision(d.revision, baseRevision, 'entity registry', owner.path);
    d.entities = typeof entities === 'function' ? entities(d.entities) : entities;
    d.revision++;
  });
}
