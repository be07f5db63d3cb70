// The parts of teams-js the host module uses, named, so the bundler leaves the rest of the library out of
// the chunk that is loaded inside a frame.
export { app, authentication, calendar, nestedAppAuth, pages } from '@microsoft/teams-js';
