// Graph's service roots per cloud ("National cloud deployments"); the client's baseUrl defaults to the global one.
export const GRAPH_ROOTS = {
  global: 'https://graph.microsoft.com',
  usGovL4: 'https://graph.microsoft.us',
  usGovL5Dod: 'https://dod-graph.microsoft.us',
  china: 'https://microsoftgraph.chinacloudapi.cn',
} as const;

export type GraphCloud = keyof typeof GRAPH_ROOTS;
