/**
 * The SAA three circles a person defines for themselves: inner (acts that are a relapse),
 * middle (slippery, a risk signal), outer (healthy actions).
 */
export const CIRCLES = ['inner', 'middle', 'outer'] as const;
export type Circle = (typeof CIRCLES)[number];

export const CIRCLE_LABEL: Record<Circle, string> = {
  inner: 'Inner circle (a relapse for me)',
  middle: 'Middle circle (slippery, warning signs)',
  outer: 'Outer circle (healthy things that help me)',
};
