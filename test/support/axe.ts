// axe-core in a page or frame of the browser suites: the serious and critical violations, each as one line naming
// where it was found, so a suite asserts the list is empty and a failure says what and where.
import type { Frame, Page } from 'playwright-core';

export async function seriousViolations(frame: Page | Frame, name: string): Promise<string[]> {
  await frame.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
  // Fluent's focus manager (tabster) places aria-hidden <i tabindex=0> sentinels that hand focus on at once;
  // axe cannot know that and flags them as focusable-yet-hidden. Everything else is checked.
  const result = await frame.evaluate(async () => (window as any).axe.run({ include: [document], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] }));
  const serious = (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return serious.map((v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
