import { useLayoutEffect, useState } from 'react';

/** Where the list starts on the page: the window scrolls, so the virtualiser needs the offset. */
export function useOffsetTop(ref: React.RefObject<HTMLElement | null>): number {
  const [offsetTop, setOffsetTop] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOffsetTop(element.getBoundingClientRect().top + window.scrollY);
    measure();
    // The filters above can wrap or collapse: follow the page's size, not every tick.
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return offsetTop;
}

/** The element's width in CSS pixels, followed as the window resizes; 0 before the first layout. */
export function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [widthPx, setWidthPx] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidthPx(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return widthPx;
}
