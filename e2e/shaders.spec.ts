// The shader panel: the stdp example's neuron population shows its generated update kernel (entry point, a
// model parameter read from P) and its buffer layout; a new size in the inspector is baked into the WGSL
// (SIZE) after the debounce; the plastic projection shows its propagate kernel and its STDP kernels; a
// document with a problem shows a message in place of the code.
import { test, expect } from '@playwright/test';
import { areas, node, openApp } from './helpers';

test('the generated WGSL and buffer layout of a population and a projection, following the edits', async ({ page }) => {
  await openApp(page);
  const { inspector, canvas } = areas(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('dialog', { name: 'Examples' }).getByRole('button', { name: 'Open stdp', exact: true }).click();

  await node(page, 'inputs').click();
  await inspector.getByText('Shaders (generated WGSL)').click();
  const panel = inspector.getByLabel('Shaders', { exact: true });
  const code = panel.getByLabel('WGSL code');
  const layout = panel.getByRole('table', { name: 'Buffer layout' });
  await expect(panel.getByLabel('Kernel')).toHaveValue('update_inputs');
  await expect(code).toContainText('const SIZE: u32 = 200u;');

  // The LIF population: its update entry point, its parameters from P, and the layout of its bindings.
  await node(page, 'neuron').click();
  await expect(panel.getByLabel('Kernel')).toHaveValue('update_neuron');
  await expect(code).toContainText('@compute @workgroup_size(64)');
  await expect(code).toContainText('let p_v_th = P[');
  await expect(code).toContainText('const SIZE: u32 = 1u;');
  await expect(layout.getByRole('row').nth(2)).toContainText('0/1P_neuron');
  await expect(layout.getByRole('row').nth(3)).toContainText('S_neuron');
  await expect(layout.getByRole('row').nth(3)).toContainText('array<f32> (rw)');
  // The state monitor's record kernel belongs to the population too.
  await expect(panel.getByLabel('Kernel').locator('option')).toHaveText(['update_neuron', 'record_neuron_v']);

  // The size is baked into the kernel (parameters are read from the P buffer): change it, the WGSL follows.
  const size = inspector.getByLabel('Size', { exact: true });
  await size.fill('7');
  await size.press('Enter');
  await expect(code).toContainText('const SIZE: u32 = 7u;');
  await expect(code).not.toContainText('const SIZE: u32 = 1u;');

  // The projection: its propagation kernel reads the source's spikes; STDP adds three kernels.
  await canvas.locator('.edge-label').first().click();
  await expect(inspector.getByRole('heading', { name: 'Projection' })).toBeVisible();
  await expect(panel.getByLabel('Kernel')).toHaveValue('propagate_inputs_neuron');
  await expect(code).toContainText('// propagate_inputs_neuron: inputs → neuron');
  await expect(layout).toContainText('spk_inputs');
  await expect(panel.getByLabel('Kernel').locator('option')).toHaveText(['propagate_inputs_neuron', 'stdp_pre_inputs_neuron', 'stdp_post_inputs_neuron', 'stdp_trace_inputs_neuron']);
  await panel.getByLabel('Kernel').selectOption('stdp_pre_inputs_neuron');
  await expect(code).toContainText('stdp_pre_inputs_neuron');

  // A document with a problem (one-to-one between 200 and 7 neurons) is a message in the panel, not a crash;
  // undo brings the kernels back.
  await inspector.getByLabel('Rule').selectOption('one_to_one');
  await expect(inspector.getByText(/^The network has 1 problem/)).toContainText('Fix it to see the generated kernels');
  await page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByLabel('Kernel')).toHaveValue('stdp_pre_inputs_neuron'); // the kernel picked before stays picked
});
