// Prints what each of the month's four people received: `npx tsx test/relationships/month-report.ts [--all]`.
// The table is the one in issue 15's note; --all adds every message, in full, as each person read it.
import { DateTime } from 'luxon';
import { indiscreetTermsIn, lockScreenOf } from '../scheduler/simulation.js';
import { countTable, liveMonth, ROLES } from './month.js';

const m = await liveMonth();
console.log(countTable(m.deliveries));
console.log('\nButtons pressed because the bot asked:', m.offeredPresses.map((p) => `${p.role}: ${p.label}`).join('; ') || 'none');
const loud = m.deliveries.filter((d) => indiscreetTermsIn(lockScreenOf(d.text)).length > 0);
console.log(`Messages whose first two lines are not discreet: ${loud.length}`);
for (const [date, text] of m.progress) console.log(`\n/progress on ${date}:\n${text}`);
if (process.argv.includes('--all')) {
  for (const role of ROLES) {
    console.log(`\n===== ${role} =====`);
    for (const d of m.deliveries.filter((x) => x.role === role)) {
      console.log(`\n--- ${DateTime.fromJSDate(d.at, { zone: 'UTC' }).toFormat('EEE dd LLL HH:mm')}Z [${d.topic}]`);
      console.log(d.text);
    }
  }
  console.log('\n===== answers =====');
  for (const a of m.answers) console.log(`\n--- ${a.at.toISOString()} ${a.role} ${a.command}\n${a.text}`);
}
await m.w.close();
