/** A person's own role here; relationships (sponsor, partner, coach) are per link, not per person. */
export const ROLES = ['recovery', 'partner', 'supporter'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  recovery: 'in recovery',
  partner: 'a partner healing from betrayal',
  supporter: 'a supporter (sponsor, accountability partner or coach)',
};
