/**
 * The `/progress` picture: a calm PNG of counters, a calendar of recent days and a mood line.
 *
 * Pure: the SVG is built from the input alone and rendered in memory by resvg.
 * Discreet: no names, no free text, no addiction or sexual terms — it may be seen over a shoulder.
 * Setbacks are soft lavender/amber, never alarm red; every state also carries a glyph for
 * colour-blind readers. Glyphs are paths, so the grid still reads when no font is installed.
 */
import { Resvg } from '@resvg/resvg-js';
import { daysBetween, weekdayOf, type LocalDate } from '../domain/local-date.js';

export type DayState = 'sober' | 'middle' | 'relapse' | 'checked-in' | 'none' | 'future';
export interface ChartDay { date: LocalDate; state: DayState; mood: 1 | 2 | 3 | 4 | 5 | null }
export interface ProgressChartInput {
  days: readonly ChartDay[];
  counters: {
    sobrietyDays: number | null; longest: number | null; total: number | null;
    streak: number; rate30: number; checkedIn30: number; days30: number;
  };
  nextMilestone: string | null;
}
export interface RenderOptions { loadSystemFonts?: boolean }

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 480;
const MAX_DAYS = 42;

type Glyph = 'check' | 'dot' | 'wave' | 'renew' | 'dash' | 'none';
interface Style { key: string; label: string; fill: string; ink: string; glyph: Glyph }

