// `npm audit --omit=dev --audit-level=high` where the registry's advisory endpoint answers; where it does
// not (these machines' registry refuses it), says so plainly and checks nothing.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { encoding: 'utf8' });
const output = `${run.stdout}\n${run.stderr}`;
if (/audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|\b40[0-9] /.test(output) && !/vulnerabilit/i.test(run.stdout)) {
  console.log('audit: the registry offers no advisory endpoint here; npm audit could not check the production dependencies');
  process.exit(0);
}
process.stdout.write(run.stdout);
process.exit(run.status ?? 1);
