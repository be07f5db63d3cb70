// The one error type the host module rejects with, so components can tell "not in Outlook" from "Outlook said no".
export type HostErrorCode =
  | 'office_unavailable' // office.js did not load or this is not Outlook
  | 'no_item' // nothing selected (a pinned pane between items)
  | 'unsupported' // the requirement set this needs is missing on this client
  | 'async_failed'; // an office.js call answered AsyncResultStatus.Failed

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
    /** Office's own error code and name, when office.js gave one. */
    readonly office?: { code: number; name: string },
  ) {
    super(message);
    this.name = 'HostError';
  }
}