/** Public keys, not state names: the SVG source stays as discreet as the picture. */
const STYLES: Record<DayState, Style> = {
  sober: { key: 'sober', label: 'Sober day', fill: '#9fd3b4', ink: '#2f6b4f', glyph: 'check' },
  middle: { key: 'tough', label: 'Tough day', fill: '#f6dc9b', ink: '#85621a', glyph: 'wave' },
  relapse: { key: 'new-start', label: 'New start', fill: '#d3c3ec', ink: '#5b3f87', glyph: 'renew' },
  'checked-in': { key: 'checked-in', label: 'Checked in', fill: '#a9cbeb', ink: '#2e5e8c', glyph: 'dot' },
  none: { key: 'none', label: 'No check-in', fill: '#e8e5e0', ink: '#9a958d', glyph: 'dash' },
  future: { key: 'future', label: 'Ahead', fill: '#ffffff', ink: '#d9d4cc', glyph: 'none' },
};
const LEGEND_ORDER: readonly DayState[] = ['sober', 'middle', 'relapse', 'checked-in', 'none'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const INK = '#3d3a36';
const SOFT = '#7a746c';
const FONT = "font-family=\"'DejaVu Sans', Verdana, Arial, sans-serif\"";

function xmlChar(c: string): boolean {
  const n = c.codePointAt(0) ?? 0;
  return n === 9 || n === 10 || n === 13 || (n >= 32 && !(n >= 0xd800 && n <= 0xdfff) && n !== 0xfffe && n !== 0xffff);
}

/** Escapes markup and drops characters XML cannot carry at all, so no value can break the SVG. */
export function escapeXml(text: string): string {
  return [...text].filter(xmlChar).join('').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

function whole(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '–';
  return String(Math.max(0, Math.round(n))).replace(/\B(?=(\d{3})+$)/g, ',');
}

function clip(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

function dayAndMonth(date: LocalDate): { day: number; month: string } {
  const [, m = '1', d = '1'] = date.split('-');
  return { day: Number(d), month: MONTHS[Number(m) - 1] ?? '' };
}

function shortDate(date: LocalDate): string {
  const { day, month } = dayAndMonth(date);
  return `${day} ${month}`;
}

/** People without sobriety counters (partners, supporters) only ever see check-in states. */
function hasSobriety(input: ProgressChartInput): boolean {
  const c = input.counters;
  return c.sobrietyDays !== null || c.longest !== null || c.total !== null;
}

function visibleState(state: DayState, sobriety: boolean): DayState {
  if (sobriety) return state;
  return state === 'sober' || state === 'middle' || state === 'relapse' ? 'checked-in' : state;
}

// ── header ──────────────────────────────────────────────────────────────────

interface Tile { value: string; label: string; note?: string }

function tiles(input: ProgressChartInput, sobriety: boolean): Tile[] {
  const c = input.counters;
  const rate = Number.isFinite(c.rate30) ? Math.round(Math.min(1, Math.max(0, c.rate30)) * 100) : 0;
  const rateTile = { value: `${rate}%`, label: 'last 30 days', note: `${whole(c.checkedIn30)} of ${whole(c.days30)} checked in` };
  const streak = { value: whole(c.streak), label: 'day check-in streak' };
  if (!sobriety) return [streak, rateTile];
  return [
    { value: whole(c.sobrietyDays), label: c.sobrietyDays === 1 ? 'sober day' : 'sober days' },
    { value: whole(c.longest), label: 'longest run' },
    { value: whole(c.total), label: 'total sober days' },
    streak,
    rateTile,
  ];
}

function header(input: ProgressChartInput, sobriety: boolean): string {
  const first = input.days[0];
  const last = input.days[input.days.length - 1];
  const range = first && last ? `${shortDate(first.date)} – ${shortDate(last.date)}` : '';
  const parts = [
    text(32, 46, 'Your progress', `font-size="24" font-weight="bold" fill="${INK}"`),
    text(32, 68, range, `font-size="13" fill="${SOFT}"`),
  ];
  if (input.nextMilestone !== null) {
    const label = `Next milestone: ${clip(input.nextMilestone, 32)}`;
    const w = Math.round(label.length * 7.6 + 48);
    const x = CHART_WIDTH - 32 - w;
    parts.push(`<rect x="${x}" y="26" width="${w}" height="30" rx="15" fill="#fbf1dc"/>`,
      star(x + 20, 41, 7, '#d9a441'),
      text(x + 36, 46, label, `font-size="13" fill="${INK}"`));
  }
  const list = tiles(input, sobriety);
  const gap = 12;
  const w = (CHART_WIDTH - 64 - gap * (list.length - 1)) / list.length;
  list.forEach((t, i) => parts.push(tile(32 + i * (w + gap), 84, w, t)));
  return parts.join('\n');
}

function tile(x: number, y: number, w: number, t: Tile): string {
  const cx = Math.round(x + w / 2);
  return [
    `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="72" rx="12" fill="#ffffff" stroke="#ebe6df"/>`,
    text(cx, y + 32, t.value, `font-size="26" font-weight="bold" text-anchor="middle" fill="${INK}"`),
    text(cx, y + (t.note ? 50 : 56), t.label, `font-size="12" text-anchor="middle" fill="${SOFT}"`),
    t.note ? text(cx, y + 64, t.note, `font-size="11" text-anchor="middle" fill="${SOFT}"`) : '',
  ].join('');
}

function star(cx: number, cy: number, r: number, fill: string): string {
  const pts = Array.from({ length: 10 }, (_, i) => {
    const a = (Math.PI / 5) * i - Math.PI / 2;
    const rr = i % 2 === 0 ? r : r * 0.45;
    return `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)}`;
  });
  return `<polygon points="${pts.join(' ')}" fill="${fill}"/>`;
}

// ── calendar ────────────────────────────────────────────────────────────────

function glyph(kind: Glyph, cx: number, cy: number, r: number, ink: string): string {
  const line = `fill="none" stroke="${ink}" stroke-width="${(r / 3.2).toFixed(1)}" stroke-linecap="round" stroke-linejoin="round"`;
  const p = (n: number) => n.toFixed(1);
  switch (kind) {
    case 'check': return `<path d="M${p(cx - r)} ${p(cy)} L${p(cx - r / 3)} ${p(cy + r * 0.7)} L${p(cx + r)} ${p(cy - r * 0.7)}" ${line}/>`;
    case 'dot': return `<circle cx="${p(cx)}" cy="${p(cy)}" r="${p(r * 0.55)}" fill="${ink}"/>`;
    case 'wave': return `<path d="M${p(cx - r)} ${p(cy)} q${p(r / 2)} ${p(-r * 0.8)} ${p(r)} 0 t${p(r)} 0" ${line}/>`;
    case 'renew': return `<path d="M${p(cx + r * 0.8)} ${p(cy - r * 0.6)} A${p(r)} ${p(r)} 0 1 0 ${p(cx + r)} ${p(cy + r * 0.2)}" ${line}/>`
      + `<path d="M${p(cx + r * 0.15)} ${p(cy - r * 0.75)} L${p(cx + r * 0.85)} ${p(cy - r * 0.65)} L${p(cx + r * 0.95)} ${p(cy - r * 1.35)}" ${line}/>`;
    case 'dash': return `<path d="M${p(cx - r * 0.6)} ${p(cy)} h${p(r * 1.2)}" ${line}/>`;
    case 'none': return '';
  }
}

interface Grid { x: number; y: number; step: number; cell: number }

/** Position of each day in a Monday-first grid; days out of order are left out. */
function slots(days: readonly ChartDay[]): Array<{ day: ChartDay; index: number }> {
  const first = days[0];
  if (!first) return [];
  const lead = weekdayOf(first.date) - 1;
  return days.map((day) => ({ day, index: lead + daysBetween(first.date, day.date) })).filter((s) => s.index >= lead);
}

function gridOf(rows: number): Grid {
  const step = Math.min(48, Math.floor(270 / Math.max(1, rows)));
  return { x: 32, y: 196, step, cell: step - 6 };
}

function cell(day: ChartDay, index: number, g: Grid, sobriety: boolean): string {
  const s = STYLES[visibleState(day.state, sobriety)];
  const x = g.x + (index % 7) * g.step;
  const y = g.y + Math.floor(index / 7) * g.step;
  const future = s.key === 'future';
  const border = future ? 'stroke="#d9d4cc" stroke-dasharray="3 3"' : 'stroke="#ffffff"';
  const { day: n, month } = dayAndMonth(day.date);
  const label = n === 1 && g.cell >= 38 ? `${month} 1` : String(n);
  return `<g class="day" data-date="${escapeXml(day.date)}" data-state="${s.key}">`
    + `<rect x="${x}" y="${y}" width="${g.cell}" height="${g.cell}" rx="7" fill="${s.fill}" ${border}/>`
    + text(x + 5, y + 13, label, `font-size="10" fill="${future ? '#b5afa6' : INK}" fill-opacity="0.75"`)
    + glyph(s.glyph, x + g.cell * 0.6, y + g.cell * 0.63, g.cell * 0.2, s.ink)
    + '</g>';
}

function calendar(days: readonly ChartDay[], sobriety: boolean): string {
  const placed = slots(days);
  const g = gridOf(Math.ceil((Math.max(0, ...placed.map((s) => s.index)) + 1) / 7));
  const weekdayLabels = WEEKDAYS.map((w, i) =>
    text(g.x + i * g.step + g.cell / 2, g.y - 10, w, `font-size="11" text-anchor="middle" fill="${SOFT}"`));
  return [...weekdayLabels, ...placed.map((s) => cell(s.day, s.index, g, sobriety))].join('\n');
}

// ── legend and mood ─────────────────────────────────────────────────────────

function legendStates(days: readonly ChartDay[], sobriety: boolean): DayState[] {
  const present = new Set(days.map((d) => visibleState(d.state, sobriety)));
  return LEGEND_ORDER.filter((s) => present.has(s));
}

function legend(shown: readonly DayState[]): string {
  return shown.map((state, i) => {
    const s = STYLES[state];
    const x = 400 + (i % 3) * 124;
    const y = 184 + Math.floor(i / 3) * 30;
    return `<rect x="${x}" y="${y}" width="22" height="22" rx="5" fill="${s.fill}"/>`
      + glyph(s.glyph, x + 11, y + 11, 5, s.ink)
      + text(x + 30, y + 16, s.label, `font-size="12" fill="${INK}"`);
  }).join('\n');
}

function mood(days: readonly ChartDay[], top: number): string {
  const box = { x: 400, y: top, w: 368, h: CHART_HEIGHT - 24 - top };
  const plot = { x: box.x + 44, y: box.y + 38, w: box.w - 64, h: box.h - 68 };
  const px = (i: number) => plot.x + (days.length > 1 ? (i / (days.length - 1)) * plot.w : plot.w / 2);
  const py = (m: number) => plot.y + ((5 - m) / 4) * plot.h;
  const parts = [
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="12" fill="#ffffff" stroke="#ebe6df"/>`,
    text(box.x + 16, box.y + 24, 'Mood', `font-size="13" font-weight="bold" fill="${INK}"`),
  ];
  for (const m of [1, 3, 5]) {
    parts.push(`<path d="M${plot.x} ${py(m)} h${plot.w}" stroke="#efebe5" stroke-width="1"/>`);
  }
  parts.push(text(plot.x - 8, py(5) + 4, 'good', `font-size="10" text-anchor="end" fill="${SOFT}"`),
    text(plot.x - 8, py(1) + 4, 'low', `font-size="10" text-anchor="end" fill="${SOFT}"`));
  const first = days[0];
  const last = days[days.length - 1];
  if (first && last) {
    parts.push(text(plot.x, plot.y + plot.h + 18, shortDate(first.date), `font-size="10" fill="${SOFT}"`),
      text(plot.x + plot.w, plot.y + plot.h + 18, shortDate(last.date), `font-size="10" text-anchor="end" fill="${SOFT}"`));
  }
  const points = days.flatMap((d, i) => (d.mood === null ? [] : [{ i, x: px(i), y: py(d.mood) }]));
  if (points.length === 0) {
    parts.push(text(box.x + box.w / 2, plot.y + plot.h / 2 + 4, 'No mood entries yet', `font-size="12" text-anchor="middle" fill="${SOFT}"`));
  }
  const path = points.map((p, k) => `${k > 0 && points[k - 1]?.i === p.i - 1 ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`);
  if (path.length > 0) parts.push(`<path class="mood-line" d="${path.join(' ')}" fill="none" stroke="#7b8fd6" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`);
  for (const p of points) parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="3.5" fill="#ffffff" stroke="#5c70c0" stroke-width="2"/>`);
  return parts.join('\n');
}

// ── public API ──────────────────────────────────────────────────────────────

/** Up to six weeks are drawn; older days are left out. */
export function renderProgressSvg(full: ProgressChartInput): string {
  const input = { ...full, days: full.days.slice(-MAX_DAYS) };
  const sobriety = hasSobriety(input);
  const shown = legendStates(input.days, sobriety);
  const moodTop = 184 + Math.ceil(shown.length / 3) * 30 + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#faf7f2"/>`,
    `<g ${FONT}>`,
    header(input, sobriety),
    calendar(input.days, sobriety),
    legend(shown),
    mood(input.days, moodTop),
    '</g></svg>',
  ].join('\n');
}

export function renderProgressPng(input: ProgressChartInput, options: RenderOptions = {}): Uint8Array {
  const resvg = new Resvg(renderProgressSvg(input), {
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: options.loadSystemFonts ?? true, defaultFontFamily: 'DejaVu Sans' },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}
