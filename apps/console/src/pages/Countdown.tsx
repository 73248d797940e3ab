// The countdown of a short clock (an online submission's 3 minutes, a callback's half hour),
// ticking every second between the list's polls: red once past the limit, yellow within the
// warning, green before it — the colours of shared.tsx's Clock, in seconds instead of dates.
import { useEffect, useState } from 'react';
import { Badge } from 'antd';
import { useT } from '../i18n';

export type CountdownState = 'red' | 'yellow' | 'green';

/** The current time, re-read every `ms` so a countdown ticks without asking the server. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Red at or past the limit, yellow within `warnWithinSeconds` of it (null: no warning), else green. */
export function countdownState(secondsLeft: number, warnWithinSeconds: number | null): CountdownState {
  if (secondsLeft <= 0) return 'red';
  if (warnWithinSeconds !== null && secondsLeft <= warnWithinSeconds) return 'yellow';
  return 'green';
}

/** 83 → "1:23", 3723 → "1:02:03" (the sign is said in words). */
export function formatSeconds(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

export function Countdown({ secondsLeft, warnWithinSeconds, testId }: { secondsLeft: number; warnWithinSeconds: number | null; testId?: string }) {
  const t = useT();
  const state = countdownState(secondsLeft, warnWithinSeconds);
  const status = ({ red: 'error', yellow: 'warning', green: 'success' } as const)[state];
  const text =
    state === 'red'
      ? t(`已超时 ${formatSeconds(secondsLeft)}`, `Overdue by ${formatSeconds(secondsLeft)}`)
      : state === 'yellow'
        ? t(`即将超时 · 剩余 ${formatSeconds(secondsLeft)}`, `Due soon · ${formatSeconds(secondsLeft)} left`)
        : t(`剩余 ${formatSeconds(secondsLeft)}`, `${formatSeconds(secondsLeft)} left`);
  return <Badge status={status} data-clock={state} data-testid={testId} text={text} />;
}
