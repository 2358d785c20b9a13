import type { Page } from 'playwright-core';

/** What one phase of scrolling saw, measured inside the page. */
export interface ScrollPhase {
  /** requestAnimationFrame intervals, ms (the first, from the phase's start, left out). */
  frameMs: number[];
  /** Most `alert-history-row` elements in the DOM at once. */
  maxRowsInDom: number;
  /** Frames spent waiting for a page of alerts: scrolling down, at the end of those loaded. */
  stalledFrames: number;
  /** Rows loaded and total, from the status line, when the phase ended. */
  loadedRows: number;
  totalRows: number;
  scrolledPx: number;
  /** Main-thread tasks over 50 ms, and their summed duration (ms). */
  longTaskCount: number;
  longTaskMs: number;
  elapsedMs: number;
  /** performance.memory.usedJSHeapSize at the start and end (null where Chromium lacks it). */
  heapStartBytes: number | null;
  heapEndBytes: number | null;
}

/**
 * The loop the page runs: one step per animation frame, scrolling `pxPerFrame` down the history
 * list (up again from the bottom once everything is loaded), or with `pxPerFrame` 0 jumping to the
 * bottom every frame until every row is loaded. Written as a string: bench has no DOM types.
 */
const PROBE = `async ({ pxPerFrame, durationMs, startAtBottom }) => {
  const box = document.querySelector('[data-testid="alert-history-scroll"]');
  const counts = () => {
    const match = /^([\\d,]+) of ([\\d,]+)/.exec(document.querySelector('.alert-history-status')?.textContent ?? '');
    const num = (text) => Number((text ?? '0').replaceAll(',', ''));
    return { loaded: num(match?.[1]), total: num(match?.[2]) };
  };
  const heap = () => (performance.memory ? performance.memory.usedJSHeapSize : null);
  if (startAtBottom) box.scrollTop = box.scrollHeight;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const heapStartBytes = heap();
  // Main-thread tasks over 50 ms (Chromium's Long Tasks API): what a user feels as a hitch.
  const longTasks = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ type: 'longtask' });
  const frameMs = [];
  let maxRowsInDom = 0, stalledFrames = 0, scrolledPx = 0, direction = startAtBottom ? -1 : 1;
  const started = performance.now();
  let last = started;
  await new Promise((resolve) => {
    const step = (now) => {
      if (now !== started) frameMs.push(now - last);
      last = now;
      maxRowsInDom = Math.max(maxRowsInDom, box.querySelectorAll('[data-testid="alert-history-row"]').length);
      const { loaded, total } = counts();
      const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
      if (pxPerFrame === 0) {
        if (loaded >= total || now - started >= durationMs) return resolve();
        box.scrollTop = box.scrollHeight;
        return requestAnimationFrame(step);
      }
      if (now - started >= durationMs) return resolve();
      if (atBottom && direction > 0) {
        if (loaded >= total) direction = -1;
        else stalledFrames += 1;
      } else if (box.scrollTop <= 0 && direction < 0) direction = 1;
      const before = box.scrollTop;
      box.scrollBy(0, direction * pxPerFrame);
      scrolledPx += Math.abs(box.scrollTop - before);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  observer.takeRecords().forEach((e) => longTasks.push(e.duration));
  observer.disconnect();
  const { loaded, total } = counts();
  return { longTaskCount: longTasks.length, longTaskMs: longTasks.reduce((a, b) => a + b, 0), frameMs, maxRowsInDom, stalledFrames, loadedRows: loaded, totalRows: total, scrolledPx,
    elapsedMs: performance.now() - started, heapStartBytes, heapEndBytes: heap() };
}`;

export interface ProbeOptions {
  /** 0: jump to the bottom every frame until all rows are loaded (or `durationMs` passes). */
  pxPerFrame: number;
  durationMs: number;
  startAtBottom: boolean;
}

export function runScrollPhase(page: Page, options: ProbeOptions): Promise<ScrollPhase> {
  return page.evaluate<ScrollPhase>(`(${PROBE})(${JSON.stringify(options)})`);
}
