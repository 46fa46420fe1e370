/*
 * A deterministic synthetic population: person i always has the same id, zone, prompt
 * time, role and join date, so the seeder, the check-in phase and the cron child process
 * agree without sharing an in-memory list (which would itself inflate the RSS figures).
 */
import type { Role } from '../src/domain/roles.js';
import type { SeedPerson } from '../test/helpers/seed-people.js';

/** ~40 real IANA zones, weighted towards where people live; includes half- and quarter-hour offsets and southern-hemisphere DST. */
export const ZONES = [
  'America/Los_Angeles', 'America/Denver', 'America/Phoenix', 'America/Chicago', 'America/New_York',
  'America/Toronto', 'America/Mexico_City', 'America/Bogota', 'America/Sao_Paulo', 'America/Argentina/Buenos_Aires',
  'America/St_Johns', 'America/Halifax', 'America/Anchorage', 'Pacific/Honolulu', 'Europe/London',
  'Europe/Dublin', 'Europe/Lisbon', 'Europe/Berlin', 'Europe/Paris', 'Europe/Madrid',
  'Europe/Rome', 'Europe/Warsaw', 'Europe/Riga', 'Europe/Kyiv', 'Europe/Istanbul',
  'Africa/Lagos', 'Africa/Nairobi', 'Africa/Johannesburg', 'Asia/Dubai', 'Asia/Tehran',
  'Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Singapore',
  'Asia/Manila', 'Asia/Tokyo', 'Australia/Adelaide', 'Australia/Sydney', 'Australia/Lord_Howe',
  'Pacific/Auckland', 'Pacific/Chatham', 'UTC',
] as const;

/** mulberry32 over a hashed index: a stable pseudo-random stream per person. */
function rand(i: number, salt: number): number {
  let a = (Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
  a = (a + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function hex(i: number, salt: number, digits: number): string {
  let s = '';
  for (let k = 0; s.length < digits; k += 1) s += Math.floor(rand(i, salt * 31 + k) * 0x1_0000_0000).toString(16).padStart(8, '0');
  return s.slice(0, digits);
}

export interface PersonSpec {
  index: number;
  /** UUID-shaped and random-ordered, like the real ids (randomUUID), but recomputable from the index. */
  id: string;
  account: string;
  zone: string;
  /** HH:MM, spread over the whole day in 5-minute steps, evenings weighted. */
  promptTime: string;
  role: Role;
  /** How long ago they joined (and, in recovery, their sobriety date). */
  joinedDaysAgo: number;
  quiet: boolean;
  paused: boolean;
}

export function personSpec(i: number, accountPlatform = 'bench'): PersonSpec {
  const zone = ZONES[Math.floor(rand(i, 1) * ZONES.length)]!;
  // Half the people pick an evening time (18:00-23:55), the rest anywhere in the day.
  const minute = rand(i, 2) < 0.5
    ? 18 * 60 + Math.floor(rand(i, 3) * 72) * 5
    : Math.floor(rand(i, 3) * 288) * 5;
  const r = rand(i, 4);
  const role: Role = r < 0.7 ? 'recovery' : r < 0.85 ? 'partner' : 'supporter';
  const h = hex(i, 5, 32);
  return {
    index: i,
    id: `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`,
    account: `${accountPlatform}:${i}`,
    zone,
    promptTime: `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
    role,
    joinedDaysAgo: Math.floor(rand(i, 6) * 400),
    quiet: rand(i, 7) < 0.2,
    paused: rand(i, 8) < 0.01,
  };
}

export function accountOf(i: number, accountPlatform = 'bench'): string {
  return `${accountPlatform}:${i}`;
}

/** People [from, from + count) as the seeder takes them, one at a time (memory stays flat). */
export function* benchPeople(count: number, from = 0, accountPlatform = 'bench'): Generator<SeedPerson> {
  for (let i = from; i < from + count; i += 1) {
    const p = personSpec(i, accountPlatform);
    yield {
      id: p.id, account: p.account, displayName: `Person ${i}`, role: p.role, timezone: p.zone, promptTime: p.promptTime,
      joinedDaysAgo: p.joinedDaysAgo, quiet: p.quiet, paused: p.paused,
    };
  }
}
