// Every page of the client in Chromium against the dev mock of the API (ui/dev/mock-server.ts):
// it renders without a client error, is usable by keyboard, reflows at 200% zoom, follows the
// system's dark mode, and the editor keeps form, source, validation and preview in step. The same
// flow against the real server is scenario.test.ts.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../ui/dev/mock-server.js';
import { PROJECT_ROOT } from '../helpers/cli.js';
import { launch, openPage, screenshot } from './browser.js';

let browser: Browser;
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ repoDir: join(PROJECT_ROOT, 'examples/team-config'), distDir: join(PROJECT_ROOT, 'dist/client'), schemasDir: join(PROJECT_ROOT, 'schemas') });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await mock?.close();
});

const PAGES: [string, string, string][] = [
  ['dashboard', '#/', 'Dashboard'],
  ['list-subagents', '#/components/subagent', 'Subagents'],
  ['editor-subagent', '#/components/subagent/code-reviewer', 'Subagents: code-reviewer'],
  ['profiles', '#/profiles/base', 'Profile: base'],
  ['projects', '#/projects/web-app', 'Project: web-app'],
  ['graph', '#/graph', 'Graph'],
  ['import', '#/import', 'Import'],
  ['secrets', '#/secrets', 'Secrets'],
  ['build', '#/build', 'Build'],
  ['commit', '#/commit', 'Commit'],
];

async function open(page: Page, hash: string, title: string): Promise<void> {
  await page.goto(`${mock.url}${hash}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByText('Loading…').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

describe('the API mock', () => {
  it('frames its live events as the real server does: each named by its type', async () => {
    // EventSource gives a named event only to a listener of that name; a mock that sent unnamed
    // events once let the page tests pass while the real page heard nothing (ui/src/live.ts).
    const res = await fetch(`${mock.url.replace(/[?#].*$/, '').replace(/\/?$/, '')}/api/events`);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(first).toMatch(/^event: hello\ndata: \{"type":"hello"/);
  });
});

describe('every page against the API mock', () => {
  it.each(PAGES)('%s renders with real content and no client error', async (name, hash, title) => {
    const { page, errors } = await openPage(browser);
    await open(page, hash, title);
    await page.waitForLoadState('networkidle');
    await screenshot(page, `mock-${name}`);
    expect(errors).toEqual([]);
    expect(await page.locator('main').innerText()).not.toMatch(/Loading…|NOT_FOUND|BAD_RESPONSE/);
    await page.context().close();
  });

  it('shows the projects with their reach table and the example data', async () => {
    const { page } = await openPage(browser);
    await open(page, '#/projects/web-app', 'Project: web-app');
    await expect.poll(() => page.locator('main').innerText()).toContain('CONTEXT7_ENABLED');
    const text = await page.locator('main').innerText();
    expect(text).toContain('backend, from the file');
    expect(text).toContain('DEFAULT_BRANCH');
    await page.context().close();
  });
});

describe('accessibility basics', () => {
  it('reaches the skip link, the navigation and the page by keyboard, with a visible focus ring', async () => {
    const { page } = await openPage(browser);
    await open(page, '#/', 'Dashboard');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle, width: getComputedStyle(el).outlineWidth };
    });
    expect(focused.text).toBe('Dashboard');
    expect(focused.outline).toBe('solid');
    expect(focused.width).toBe('3px');
    // Enter on a navigation link opens its page and moves focus to the page's heading.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Subagents' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await page.context().close();
  });

  it('labels every form control', async () => {
    const { page } = await openPage(browser);
    for (const [, hash, title] of PAGES) {
      await open(page, hash, title);
      await page.waitForLoadState('networkidle');
      const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label') && !el.closest('label'))
        .map((el) => el.outerHTML.slice(0, 80)));
      expect(unlabeled, hash).toEqual([]);
    }
    await page.context().close();
  });

  it('reflows at 200% zoom: no page scrolls sideways', async () => {
    // 200% zoom of a 1280-pixel window is a 640-CSS-pixel viewport at twice the pixel density.
    const { page } = await openPage(browser, { width: 640, height: 450, scale: 2 });
    for (const [name, hash, title] of PAGES) {
      await open(page, hash, title);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, hash).toBeLessThanOrEqual(0);
      if (name === 'dashboard' || name === 'editor-subagent') await screenshot(page, `zoom200-${name}`);
    }
    await page.context().close();
  });

  it('follows the system colour scheme', async () => {
    const dark = await openPage(browser, { colorScheme: 'dark' });
    await open(dark.page, '#/components/subagent/code-reviewer', 'Subagents: code-reviewer');
    await dark.page.locator('.cm-content').first().waitFor();
    const bg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(13, 17, 23)');
    await screenshot(dark.page, 'dark-editor');
    await dark.page.context().close();
    const light = await openPage(browser, { colorScheme: 'light' });
    await open(light.page, '#/', 'Dashboard');
    expect(await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await light.page.context().close();
  });
});

