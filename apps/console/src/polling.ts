// Lists stay current without a reload: each list asks the server again every few seconds while
// the tab is visible (and at once when it becomes visible again). Paging and filters are the
// server's; the hook only re-runs the query it is given.
import { useCallback, useEffect, useRef, useState } from 'react';

export const POLL_MS = 4000;

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function usePolled<T>(query: () => Promise<T>, deps: unknown[], intervalMs = POLL_MS): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  // The caller names what the query depends on (its filters and page).
  const run = useCallback(query, deps);
  const reload = useCallback(() => {
    const ticket = ++latest.current;
    run().then(
      (value) => {
        if (ticket !== latest.current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (ticket !== latest.current) return;
        setError(err);
        setLoading(false);
      },
    );
  }, [run]);
  useEffect(() => {
    setLoading(true);
    reload();
    const timer = setInterval(() => document.visibilityState === 'visible' && reload(), intervalMs);
    const onVisible = () => document.visibilityState === 'visible' && reload();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload, intervalMs]);
  return { data, error, loading, reload };
}
