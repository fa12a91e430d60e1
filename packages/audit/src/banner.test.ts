import type { RuleId } from '@cookie-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { type BannerControl, type BannerObservation, checkBanner } from './banner.js';

/*
 * The supervisor's reading of a measured consent question, table-driven: what each measurement
 * must give, at the bounds (80 % of the area, 4.5:1 contrast).
 */

const button = (change: Partial<BannerControl> = {}): BannerControl => ({
  kind: 'button',
  text: 'Accept',
  visible: true,
  width: 100,
  height: 40,
  contrast: 12,
  ...change,
});

const observed = (change: Partial<BannerObservation>): BannerObservation => ({
  accept: button(),
  reject: button({ text: 'Reject' }),
  preselected: [],
  acceptSelector: '#accept',
  rejectSelector: '#reject',
  ...change,
});

function findings(banner: BannerObservation): string[] {
  const found: string[] = [];
  checkBanner(banner, 'https://shop.example/', (rule: RuleId, _url, message) =>
    found.push(`${rule}: ${message}`),
  );
  return found;
}

describe('checkBanner', () => {
  const cases: { given: string; banner: BannerObservation; want: string[] }[] = [
    { given: 'equal buttons', banner: observed({}), want: [] },
    {
      given: 'reject at exactly 80 % of the area, contrast exactly 4.5:1',
      banner: observed({ reject: button({ width: 80, contrast: 4.5 }) }),
      want: [],
    },
    {
      given: 'reject just under 80 %',
      banner: observed({ reject: button({ width: 79.9 }) }),
      want: [
        "audit/banner-reject-prominence: rejecting is less prominent than accepting: reject is 79.9×40 px, 79 % of accept's 100×40 px (at least 80 %)",
      ],
    },
    {
      given: 'reject a link, accept a button; accept itself low in contrast',
      banner: observed({
        reject: button({ kind: 'a' }),
        accept: button({ contrast: 3.2 }),
      }),
      want: [
        "audit/banner-reject-prominence: rejecting is less prominent than accepting: reject is <a>, accept <button> (not the same kind of element); accept's text contrast is 3.2:1 (at least 4.5:1)",
      ],
    },
    {
      given: 'no reject control',
      banner: observed({ reject: undefined }),
      want: [
        'audit/banner-reject-missing: the first page has no reject control (#reject), but has an accept control (#accept)',
      ],
    },
    {
      given: 'a hidden reject control',
      banner: observed({ reject: button({ visible: false }) }),
      want: [
        'audit/banner-reject-missing: the reject control (#reject) is on the first page but not visible, while the accept control is',
      ],
    },
    {
      given: 'optional categories ticked',
      banner: observed({ preselected: ['Statistics', 'Marketing'] }),
      want: [
        'audit/banner-preselected: the consent question has optional choices already ticked: "Statistics", "Marketing"',
      ],
    },
  ];
  for (const { given, banner, want } of cases)
    it(given, () => {
      expect(findings(banner)).toEqual(want);
    });
});
