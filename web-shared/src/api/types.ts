// The API's shapes as the client sees them (JSON: times as epoch ms numbers), inferred from the routes.
import type { InferResponseType } from 'hono/client';
import type { ApiClient } from './client.ts';

type Ok<T> = T extends { ok: true } ? T : never;
type Json<F extends (...args: never[]) => unknown> = InferResponseType<F, 200>;

export type Me = Json<ApiClient['me']['$get']>;
export type MatchResponse = Json<ApiClient['match']['$post']>;
export type MatchResult = MatchResponse['results'][number];
export type Account = Json<ApiClient['accounts'][':id']['$get']>;
export type AccountListPage = Json<ApiClient['accounts']['$get']>;
export type Contact = Json<ApiClient['contacts'][':id']['$get']>;
export type Interaction = Json<ApiClient['interactions'][':id']['$get']>;
export type TimelinePage = Json<ApiClient['accounts'][':id']['timeline']['$get']>;
export type Opportunity = Json<ApiClient['opportunities'][':id']['$get']>;
export type User = Json<ApiClient['users']['$get']>['items'][number];
export type MeetingByChat = Json<ApiClient['meetings']['by-chat'][':chatId']['$get']>;
export type SearchResult = Json<ApiClient['search']['$get']>;
export type SearchHit = SearchResult['accounts'][number];
export type { Ok };
