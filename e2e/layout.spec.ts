// The layout at 1280×720, 1440×900 and 1920×1080 (#15 item 5): the top bar and the run bar each stay on one
// row with nothing overlapping (the toolbars collapse into menus where they do not fit), the title is not cut,
// and the 3D view with its Anatomy overlay keeps the callouts inside the scene with the legend and glossary
// beside it, never over it. Each size leaves screenshots in test-results/screenshots/ (a CI artifact).
import { test, expect, type Locator, type Page } from '@playwright/test';
import { areas, expectNoA11yViolations, openApp, openExample, screenshot } from './helpers';

type Box = { x: number; y: number; width: number; height: number };
const boxes = async (l: Locator) => (await l.evaluateAll((els) => els
  .filter((e) => (e as HTMLElement).offsetParent !== null)
  .map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height, name: e.textContent ?? '' }; })));
const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const inside = (a: Box, outer: Box) => a.x >= outer.x - 1 && a.y >= outer.y - 1 && a.x + a.width <= outer.x + outer.width + 1 && a.y + a.height <= outer.y + outer.height + 1;

/** The controls of a bar: one row (their vertical centres within 4 px), none overlapping another. */
async function expectOneRow(page: Page, bar: Locator, what: string) {
  const all = await boxes(bar.locator('button, input, select, progress, h1, [data-testid="run-time"], [data-testid="run-state"]'));
  expect(all.length, what).toBeGreaterThan(3);
  const mid = all.map((b) => b.y + b.height / 2);
  expect(Math.max(...mid) - Math.min(...mid), `${what}: one row`).toBeLessThanOrEqual(4);
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) expect(overlap(all[i], all[j]), `${what}: "${all[i].name}" and "${all[j].name}" overlap`).toBe(false);
  }
  const bounds = await bar.boundingBox();
  for (const b of all) expect(b.x + b.width, `${what}: "${b.name}" inside the window`).toBeLessThanOrEqual((bounds!.x + bounds!.width) + 0.5);
}

for (const [width, height] of [[1280, 720], [1440, 900], [1920, 1080]] as const) {
  test(`layout at ${width}×${height}: bars on one row, title whole, the 3D view's callouts unobstructed`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    await openExample(page, 'coincidence-detection');
    const duration = areas(page).run.getByLabel('Duration');
    await duration.fill('100');
    await duration.press('Enter');
    await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });

    const banner = page.getByRole('banner');
    await expectOneRow(page, banner, 'top bar');
    const title = banner.getByRole('heading', { level: 1 });
    await expect(title).toContainText('coincidence-detection');
    expect(await title.evaluate((h) => h.scrollWidth <= h.clientWidth), 'title not cut').toBe(true);
    await expectOneRow(page, areas(page).run, 'run bar');
    await screenshot(page, 'layout-editor');
    await expectNoA11yViolations(page, `the editor at ${width}×${height}`);
    const fileMenu = banner.getByRole('button', { name: 'File ▾' });
    if (await fileMenu.isVisible()) { // the collapsed top bar: its menus are accessible too
      await fileMenu.click();
      await expect(page.getByRole('menu', { name: 'File' })).toBeVisible();
      await expectNoA11yViolations(page, `the File menu at ${width}×${height}`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu', { name: 'File' })).toHaveCount(0);
      await expect(fileMenu).toBeFocused();
    }

    await page.getByRole('button', { name: 'Show 3D view' }).click();
    const view = page.getByRole('region', { name: '3D view' });
    await expect(view.getByRole('img', { name: /3D view of coincidence-detection/ })).toBeVisible();
    await view.getByRole('button', { name: 'Anatomy' }).click();
    const glossary = view.getByRole('complementary', { name: 'Glossary' });
    await expect(glossary.getByRole('term').first()).toHaveText('Delay lines (this network)');
    await expect(view.getByRole('note', { name: 'Synapse' })).toBeVisible();
    await page.waitForTimeout(500); // a few frames: the callouts follow their anchors
    const stage = (await view.locator('.view3d-stage').boundingBox())!;
    expect(stage.width * stage.height, 'the scene keeps room').toBeGreaterThan(300 * 150);
    for (const side of [await glossary.boundingBox(), await view.getByLabel('3D view legend').boundingBox()]) {
      expect(overlap(side!, stage), 'legend and glossary beside the scene, not over it').toBe(false);
    }
    for (const c of await boxes(view.locator('[role="note"] > div'))) expect(inside(c, stage), `callout "${c.name.slice(0, 20)}" inside the scene`).toBe(true);
    await screenshot(page, 'layout-view3d');
  });
}
