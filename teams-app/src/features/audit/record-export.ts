// A CSV export is recorded in the audit trail (which view, how many rows) before the file is offered.
import { expectOk, type ApiClient } from '../../../../web-shared/src/index.ts';
import { downloadCsv } from '../common/csv.ts';

export async function exportCsv(api: ApiClient, exported: { view: string; rows: number }, filename: string, csv: string): Promise<void> {
  try {
    await expectOk(api.audit.exports.$post({ json: exported }));
  } catch (e) {
    // The rows are already on this screen: an audit outage should not keep them from the person, but it is logged.
    console.error(`[suhde] the ${exported.view} export could not be recorded in the audit trail:`, e);
  }
  downloadCsv(filename, csv);
}
