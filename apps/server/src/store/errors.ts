import { NotFoundError } from '../errors/app-error.js';

/** A lookup by a key the store has never seen (an unknown GPU uuid); the HTTP edge maps it to 404. */
export class StoreNotFoundError extends NotFoundError {
  constructor(
    readonly entity: 'gpu' | 'host',
    readonly key: string,
    field?: string,
  ) {
    super(`unknown ${entity} ${key}`, field);
  }
}
