/**
 * The core's public surface: everything an adapter (or the composition root) may use.
 * Adapters import from here only, so what they can reach of the core is this list.
 */
export { createCore, type Core } from './core.js';
export { COMMANDS } from './commands/catalog.js';
export { optionKind, type CommandSpec, type OptionKind, type OptionSpec, type OptionSpecs, type Action, type Where } from './commands/spec.js';
export { SettableClock, systemClock, type Clock } from './clock.js';
export { ConfigError, loadConfig, loadDotEnv, type Config, type StorageTarget } from './config.js';
export { createLog, silentLog, type Log } from './log.js';
export { platformId, parsePlatformId, platformOf, type PlatformId } from './domain/platform-id.js';
export type { AccountId } from './domain/person.js';
export type { Answer, AnswerPlan, FormView } from './ports/answer.js';
export type { ChatRef, InboundEvent, InboundMessage, PlatformNotice, PressedMessage } from './ports/inbound.js';
export type { Destination, MessageKind, OutboundMessage, PlatformPort, RateLimits, SendResult } from './ports/platform.js';
export { reply, type Attachment, type Button, type Reply } from './ports/reply.js';
export { CommandRateLimit } from './services/command-pace.js';
export { healthReport, startHealthServer, type HealthReport, type PlatformProbe } from './services/health.js';
export { openDatabase, type Db } from './store/database.js';
export { startLeadership, type Leadership } from './store/leadership.js';
export { rekeyAll } from './store/rekey.js';
export { readClockAhead, saveClockAhead } from './store/simulated-clock.js';
export { createTextSeal, type TextSeal } from './store/sealed-text.js';
