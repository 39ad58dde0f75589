import { ParleyError } from '../../core/errors';

/** A change made on `base` is refused when the file has moved on since. */
export function checkRevision(current: number, base: number | undefined, what: string, file: string): void {
  if (base !== undefined && base !== current) {
    throw new ParleyError('conflict', `the ${what} was changed elsewhere since you loaded it (revision ${base}, now ${current}); reload it and make the change again`, file);
  }
}
