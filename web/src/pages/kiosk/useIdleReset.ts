import { useEffect, useRef } from 'react';

export const KIOSK_IDLE_MS = 60_000;

/** Calls `onIdle` after `ms` without a touch, click, key or scroll while `active`. */
export function useIdleReset(active: boolean, onIdle: () => void, ms = KIOSK_IDLE_MS): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(() => callback.current(), ms);
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => callback.current(), ms);
    };
    const events = ['pointerdown', 'keydown', 'input', 'scroll', 'touchstart'] as const;
    for (const name of events) window.addEventListener(name, restart, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const name of events) window.removeEventListener(name, restart, { capture: true });
    };
  }, [active, ms]);
}
