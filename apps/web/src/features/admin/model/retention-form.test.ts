import { DEFAULT_RETENTION } from '@gpu-sentinel/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { changedRetention, draftOf, saveErrorPlacement, validateRetention } from './retention-form';

describe('the retention form', () => {
  it('accepts whole numbers within the schema bounds', () => {
    expect(validateRetention({ ...draftOf(DEFAULT_RETENTION), rawHours: ' 24 ' })).toEqual({
      ok: true,
      settings: { ...DEFAULT_RETENTION, rawHours: 24 },
    });
  });

  it('names each field that is empty, fractional or out of bounds', () => {
    const result = validateRetention({ rawHours: '0', minuteDays: '', tenMinuteDays: '1.5', hourDays: '36501' });
    expect(result).toEqual({
      ok: false,
      errors: {
        rawHours: 'Raw samples: between 1 and 8760 hours',
        minuteDays: '1-minute rollups: enter a number of days',
        tenMinuteDays: '10-minute rollups: a whole number of days',
        hourDays: '1-hour rollups: between 1 and 36500 days',
      },
    });
  });

  it('sends only what changed', () => {
    expect(changedRetention(DEFAULT_RETENTION, { ...DEFAULT_RETENTION, hourDays: 700 })).toEqual({ hourDays: 700 });
  });

  it('puts a refusal next to the field the server named', () => {
    const named = new ApiError('validation_failed', 'retention.rawHours: Too big', 400, 'retention.rawHours');
    expect(saveErrorPlacement(named)).toEqual({ field: 'rawHours', message: 'retention.rawHours: Too big' });
    const unnamed = new ApiError('forbidden', 'Not allowed', 403);
    expect(saveErrorPlacement(unnamed)).toEqual({ field: null, message: 'Not allowed' });
  });
});
