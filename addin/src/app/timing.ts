// Performance marks for the benchmark: from Office ready to the first matched account on screen.
export const OFFICE_READY = 'suhde:office-ready';
export const ACCOUNT_SHOWN = 'suhde:account-shown';

export function markOfficeReady(): void {
  performance.mark(OFFICE_READY);
}

export function markAccountShown(): void {
  if (performance.getEntriesByName(ACCOUNT_SHOWN).length === 0 && performance.getEntriesByName(OFFICE_READY).length > 0) {
    performance.mark(ACCOUNT_SHOWN);
    performance.measure('suhde:ready-to-account', OFFICE_READY, ACCOUNT_SHOWN);
  }
}
