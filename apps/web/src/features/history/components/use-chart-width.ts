import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How long a resize must settle before the charts ask for a new number of points. */
const RESIZE_DEBOUNCE_MS = 300;

/**
 * The width (CSS px) of the element the ref is put on: measured before the first paint, then again
 * once a resize has settled; null until measured.
 */
export function useChartWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [widthPx, setWidthPx] = useState<number | null>(null);

  useLayoutEffect(() => {
    const width = ref.current?.clientWidth ?? 0;
    if (width > 0) setWidthPx(width);
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (element.clientWidth > 0) setWidthPx(element.clientWidth);
      }, RESIZE_DEBOUNCE_MS);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, []);

  return { ref, widthPx };
}
