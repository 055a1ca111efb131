// File › Export NIR… and Import NIR… in the web build (docs/formats.md, "NIR"): the trained-network example
// downloads as a .nir file that imports back as the same network; what NIR cannot hold and files that are not
// NIR are refused with a message naming the node or the HDF5 path, and the work on screen stays as it was.
// The raster's export menu item "Recordings as NIR data" downloads the run's spikes and traces as NIR graph data,
// which h5py reads (following the reference's read_data) as the same spikes and v trace `snn run` gives (CPU).
import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { areas, node, openApp, useUploadDownload } from './helpers';

async function openExample(page: Page, name: string) {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('Export NIR downloads the network as HDF5; Import NIR reads it back as the same network', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await openExample(page, 'sound-localisation');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export NIR…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('sound-localisation.nir');
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]); // the HDF5 signature
  await expect(areas(page).status).toContainText('Exported sound-localisation.nir');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Untitled network');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import NIR…' }).click();
  await (await chooser).setFiles({ name: 'sound-localisation.nir', mimeType: 'application/x-hdf5', buffer: bytes });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('sound-localisation');
  await expect(areas(page).status).toContainText('Imported sound-localisation.nir');
  await expect(node(page, 'inputs')).toContainText('200 neurons');
  await expect(node(page, 'hidden')).toContainText('30 neurons');
  await expect(node(page, 'output')).toContainText('12 neurons');
});

test('a network NIR cannot hold, and a file that is not NIR, are refused with what and where', async ({ page }) => {
  await useUploadDownload(page);
  await openApp(page);
  await openExample(page, 'hodgkin-huxley');
  let downloaded = false;
  page.on('download', () => { downloaded = true; });
  await page.getByRole('button', { name: 'Export NIR…' }).click();
  const refused = page.getByRole('alertdialog', { name: 'Cannot export NIR' });
  await expect(refused).toContainText(/cannot export node "\w+": model "hodgkin_huxley" has no NIR node/);
  await refused.getByRole('button', { name: 'OK' }).click();
  expect(downloaded).toBe(false);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import NIR…' }).click();
  await (await chooser).setFiles({ name: 'notes.nir', mimeType: 'application/octet-stream', buffer: Buffer.from('not hdf5 at all') });
  const bad = page.getByRole('alertdialog', { name: 'Cannot import the NIR file' });
  await expect(bad).toContainText('/: not an HDF5 file (no HDF5 signature)');
  await bad.getByRole('button', { name: 'OK' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('hodgkin-huxley'); // unchanged
});

const PY = '/usr/bin/python3';
const hasH5py = spawnSync(PY, ['-c', 'import h5py, numpy'], { encoding: 'utf8' }).status === 0;

test('Recordings as NIR data: the download holds the run\'s spikes and v trace as NIR graph data', async ({ page }) => {
  test.skip(!hasH5py, `h5py/numpy not importable by ${PY}: the downloaded file cannot be read independently`);
  await useUploadDownload(page);
  await openApp(page);
  await openExample(page, 'lif-neuron');
  await areas(page).run.getByLabel('Backend').selectOption('cpu');
  await areas(page).run.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-state')).toHaveText('Finished', { timeout: 60_000 });
  const download = page.waitForEvent('download');
  const raster = page.getByRole('region', { name: 'Spike raster', exact: true });
  await raster.getByRole('button', { name: 'Export spike raster' }).click();
  await raster.getByRole('menu', { name: 'Export spike raster' }).getByRole('menuitem', { name: 'Recordings as NIR data' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lif-neuron.recordings.nir');
  await expect(areas(page).status).toContainText('Saved the recordings as NIR data: lif-neuron.recordings.nir');

  // read_data's checks (root and group __type__), then every observable as JSON.
  const read = spawnSync(PY, ['-c', `
import h5py, json, sys
with h5py.File(sys.argv[1], 'r') as f:
    assert f.attrs.get('__type__') == 'NIRGraphData'
    out = {}
    for name, g in f['nodes'].items():
        assert g.attrs['__type__'] == 'NIRNodeData'
        for o, h in g['observables'].items():
            t = h.attrs['__type__']
            if t == 'EventData':
                out[name + '.' + o] = {'idx': h['idx'][()].tolist(), 'time': h['time'][()].tolist(), 'n': int(h.attrs['n_neurons']), 't_max': float(h.attrs['t_max'])}
            else:
                assert t == 'TimeGriddedData'
                out[name + '.' + o] = {'data': h['data'][()].tolist(), 'dt': float(h.attrs['dt'])}
print(json.dumps(out))`, await file.path()], { encoding: 'utf8' });
  expect(read.status, read.stderr).toBe(0);
  const nir = JSON.parse(read.stdout) as Record<string, { idx?: number[][]; time?: number[][]; n?: number; t_max?: number; data?: number[][][]; dt?: number }>;
  // The reference: the same example through `snn run` on the CPU engine.
  const cli = spawnSync(process.execPath, ['bin/snn.mjs', 'run', 'resources/examples/lif-neuron.snn.json', '--backend', 'cpu'], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  const json = JSON.parse(cli.stdout) as { populations: Record<string, { spikes: { index: number[]; time_ms: number[] }; traces?: { v: { values: number[][] } } }> };
  expect(Object.keys(nir).sort()).toEqual(['input.spikes', 'neuron.spikes', 'neuron.v']);
  for (const id of ['input', 'neuron']) {
    const s = json.populations[id].spikes;
    expect(s.index.length, `${id} spikes`).toBeGreaterThan(0);
    expect(nir[`${id}.spikes`]).toEqual({ idx: [s.index], time: [s.time_ms.map((t) => Math.round(t * 1e6) / 1e9)], n: 1, t_max: 0.1 });
  }
  // 1000 steps fit the trace budget: every step, dt = 0.1 ms; the same engine and f32 values as the CLI's.
  expect(nir['neuron.v'].dt).toBe(0.0001);
  expect(nir['neuron.v'].data![0].map((row) => row[0])).toEqual(json.populations.neuron.traces!.v.values[0]);
});
