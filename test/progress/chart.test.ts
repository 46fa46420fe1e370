import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../../src/domain/local-date.js';
import {
  renderProgressPng, renderProgressSvg,
  type ChartDay, type DayState, type ProgressChartInput,
} from '../../src/progress/chart.js';

const STATES: readonly DayState[] = ['sober', 'middle', 'relapse', 'checked-in', 'none', 'future'];
const MOODS = [3, 4, 2, null, 5, 1, 3] as const;

function days(count: number, start = '2025-02-10', states: readonly DayState[] = STATES): ChartDay[] {
  return Array.from({ length: count }, (_, i) => ({
    date: addDays(start as LocalDate, i),
    state: states[i % states.length] ?? 'none',
    mood: MOODS[i % MOODS.length] ?? null,
  }));
}

function recovery(over: Partial<ProgressChartInput> = {}): ProgressChartInput {
  return {
    days: days(28),
    counters: { sobrietyDays: 16, longest: 41, total: 120, streak: 9, rate30: 0.83, checkedIn30: 25, days30: 30 },
    nextMilestone: '30 days',
    ...over,
  };
}

function partner(over: Partial<ProgressChartInput> = {}): ProgressChartInput {
  return recovery({
    counters: { sobrietyDays: null, longest: null, total: null, streak: 4, rate30: 0.7, checkedIn30: 21, days30: 30 },
    nextMilestone: '7-day streak',
    ...over,
  });
}

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function cells(svg: string): Array<{ date: string; key: string; fill: string }> {
  const re = /<g class="day" data-date="([^"]+)" data-state="([^"]+)"><rect [^>]*fill="([^"]+)"/g;
  return [...svg.matchAll(re)].map((m) => ({ date: m[1] ?? '', key: m[2] ?? '', fill: m[3] ?? '' }));
}

/** The words a person could read in the picture: text node content only. */
function visibleText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
}

describe('renderProgressPng', () => {
  it('produces a PNG of about 800×480', () => {
    const size = pngSize(renderProgressPng(recovery()));
    expect(size.width).toBeGreaterThanOrEqual(700);
    expect(size.width).toBeLessThanOrEqual(1000);
    expect(size.height).toBeGreaterThanOrEqual(400);
    expect(size.height).toBeLessThanOrEqual(600);
  });

  it('still renders the shapes when no font can be loaded', () => {
    const png = renderProgressPng(partner(), { loadSystemFonts: false });
    expect(pngSize(png)).toEqual({ width: 800, height: 480 });
    expect(png.length).toBeGreaterThan(1000);
  });

  it('draws at most six weeks, keeping the newest days', () => {
    const input = recovery({ days: days(60) });
    const drawn = cells(renderProgressSvg(input));
    expect(drawn).toHaveLength(42);
    expect(drawn.at(-1)?.date).toBe(input.days.at(-1)?.date);
  });

  it('renders 7 to 42 days, any starting weekday, and no days at all', () => {
    for (const [count, start] of [[7, '2025-03-05'], [42, '2025-03-30'], [0, '2025-03-03']] as const) {
      const input = recovery({ days: days(count, start) });
      expect(cells(renderProgressSvg(input))).toHaveLength(count);
      expect(pngSize(renderProgressPng(input)).width).toBe(800);
    }
  });
});

describe('renderProgressSvg', () => {
  it('draws one calendar cell per day, oldest first', () => {
    const input = recovery();
    const drawn = cells(renderProgressSvg(input));
    expect(drawn.map((c) => c.date)).toEqual(input.days.map((d) => d.date));
  });

  it('gives each state its own fill, with no alarm red', () => {
    const drawn = cells(renderProgressSvg(recovery({ days: days(6) })));
    const fills = new Map(drawn.map((c, i) => [STATES[i], c.fill]));
    expect(new Set(fills.values()).size).toBe(STATES.length);
    for (const fill of fills.values()) expect(fill).not.toMatch(/^#(f00|ff0000|e53935|d32f2f)$/i);
  });

  it('marks every state with a glyph as well as a colour (except days ahead)', () => {
    const svg = renderProgressSvg(recovery({ days: days(6) }));
    const groups = svg.match(/<g class="day"[^]*?<\/g>/g) ?? [];
    expect(groups).toHaveLength(6);
    groups.forEach((g, i) => {
      const marks = (g.match(/<(path|circle)\b/g) ?? []).length;
      expect(marks > 0).toBe(STATES[i] !== 'future');
    });
  });

  it('escapes every text value it puts into the SVG', () => {
    const svg = renderProgressSvg(recovery({ nextMilestone: `<b>"30" & 'more'</b>` }));
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&#60;b&#62;&#34;30&#34; &#38; &#39;more&#39;');
    for (const nasty of ['</text><script>x</script>', 'a\u0000b\u001bc\uffff\ud800', ']]><!--']) {
      expect(pngSize(renderProgressPng(recovery({ nextMilestone: nasty }))).width).toBe(800);
    }
  });

  it('uses no sobriety wording when the person has no sobriety counters', () => {
    const svg = renderProgressSvg(partner());
    expect(svg).not.toMatch(/sober|sobriety|relapse|tough|new start/i);
    expect(visibleText(svg)).toMatch(/check-in streak/);
    expect(visibleText(svg)).toMatch(/70%/);
    expect(new Set(cells(svg).map((c) => c.key))).toEqual(new Set(['checked-in', 'none', 'future']));
  });

  it('shows the counters and the next milestone for a person in recovery', () => {
    const text = visibleText(renderProgressSvg(recovery({ counters: { ...recovery().counters, total: 1234 } })));
    expect(text).toMatch(/16.*sober days/);
    expect(text).toContain('1,234');
    expect(text).toContain('83%');
    expect(text).toContain('Next milestone: 30 days');
    expect(visibleText(renderProgressSvg(recovery({ nextMilestone: null })))).not.toContain('milestone');
  });

  it('is discreet: a title, no addiction or sexual terms anywhere in the SVG', () => {
    const svg = renderProgressSvg(recovery());
    expect(visibleText(svg)).toContain('Your progress');
    expect(svg).not.toMatch(/relapse|addict|porn|sex|lust|acting out/i);
  });

  it('is pure: the same input gives the same SVG', () => {
    expect(renderProgressSvg(recovery())).toBe(renderProgressSvg(recovery()));
  });

  it('draws the mood line only where mood exists', () => {
    const flat = renderProgressSvg(recovery({ days: days(7).map((d) => ({ ...d, mood: null })) }));
    expect(flat).not.toContain('mood-line');
    expect(visibleText(flat)).toContain('No mood entries yet');
    const svg = renderProgressSvg(recovery({ days: days(7) }));
    expect(svg.match(/<path class="mood-line" d="([^"]+)"/)?.[1]?.match(/[ML]/g)).toHaveLength(6);
  });
});
