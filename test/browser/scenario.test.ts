// The scenario of issue #12 against the real `ccm ui` on a git copy of the bundled example:
// dashboard → edit a subagent's description → the preview changes → a bad value shows a validation
// error → fix it → save → the YAML kept its comments → build → the generated file on disk → commit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { exampleRepo, gitOk } from '../helpers/git.js';
import { launch, openPage, screenshot } from './browser.js';


/** The real server compiles the repo for a page's first answers: seconds on a loaded 2-core machine, not vitest's 1 s default. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

/** This process's environment without GIT_* variables (tests may run inside a hook; none may pin git elsewhere). */
function withoutGitVars(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
}

/** Starts `ccm ui` on a free port, without inherited GIT_* variables (the commit's identity is the repo's config), and resolves with the URL (token included) it prints. */
function startUi(config: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'ui', '-C', config, '--port', '0'], { env: { ...withoutGitVars(), NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`ccm ui printed no URL in 20 s:\n${out}`)), 20_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`ccm ui exited with ${code}:\n${out}`)));
  });
}

describe('the issue scenario against the real server', () => {
  let browser: Browser;
  let ui: { child: ChildProcess; url: string };
  let repo: ReturnType<typeof exampleRepo>;

  beforeAll(async () => {
    repo = exampleRepo();
    gitOk(repo.base, 'config', 'user.name', 'ccm ui test');
    gitOk(repo.base, 'config', 'user.email', 'ui@test.invalid');
    ui = await startUi(repo.config);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    ui?.child.kill('SIGINT');
  });

  it('dashboard → edit → preview → error → fix → save → build → file on disk → commit', async () => {
    const { page, errors } = await openPage(browser);
    const yamlPath = join(repo.config, 'components/subagents/code-reviewer.yaml');
    const before = readFileSync(yamlPath, 'utf8');

    await page.goto(ui.url);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await poll(() => page.locator('main').innerText()).toContain('web-app');
    await screenshot(page, 'dashboard');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subagents' }).click();
    await page.getByRole('link', { name: 'code-reviewer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Subagents: code-reviewer' }).waitFor();
    await page.locator('.cm-content').first().waitFor();

    await page.getByLabel('Description').fill('Reviews a diff for bugs before every commit.');
    await poll(() => page.locator('.preview').innerText()).toContain('Reviews a diff for bugs before every commit.');
    await screenshot(page, 'editor-preview');

    await page.getByLabel('Model').fill('claude sonnet');
    const problems = page.getByRole('list', { name: 'Problems' });
    await poll(() => problems.innerText()).toMatch(/model/i);
    await poll(() => page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
    await screenshot(page, 'editor-error');
    await page.getByLabel('Model').fill('opus');
    await page.getByText('No problems.').waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Review changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review changes' });
    await poll(() => dialog.innerText()).toContain('+model: opus');
    await screenshot(page, 'editor-review');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const after = readFileSync(yamlPath, 'utf8');
    for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(after).toContain(comment);
    expect(after).toContain('Reviews a diff for bugs before every commit.');
    expect(after).toContain('model: opus');
    // Everything but the two edited values is byte for byte what it was: key order, flow lists, comments.
    const folded = /description: >-\n(?: {2}.*\n)+/;
    expect(after.replace(folded, '').replace('model: opus', 'model: sonnet')).toBe(before.replace(folded, ''));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Build' }).click();
    await page.getByRole('heading', { level: 1, name: 'Build' }).waitFor();
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByRole('heading', { name: /^Built/ }).waitFor({ timeout: 60_000 });
    // Its steps as the server reported them on the live channel.
    await poll(() => page.locator('ol.log').innerText()).toMatch(/Reading and rendering the config…[\s\S]*Writing \d+ files…[\s\S]*finished in \d+ ms: ok/);
    await screenshot(page, 'build');
    const agent = readFileSync(join(repo.out, 'web-app/.claude/agents/code-reviewer.md'), 'utf8');
    expect(agent).toContain('Reviews a diff for bugs before every commit.');
    expect(agent).toContain('model: opus');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Commit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Commit' }).waitFor();
    await poll(() => page.locator('main').innerText()).toContain('code-reviewer');
    await page.getByLabel('Commit message').fill('code-reviewer: a shorter description, on opus');
    await screenshot(page, 'commit');
    await page.getByRole('button', { name: 'Commit', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Committed' }).waitFor();
    expect(gitOk(repo.base, 'log', '-1', '--format=%s').trim()).toBe('code-reviewer: a shorter description, on opus');
    expect(gitOk(repo.base, 'show', '--stat', 'HEAD')).toContain('code-reviewer.yaml');

    // The remaining pages with real data, for the screenshots.
    for (const [name, hash, title] of [['profiles', '#/profiles/base', 'Profile: base'], ['projects', '#/projects/web-app', 'Project: web-app'], ['graph', '#/graph', 'Graph'], ['secrets', '#/secrets', 'Secrets'], ['import', '#/import', 'Import'], ['list-subagents', '#/components/subagent', 'Subagents']] as const) {
      await page.goto(new URL(hash, ui.url).href);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, name);
      // The example has no recipients yet: the page says how to get one before a value is typed.
      if (name === 'secrets') expect(await page.locator('main').innerText()).toContain('ccm secrets keygen --add-recipient');
    }
    expect(errors).toEqual([]);
  });

  it('edits a project and a profile through their pages, by field edits that keep the files\' comments', async () => {
    const { page, errors } = await openPage(browser);
    const projectPath = join(repo.config, 'projects/web-app.yaml');
    const profilePath = join(repo.config, 'profiles/base.yaml');
    const webProfilePath = join(repo.config, 'profiles/web.yaml');
    const projectBefore = readFileSync(projectPath, 'utf8');
    const profileBefore = readFileSync(profilePath, 'utf8');
    const project = () => readFileSync(projectPath, 'utf8');
    const keptComments = (before: string, after: string) => {
      for (const comment of before.split('\n').filter((l) => l.trim().startsWith('#'))) expect(after).toContain(comment);
    };

    await page.goto(new URL('#/projects/web-app', ui.url).href);
    const electron = page.getByLabel('mcp.electron');
    await electron.waitFor({ timeout: 20_000 });
    expect(await electron.isChecked()).toBe(false);
    await electron.check();
    await poll(project).toContain('electron: true');
    expect(project()).toBe(projectBefore.replace('electron: false', 'electron: true'));
    await poll(() => electron.isChecked()).toBe(true);

    // Targets: without the key the defaults apply; unchecking one writes the list, and the last one left cannot go.
    await page.getByRole('checkbox', { name: 'Auto-Claude', exact: true }).uncheck();
    await poll(project).toMatch(/^targets:\s*\[?\s*-?\s*claude-code\]?$/m);
    await poll(() => page.getByRole('checkbox', { name: 'Claude Code', exact: true }).isDisabled()).toBe(true);

    // Profiles: add one from the suggestions of existing profiles.
    await page.getByLabel('Add to profiles').fill('base');
    await page.getByLabel('Add to profiles').press('Enter');
    await poll(project).toMatch(/profiles: \[web, base\]|profiles:\n\s+- web\n\s+- base/);

    // Variables: a project's own value changes in place; a profile's value typed here becomes the project's override.
    const testCommand = page.getByLabel('testCommand', { exact: true });
    await testCommand.fill('npm test');
    await testCommand.press('Enter');
    await poll(project).toContain('testCommand: npm test');
    await page.getByLabel('team', { exact: true }).fill('Checkout');
    await page.getByLabel('team', { exact: true }).press('Tab');
    await poll(project).toMatch(/^ {2}team: Checkout$/m);
    expect(readFileSync(webProfilePath, 'utf8')).toContain('team: Web Platform');
    await page.getByRole('button', { name: 'Remove variable projectName from the project' }).click();
    await poll(project).not.toContain('projectName');
    await page.getByLabel('New variable').fill('region');
    await page.getByLabel('value', { exact: true }).fill('eu-west-1');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await poll(project).toMatch(/^ {2}region: eu-west-1$/m);

    // Auto-Claude's integrations and its own switches: text in place, a checkbox for a boolean.
    await page.getByLabel('integrations.linear.teamId').fill('SHOP');
    await page.getByLabel('integrations.linear.teamId').press('Enter');
    await poll(project).toMatch(/^ {6}teamId: SHOP$/m);
    await page.getByLabel('useClaudeMd').uncheck();
    await poll(project).toMatch(/^ {2}useClaudeMd: false$/m);

    // The model profile per phase: choose another profile by name; the phase table follows.
    await page.getByLabel('Model profile').selectOption('quick');
    await poll(project).toContain('modelProfile: quick');
    await page.getByRole('link', { name: 'quick' }).waitFor({ timeout: 20_000 });
    keptComments(projectBefore, project());
    await page.getByRole('button', { name: 'Remove variable region from the project' }).waitFor();
    await screenshot(page, 'projects-edited');

    await page.goto(new URL('#/profiles/base', ui.url).href);
    await page.getByRole('button', { name: 'Remove review from commands' }).click({ timeout: 20_000 });
    await poll(() => readFileSync(profilePath, 'utf8')).not.toContain('commands: [review]');
    keptComments(profileBefore, readFileSync(profilePath, 'utf8'));
    await page.getByRole('button', { name: 'Remove review from commands' }).waitFor({ state: 'detached' });
    await page.getByLabel('Add to', { exact: true }).selectOption('commands');
    await page.getByLabel('component', { exact: true }).fill('review');
    await page.getByLabel('component', { exact: true }).press('Enter');
    await poll(() => readFileSync(profilePath, 'utf8')).toMatch(/commands:[^\n]*review|commands:\n\s+- review/);

    // extends: every project takes base (ccm.config.yaml's defaults), so web without `extends: [base]`
    // would set lintCommand twice for web-app: the save is refused with the located conflict and its
    // hint, and nothing is written.
    const webBefore = readFileSync(webProfilePath, 'utf8');
    await page.goto(new URL('#/profiles/web', ui.url).href);
    await page.getByRole('button', { name: 'Remove base from extends' }).click({ timeout: 20_000 });
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toMatch(/CONFLICT.*lintCommand/);
    expect(await alert.textContent()).toContain('set "lintCommand" in projects/web-app.yaml to decide');
    expect(readFileSync(webProfilePath, 'utf8')).toBe(webBefore);
    await page.getByRole('button', { name: 'Remove base from extends' }).waitFor();

    // Following the hint on the project page settles it: then the same edit goes through, and base can
    // be added back.
    await page.goto(new URL('#/projects/web-app', ui.url).href);
    await page.getByLabel('lintCommand', { exact: true }).fill('npm run lint');
    await page.getByLabel('lintCommand', { exact: true }).press('Enter');
    await poll(project).toMatch(/^ {2}lintCommand: npm run lint$/m);
    await page.goto(new URL('#/profiles/web', ui.url).href);
    await page.getByRole('button', { name: 'Remove base from extends' }).click({ timeout: 20_000 });
    await poll(() => readFileSync(webProfilePath, 'utf8')).not.toMatch(/^extends/m);
    await page.getByLabel('Add to extends').fill('base');
    await page.getByLabel('Add to extends').press('Enter');
    // A key removed and added again comes back at the end of the mapping (the yaml Document API appends it).
    await poll(() => readFileSync(webProfilePath, 'utf8')).toMatch(/^extends:\n {2}- base$/m);
    expect(readFileSync(webProfilePath, 'utf8').replace(/^extends:\n {2}- base\n/m, '')).toBe(webBefore.replace('extends: [base]\n', ''));
    keptComments(webBefore, readFileSync(webProfilePath, 'utf8'));
    expect(errors).toEqual([]);
  });
  it('imports a project\'s .claude folder through the wizard: scan, review, import, then the new subagent is listed', async () => {
    const { page, errors } = await openPage(browser);
    const legacy = join(repo.base, 'legacy-app');
    mkdirSync(join(legacy, '.claude/agents'), { recursive: true });
    mkdirSync(join(legacy, '.claude/commands'), { recursive: true });
    writeFileSync(join(legacy, '.claude/agents/triager.md'), '---\nname: triager\ndescription: Sorts new issues by area and urgency.\ntools: Read, Grep\n---\n\nRead the issue, find the code it is about, and label it.\n');
    writeFileSync(join(legacy, '.claude/commands/standup.md'), 'Summarise what changed since yesterday from `git log`.\n');

    await page.goto(new URL('#/import', ui.url).href);
    await page.getByLabel('Project folder').fill(legacy, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Scan' }).click();
    const review = page.getByRole('region', { name: 'Review' });
    await poll(() => review.innerText()).toContain('triager');
    expect(await review.innerText()).toContain('standup');
    // The example's default profile has a CLAUDE.md section that needs vars.projectName: the review
    // says before anything is written that the new project will need it.
    expect(await review.innerText()).toContain('"projectName" not defined for project "legacy-app"');
    // A scan is a dry run: nothing is in the repo yet.
    expect(existsSync(join(repo.config, 'components/subagents/triager.yaml'))).toBe(false);
    await screenshot(page, 'import-review');

    await page.getByRole('button', { name: 'Import these files' }).click();
    await page.getByRole('heading', { name: 'Imported' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'import-done');
    expect(readFileSync(join(repo.config, 'components/subagents/triager.yaml'), 'utf8')).toContain('Sorts new issues by area and urgency.');
    expect(readFileSync(join(repo.config, 'components/subagents/triager.md'), 'utf8')).toContain('label it');
    expect(existsSync(join(repo.config, 'components/commands/standup.yaml'))).toBe(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subagents' }).click();
    await page.getByRole('link', { name: 'triager' }).waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  });
  it('follows edits made in another editor and builds run in a terminal, without a reload', async () => {
    const { page, errors } = await openPage(browser);
    const yamlPath = join(repo.config, 'components/subagents/db-migrator.yaml');
    await page.goto(new URL('#/components/subagent/db-migrator', ui.url).href);
    await page.locator('.cm-content').first().waitFor({ timeout: 20_000 });
    const model = page.getByLabel('Model');
    const before = await model.inputValue();
    const next = before === 'haiku' ? 'sonnet' : 'haiku';
    writeFileSync(yamlPath, readFileSync(yamlPath, 'utf8').replace(`model: ${before}`, `model: ${next}`));
    // The issue asks for "within a second"; the poll allows for a loaded CI machine.
    await poll(() => model.inputValue()).toBe(next);

    // A build in a terminal: the build page hears of it.
    await page.goto(new URL('#/build', ui.url).href);
    await page.getByRole('heading', { level: 1, name: 'Build' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Someone changes what api-service gets and builds it, one project that the tests above left whole
    // (web-app lost projectName, legacy-app never had it).
    const reviewer = join(repo.config, 'components/subagents/code-reviewer.yaml');
    writeFileSync(reviewer, readFileSync(reviewer, 'utf8').replace(/maxTurns: \d+/, 'maxTurns: 27'));
    const built = spawnSync(process.execPath, [CLI, 'build', 'api-service', '-C', repo.config], { env: withoutGitVars(), encoding: 'utf8' });
    expect(built.status, built.stderr + built.stdout).toBe(0);
    await poll(() => page.locator('ol.log').innerText()).toMatch(/a build elsewhere wrote/);
    expect(errors).toEqual([]);
  });
});
