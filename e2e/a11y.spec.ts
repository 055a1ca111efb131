// Accessibility of the main screens, checked with axe-core (the engine behind Lighthouse's accessibility audit,
// all its default rules, through @axe-core/playwright): zero violations on the empty editor, the examples
// gallery, the editor after a run, the Inspector (population, projection, an invalid field), the Training tab
// and the 3D view with its Anatomy overlay.
import { test, expect } from '@playwright/test';
import { areas, expectNoA11yViolations, node, openApp } from './helpers';

async function openExample(page: import('@playwright/test').Page, name: string) {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Examples' })).toHaveCount(0);
}

test('the editor, its dialogs, a run and the Inspector have no axe violations', async ({ page }) => {
  await openApp(page);
  await expectNoA11yViolations(page, 'the empty editor');
  await page.getByRole('button', { name: 'Examples' }).click();
  await expectNoA11yViolations(page, 'the examples gallery');
  await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: 'Open lif-neuron', exact: true }).click();

  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  await expectNoA11yViolations(page, 'the editor after a run');

  await node(page, 'neuron').click();
  await expect(areas(page).inspector.getByRole('heading', { name: 'LIF population' })).toBeVisible();
  await expectNoA11yViolations(page, 'the Inspector (population)');
  const tau = areas(page).inspector.getByLabel('tau', { exact: true });
  await tau.fill('-5');
  await tau.press('Enter');
  await expect(tau).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(page, 'the Inspector with an invalid field');

  await areas(page).canvas.locator('.edge-label').first().click();
  await expect(areas(page).inspector.getByRole('heading', { name: 'Projection' })).toBeVisible();
  await expectNoA11yViolations(page, 'the Inspector (projection)');
});

test('the Training tab and the 3D view with its Anatomy overlay have no axe violations', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'sound-localisation');
  await page.getByRole('tab', { name: 'Training' }).click();
  await expect(page.getByRole('region', { name: 'Training plan' })).toBeVisible();
  await expectNoA11yViolations(page, 'the Training tab');
  await page.getByRole('tab', { name: 'Run results' }).click();

  await openExample(page, 'coincidence-detection');
  await page.getByRole('button', { name: 'Show 3D view' }).click();
  const view = page.getByRole('region', { name: '3D view' });
  await expect(view.getByRole('img', { name: /3D view of coincidence-detection/ })).toBeVisible();
  await expectNoA11yViolations(page, 'the 3D view');
  await view.getByRole('button', { name: 'Anatomy' }).click();
  await expect(view.getByRole('complementary', { name: 'Glossary' })).toBeVisible();
  await expectNoA11yViolations(page, 'the 3D view with Anatomy');
});
