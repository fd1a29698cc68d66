/**
 * axe-core 4 run in the page under test. The engine is not a dependency of the app yet: AXE_CORE_PATH names its
 * axe.min.js (an unpacked `npm pack axe-core@4`), otherwise it is resolved from node_modules once `axe-core` is a
 * devDependency. Neither present fails the suite (an accessibility check that silently does not run is no check).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

let source: string | null = null;

function axeSource(): string {
  if (source) return source;
  const path =
    process.env.AXE_CORE_PATH ??
    (() => {
      try {
        return createRequire(import.meta.url).resolve('axe-core/axe.min.js');
      } catch {
        throw new Error('axe-core not found: add the devDependency axe-core@4, or set AXE_CORE_PATH to its axe.min.js');
      }
    })();
  source = readFileSync(path, 'utf8');
  return source;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; summary: string }[];
}

/**
 * The critical and serious violations on the page as it is now. Evaluated through the DevTools protocol, which
 * the app's Content-Security-Policy (scripts from its own origin only) does not apply to.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[]; html: string; failureSummary?: string }[];
    }[];
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target,
        html: n.html.slice(0, 200),
        summary: (n.failureSummary ?? '').slice(0, 300),
      })),
    }));
}
