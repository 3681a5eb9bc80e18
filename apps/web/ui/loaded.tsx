import type { ReactNode } from 'react';
import { ErrorNote } from './error-note';
import { Empty } from './kit/kit';
import { Skeleton } from './skeleton';

/**
 * A panel's body while its data loads in the browser: what failed, a placeholder, what to say
 * when there is nothing to show, or the content drawn from the loaded data.
 */
export function Loaded<T>({
  data,
  error,
  failure,
  lines,
  empty,
  children,
}: {
  data: T | undefined;
  error: Error | null;
  /** The error's heading, e.g. 任务加载失败. */
  failure: string;
  /** The placeholder's height in lines. */
  lines: number;
  /** The note instead of the content when there is nothing to show; null when there is. */
  empty?: (data: T) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (error) return <ErrorNote title={failure} error={error} />;
  if (data === undefined) return <Skeleton lines={lines} />;
  const nothing = empty?.(data);
  return nothing ? <Empty>{nothing}</Empty> : <>{children(data)}</>;
}
