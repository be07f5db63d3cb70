// CSV import end to end in Chromium against the running product (demo tenant): a manager picks a semicolon CSV as
// Finnish Excel saves it (BOM, a quoted line break), checks the suggested mapping, dry-runs it (one row refused with
// its reason), runs it to done, and finds the new accounts from the top bar's search; a salesperson has no Import tab and is
// told why at its address. axe-core checks the page at each step.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skipWithoutChromium } from '../support/chromium.ts';
import { chromiumSuite, type DemoUser } from '../support/chromium-suite.ts';
import { seriousViolations } from '../support/axe.ts';

const noChromium = skipWithoutChromium('Import end-to-end suite (test/e2e/import.test.ts)');
const suite = chromiumSuite(noChromium);
const { newPage, tab, pageErrors } = suite;

let laura: DemoUser;
let manager: DemoUser;

beforeAll(async () => {
  laura = suite.users.find((u) => u.displayName === 'Laura Mäkinen')!;
  manager = suite.users.find((u) => u.role === 'manager')!;
  expect(laura.role).toBe('rep');
}, 240_000);

describe.skipIf(noChromium)('CSV import in the Teams app', () => {
  it('a manager maps, dry-runs and runs a Finnish Excel CSV, and the new accounts are found from the top bar at once', async () => {
    const violations: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'suhde-import-'));
    const file = join(dir, 'asiakkaat.csv');
    writeFileSync(file, '\ufeffNimi;Verkkotunnus;Luokka;Toimiala\r\n'
      + 'Revontuli Logistiikka Oy;revontuli-logistiikka.fi;B;"Kuljetus\nja varastointi"\r\n'
      + ';nimeton-yritys.fi;C;Rakentaminen\r\n'
      + 'Kaamos Energia Oy;kaamos-energia.fi;A;Energia\r\n');

    const m = await newPage();
    await m.goto(tab(manager, { view: 'import' }));
    await m.getByTestId('import-file').setInputFiles(file);
    const mapping = m.getByRole('table', { name: 'Columns of the file and the fields they fill' });
    await mapping.waitFor();
    expect(await mapping.getByRole('combobox', { name: 'Field for column Nimi' }).inputValue()).toBe('name');
    expect(await mapping.getByRole('combobox', { name: 'Field for column Verkkotunnus' }).inputValue()).toBe('domain');
    violations.push(...(await seriousViolations(m, 'import mapping')));

    await m.getByRole('button', { name: 'Check rows (dry run)' }).click();
    await m.getByText('2 created, 0 updated, 0 merged into existing, 0 unchanged, 1 refused').waitFor();
    await m.getByRole('button', { name: 'Refused (1)' }).click();
    await m.getByRole('table', { name: 'Rows and what happens to each' }).getByText('missing name').waitFor();
    violations.push(...(await seriousViolations(m, 'import dry run')));

    await m.getByRole('button', { name: 'Import 2 rows' }).click();
    await m.getByText('Import done').waitFor({ timeout: 30_000 });
    expect(await m.getByRole('button', { name: 'Download the refused row (CSV)' }).isVisible()).toBe(true);
    violations.push(...(await seriousViolations(m, 'import done')));

    // The new accounts are found from the top bar's search at once (the import writes them, their search entries
    // included, batch by batch), and open with what the file said.
    const box = m.getByRole('combobox', { name: 'Search accounts, contacts and interactions' });
    await box.fill('revontuli');
    const hit = m.getByRole('listbox').getByRole('group', { name: 'Accounts' }).getByRole('option').filter({ hasText: 'Revontuli Logistiikka Oy' });
    await hit.waitFor();
    await hit.click();
    await m.getByRole('heading', { level: 1, name: /Revontuli Logistiikka Oy/ }).waitFor();
    const header = await m.locator('article[data-account-id]').textContent();
    expect(header).toContain('revontuli-logistiikka.fi');
    expect(header).toContain('Kuljetus');
    await box.fill('kaamos');
    await m.getByRole('listbox').getByRole('option').filter({ hasText: 'Kaamos Energia Oy' }).waitFor();

    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('offers a salesperson no Import tab, and says why at its address', async () => {
    const p = await newPage();
    await p.goto(tab(laura, { view: 'accounts' }));
    await p.locator('tr[data-account-id]').first().waitFor();
    expect(await p.getByRole('tab', { name: 'Import' }).count()).toBe(0);
    await p.goto(tab(laura, { view: 'import' }));
    await p.getByRole('alert').filter({ hasText: 'Importing is for sales managers and administrators.' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
