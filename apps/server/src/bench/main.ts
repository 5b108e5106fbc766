/**
 * `pnpm bench`: on PGlite, and on PostgreSQL too when SAMRAD_TEST_DATABASE_URL names a server,
 * the access bench (access.ts: decisions per second, then `projects.list` through the caller over
 * the generated city), then on the same city the HTTP bench (http.ts: the server under
 * autocannon, against a bare route and a trivial tRPC query measured in the same run, and where a
 * tRPC call's fixed cost goes). One city per engine serves both. Then, on PostgreSQL, the
 * participation bench (participation.ts: many residents posting, reacting and voting at once).
 * SAMRAD_BENCH_ONLY=http, =access or =participation runs one of them (the HTTP bench then
 * generates its own city).
 */
import { runAccessBench } from './access.js';
import { benchHttpOn, reportHttp, runHttpBench, type Run } from './http.js';
import { runParticipationBench } from './participation.js';

const only = process.env.SAMRAD_BENCH_ONLY;
if (only === 'http') {
  await runHttpBench();
} else if (only === 'access') {
  await runAccessBench();
} else if (only === 'participation') {
  if (!(await runParticipationBench())) process.exitCode = 1;
} else {
  const runs: Run[] = [];
  await runAccessBench({
    afterListing: async (engine, database, result) => {
      if (database.dataDir?.includes('://')) {
        console.log(
          `\nHTTP bench on ${engine}: skipped (the server cannot open ${database.dataDir})`,
        );
        return;
      }
      const city = { platformId: result.city.platform.id, size: result.size };
      runs.push(await benchHttpOn(engine, database, city));
    },
  });
  await reportHttp(runs);
  if (!(await runParticipationBench())) process.exitCode = 1;
}
