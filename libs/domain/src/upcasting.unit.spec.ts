import { z } from 'zod';
import { createEventParser, EventParseError, type Upcaster } from './upcasting';

// The mechanism, on a made-up event whose shape changed twice:
// v0 { nps }  →  v1 { score }  →  v2 { score, channel }.
interface SurveyData {
  score: number;
  channel: string;
}

const v0ToV1: Upcaster = (data) => {
  const { nps, ...rest } = data as { nps: unknown };
  return { ...rest, score: nps };
};
const v1ToV2: Upcaster = (data) => ({ channel: 'email', ...(data as object) });

const parse = createEventParser<{ SurveyAnswered: SurveyData }>({
  schemas: { SurveyAnswered: z.object({ score: z.int().min(0).max(10), channel: z.string() }) },
  versions: { SurveyAnswered: 2 },
  upcasters: { SurveyAnswered: { 0: v0ToV1, 1: v1ToV2 } },
});

describe('upcasting', () => {
  it('passes the current version through unchanged', () => {
    expect(parse('SurveyAnswered', { score: 3, channel: 'sms' }, 2)).toEqual({ type: 'SurveyAnswered', data: { score: 3, channel: 'sms' } });
  });

  it('upcasts one version', () => {
    expect(parse('SurveyAnswered', { score: 3 }, 1)).toEqual({ type: 'SurveyAnswered', data: { score: 3, channel: 'email' } });
  });

  it('chains upcasters from the oldest version', () => {
    expect(parse('SurveyAnswered', { nps: 9 }, 0)).toEqual({ type: 'SurveyAnswered', data: { score: 9, channel: 'email' } });
  });

  it('validates after upcasting', () => {
    expect(() => parse('SurveyAnswered', { nps: 12 }, 0)).toThrow(EventParseError);
  });

  it('does not upcast stored data in place', () => {
    const stored = { nps: 9 };
    parse('SurveyAnswered', stored, 0);
    expect(stored).toEqual({ nps: 9 });
  });

  it('refuses a gap in the chain', () => {
    const gappy = createEventParser<{ SurveyAnswered: SurveyData }>({
      schemas: { SurveyAnswered: z.object({ score: z.int(), channel: z.string() }) },
      versions: { SurveyAnswered: 2 },
      upcasters: { SurveyAnswered: { 1: v1ToV2 } },
    });
    expect(() => gappy('SurveyAnswered', { nps: 1 }, 0)).toThrow(/no upcaster from version 0/);
  });
});
