/** TypeORM answers UPDATE/DELETE … RETURNING with [rows, affected]; INSERT and SELECT with rows. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);
}
