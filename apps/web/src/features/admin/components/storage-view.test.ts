import type { StorageStatus } from '@gpu-sentinel/protocol';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StorageView } from './storage-view';

const NOW = new Date(2026, 10, 26, 12, 0).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const status: StorageStatus = {
  engine: 'postgres',
  location: 'postgres://sentinel:hunter2@db.lab:5432/gpus',
  sizeBytes: 12_345_678,
  tiers: [
    {
      tier: 'raw',
      rows: 1_234_567,
      oldest: NOW - 2 * DAY,
      newest: NOW - 1_000,
      sizeBytes: 9_000_000,
      retentionMs: 48 * HOUR,
    },
    { tier: '1m', rows: 0, oldest: null, newest: null, sizeBytes: null, retentionMs: 30 * DAY },
    { tier: '10m', rows: 10, oldest: NOW - 3 * DAY, newest: NOW, sizeBytes: 1_000, retentionMs: 90 * DAY },
    { tier: '1h', rows: 1, oldest: NOW - HOUR, newest: NOW, sizeBytes: 1_000, retentionMs: 400 * DAY },
  ],
  retention: { rawHours: 48, minuteDays: 30, tenMinuteDays: 90, hourDays: 400 },
  lastRetention: {
    at: NOW - 5 * 60_000,
    durationMs: 850,
    deletedRows: { raw: 4_000, '1m': 0, '10m': 0, '1h': 0 },
    droppedPartitions: 2,
    error: 'disk full',
  },
  writer: {
    written: 98_765,
    dropped: 3,
    failedBatches: 1,
    duplicates: 0,
    queued: 12,
    lastError: 'connection reset',
    isRecording: true,
  },
};

function render(data: StorageStatus): string {
  const client = new QueryClient();
  return renderToStaticMarkup(
    createElement(QueryClientProvider, { client }, createElement(StorageView, { status: data, now: NOW })),
  );
}

/** What a reader sees: the markup's text with the tags as spaces. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the storage panel', () => {
  it('shows the engine, a location without its password, and the total size', () => {
    const shown = text(render(status));
    expect(shown).toContain('PostgreSQL postgres');
    expect(shown).toContain('postgres://sentinel@db.lab:5432/gpus');
    expect(shown).not.toContain('hunter2');
    expect(shown).toContain('12.3 MB');
  });

  it('lists every tier with its rows, span, size and how long it is kept', () => {
    const shown = text(render(status));
    expect(shown).toContain('raw samples 1,234,567 2026-11-24 12:00 2 days ago 2026-11-26 11:59 just now 9.0 MB 48 h');
    expect(shown).toContain('1-minute 0 — — — 30 days');
    expect(shown).toContain('1-hour 1');
    expect(shown).toContain('400 days');
  });

  it('shows the last retention run with what it deleted, its dropped partitions and its error', () => {
    const shown = text(render(status));
    expect(shown).toContain('5 min ago');
    expect(shown).toContain('took 850 ms');
    expect(shown).toContain('Rows deleted raw samples 4,000');
    expect(shown).toContain('day partitions dropped 2');
    expect(shown).toContain('Retention failed: disk full');
  });

  it('explains dropped rows and shows the writer error and recording state', () => {
    const shown = text(render(status));
    expect(shown).toContain('Rows written 98,765');
    expect(shown).toContain('Dropped 3 rows that could not be written');
    expect(shown).toContain('Last error: connection reset');
    expect(shown).toContain('Sample writer recording');
  });

  it('says so when nothing was dropped and retention has not run yet', () => {
    const calm = {
      ...status,
      lastRetention: null,
      writer: { ...status.writer, dropped: 0, lastError: null, isRecording: false },
    };
    const shown = text(render(calm));
    expect(shown).not.toContain('could not be written');
    expect(shown).toContain('No retention run since the server started.');
    expect(shown).toContain('not recording');
  });

  it('fills the retention form with the current settings and their units', () => {
    const html = render(status);
    expect(html).toContain('value="48"');
    expect(html).toContain('value="400"');
    expect(text(html)).toContain('Raw samples hours');
  });
});
