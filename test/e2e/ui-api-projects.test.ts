import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccm, tempCopy } from '../helpers/cli.js';
import { UiProcess } from '../helpers/ui-server.js';
import type { EffectiveSet } from '../../src/ui/api-types.js';

/*
 * A project's effective set over real HTTP, on the bundled example: what the projects page shows
 * (profiles in order, components with the file that selected them, variables with theirs, the model
 * profile, and the MCP servers of each Auto-Claude agent as the .env will say).
 */

let ui: UiProcess;
let base: string;
beforeAll(async () => {
  base = tempCopy('examples');
  ui = await UiProcess.start(join(base, 'team-config'));
});
afterAll(async () => {
  await ui?.stop();
});

async function effective(project: string): Promise<EffectiveSet> {
  const r = await ui.ask(`/api/projects/${project}/effective`);
  expect(r.status, r.text).toBe(200);
  return r.json<EffectiveSet>();
}

describe('ccm ui: a project\'s effective set', () => {
  it('says where each component and variable comes from', async () => {
    const web = await effective('web-app');
    expect(web.profiles).toEqual(['base', 'web']);
    expect(web.components).toContainEqual({ kind: 'subagent', name: 'test-writer', path: 'components/subagents/test-writer.yaml', selectedBy: 'profiles/web.yaml' });
    expect(web.components).toContainEqual({ kind: 'subagent', name: 'code-reviewer', path: 'components/subagents/code-reviewer.yaml', selectedBy: 'profiles/base.yaml' });
    expect(web.variables).toContainEqual({ name: 'projectName', value: 'Storefront Web', source: 'projects/web-app.yaml' });
    expect(web.modelProfile).toBe('auto');
  });

  it('gives each Auto-Claude agent\'s MCP servers as the .env will, with the file that set them', async () => {
    const web = await effective('web-app');
    // agent-configs/qa_reviewer.yaml: without Context7, with the project's custom Playwright server.
    expect(web.agentMcp).toContainEqual({ agentType: 'qa_reviewer', add: ['playwright'], remove: ['context7'], setIn: expect.stringMatching(/^components\/auto-claude\/agent-configs\/qa_reviewer\.yaml:\d+$/) });
    // The same lists as the build writes.
    expect((await ccm(['build', 'web-app', '--cwd', join(base, 'team-config')])).code).toBe(0);
    const dotEnv = readFileSync(join(base, 'out/web-app/.auto-claude/.env'), 'utf8');
    for (const a of web.agentMcp) {
      if (a.add.length) expect(dotEnv).toContain(`AGENT_MCP_${a.agentType}_ADD=${a.add.join(',')}`);
      if (a.remove.length) expect(dotEnv).toContain(`AGENT_MCP_${a.agentType}_REMOVE=${a.remove.join(',')}`);
    }
    expect(dotEnv.match(/^AGENT_MCP_\w+_(ADD|REMOVE)=/gm)?.length).toBe(web.agentMcp.reduce((n, a) => n + (a.add.length ? 1 : 0) + (a.remove.length ? 1 : 0), 0));
  });
});
