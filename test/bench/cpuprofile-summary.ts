// npx tsx test/bench/cpuprofile-summary.ts <file.cpuprofile> [--top=25] [--match=<text>]
// A V8 CPU profile (node --cpu-prof, or cpu-profile.ts) summarised: the functions with the most self time, the
// files with the most self time, and the functions with the most inclusive time (time with the function anywhere
// on the stack, counted once per sample however deep the recursion). Times in ms and as a share of the profile.
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: cpuprofile-summary.ts <file.cpuprofile> [--top=25] [--match=text]');
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const match = args.find((a) => a.startsWith('--match='))?.slice(8);
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const shortUrl = (u: string) => u.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'nm:').replace(/^.*\/(backend|test)\//, '$1/');
const fnKey = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
const fileKey = (n: Node) => (n.callFrame.url ? shortUrl(n.callFrame.url) : n.callFrame.functionName);

const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<string, number>();
const selfFile = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
  const leaf = byId.get(p.samples[i]!)!;
  total += dt;
  if (leaf.callFrame.functionName === '(idle)') idle += dt;
  self.set(fnKey(leaf), (self.get(fnKey(leaf)) ?? 0) + dt);
  selfFile.set(fileKey(leaf), (selfFile.get(fileKey(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
    const k = fnKey(byId.get(id)!);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
}

const busy = total - idle;
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  const rows = [...m].filter(([k]) => !match || k.includes(match)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, ms] of rows) console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / busy) * 100).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`${file}: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle, ${busy.toFixed(0)} ms busy (shares are of busy time)`);
show('self time by function', self);
show('self time by file', selfFile);
show('inclusive time by function', inclusive);
