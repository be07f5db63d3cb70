// A CPU profile of a stretch of this process (the server under load), written as <dir>/<name>.cpuprofile when
// SUHDE_BENCH_PROFILE=<dir> is set; otherwise nothing is started. Read one with cpuprofile-summary.ts.
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function startProfile(name: string): Promise<{ stop(log: (s: string) => void): Promise<void> }> {
  const dir = process.env.SUHDE_BENCH_PROFILE;
  if (!dir) return { stop: async () => {} };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return {
    async stop(log) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      log(`profile: ${file}`);
    },
  };
}