describe('the editor against the mock', () => {
  it('keeps form, source, validation, preview and save in step', async () => {
    const { page, errors } = await openPage(browser);
    await open(page, '#/components/subagent/code-reviewer', 'Subagents: code-reviewer');
    const source = page.locator('.cm-content').first();
    await source.waitFor();
    // The form edits the source through the yaml Document API: the comments stay.
    await page.getByLabel('Description').fill('Reviews diffs for bugs.');
    await expect.poll(() => source.innerText()).toContain('Reviews diffs for bugs.');
    expect(await source.innerText()).toContain('# Read-only by design');
    expect(await source.innerText()).toContain('description: >-'); // the folded style stays
    // The preview follows the draft.
    await expect.poll(() => page.locator('.preview').innerText()).toContain('description: Reviews diffs for bugs.');
    // A bad value: the validation error shows in the list and in the editor's gutter.
    await page.getByLabel('Model').fill('gpt');
    await expect.poll(() => page.getByRole('list', { name: 'Problems' }).innerText()).toContain('SCHEMA_ENUM');
    await expect.poll(() => page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
    // Clicking the location puts the cursor on it.
    await page.getByRole('list', { name: 'Problems' }).getByRole('button').first().click();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cm-content'))).toBe(true);
    await page.getByLabel('Model').fill('opus');
    await page.getByText('No problems.').waitFor();
    // Review shows the diff against disk, then save writes it.
    await page.getByRole('button', { name: 'Review changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review changes' });
    await expect.poll(() => dialog.innerText()).toContain('+model: opus');
    await screenshot(page, 'mock-editor-review');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = mock.files.get('components/subagents/code-reviewer.yaml')!;
    expect(saved).toContain('model: opus');
    expect(saved).toContain('# Read-only by design: it reports findings, it does not fix them.');
    expect(saved).toContain('description: >-\n  Reviews diffs for bugs.\n');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('completes keys from the JSON Schema', async () => {
    const { page } = await openPage(browser);
    await open(page, '#/components/subagent/test-writer', 'Subagents: test-writer');
    const source = page.locator('.cm-content').first();
    await source.waitFor();
    await source.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('disallow');
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    expect(await page.locator('.cm-tooltip-autocomplete').innerText()).toContain('disallowedTools');
    // CodeMirror ignores Enter for the first 75 ms of a completion list (interactionDelay), as a person would not be that fast.
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await expect.poll(() => source.innerText()).toMatch(/\ncolor: green\n+disallowedTools: /);
    await page.context().close();
  });

  it('shows both versions when the file changed on disk since it was opened (409), and can overwrite', async () => {
    const { page } = await openPage(browser);
    await open(page, '#/components/command/review', 'Commands: review');
    await page.locator('.cm-content').first().waitFor();
    const path = 'components/commands/review.yaml';
    // Another editor saves meanwhile, and the watcher's event is not in yet.
    mock.files.set(path, `${mock.files.get(path)!}# saved elsewhere\n`);
    await page.getByLabel('Description').fill('Review the current change.');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Save' }).click();
    const stale = page.getByRole('dialog', { name: 'Changed on disk since you opened it' });
    await expect.poll(() => stale.innerText()).toContain('# saved elsewhere');
    await screenshot(page, 'mock-editor-conflict');
    await stale.getByRole('button', { name: 'Overwrite with mine' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(mock.files.get(path)).toContain('Review the current change.');
    expect(mock.files.get(path)).not.toContain('# saved elsewhere');
    await page.context().close();
  });

  it('reloads a document changed on disk by another editor when nothing is unsaved', async () => {
    const { page } = await openPage(browser);
    await open(page, '#/components/subagent/db-migrator', 'Subagents: db-migrator');
    await page.locator('.cm-content').first().waitFor();
    await page.getByText('live', { exact: true }).waitFor();
    const path = 'components/subagents/db-migrator.yaml';
    mock.files.set(path, mock.files.get(path)!.replace('model: opus', 'model: haiku'));
    mock.emit({ type: 'changed', paths: [path] });
    await expect.poll(() => page.getByLabel('Model').inputValue()).toBe('haiku');
    await page.context().close();
  });
});
