// The monitor picker: a state monitor's recorded variable and neurons are chosen in the inspector, checked
// against the node's size, undone and redone like any edit, and the run's trace legend follows the choice.
import { test, expect } from '@playwright/test';
import { addFromPalette, areas, node, openApp } from './helpers';

test('choose the recorded variable and neurons of a membrane monitor, undo, redo, and see them in the traces', async ({ page }) => {
  await openApp(page);
  const { inspector, run } = areas(page);
  await addFromPalette(page, 'Izhikevich population');
  await addFromPalette(page, 'Membrane monitor'); // on the selected node
  const monitor = inspector.getByRole('group', { name: /^izhikevich_[vu]$/ }); // the generated id follows the variable
  const variable = monitor.getByLabel('Variable', { exact: true });
  const neurons = monitor.getByLabel('Neurons', { exact: true });
  await expect(variable).toHaveValue('v');
  await expect(neurons).toHaveValue('0-3');

  await variable.selectOption('u');
  const badges = node(page, 'izhikevich').locator('.snn-node-monitors');
  await expect(badges).toHaveText('u');
  // Out of range for 10 neurons: refused as you type, nothing committed.
  await neurons.fill('1, 12');
  await expect(neurons).toHaveAttribute('aria-invalid', 'true');
  await expect(monitor).toContainText('index 12 is out of range: the node has 10 neurons (0-9)');
  await neurons.fill('5, 1');
  await neurons.press('Enter');
  await expect(neurons).toHaveValue('1, 5');
  await expect(neurons).toHaveAttribute('aria-invalid', 'false');

  const undo = page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Redo' });
  await undo.click();
  await expect(neurons).toHaveValue('0-3');
  await undo.click();
  await expect(variable).toHaveValue('v');
  await expect(badges).toHaveText('v');
  await redo.click();
  await redo.click();
  await expect(variable).toHaveValue('u');
  await expect(neurons).toHaveValue('1, 5');

  await run.getByLabel('Backend').selectOption('cpu');
  await run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  const traces = page.getByRole('region', { name: 'Membrane traces' });
  await expect(traces).toContainText('izhikevich.u[1]');
  await expect(traces).toContainText('izhikevich.u[5]');
  await expect(traces).not.toContainText('izhikevich.v[');
  await expect(traces).not.toContainText('izhikevich.u[0]');
});
