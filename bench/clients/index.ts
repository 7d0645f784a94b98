/** Every benchmarked client, in table order. The limit and undici come first: ratios refer to them. */
import { axios, got } from './axios-got.js';
import { globalFetch } from './fetch.js';
import { httpkitConnection, httpkitPool, httpkitSession } from './httpkit.js';
import { limit } from './limit.js';
import { pythonRequests } from './python-requests.js';
import { nodeHttp } from './node-http.js';
import type { ClientSpec } from './types.js';
import { undici, undiciFetch } from './undici.js';

export const clients: readonly ClientSpec[] = [
  limit, undici, nodeHttp, undiciFetch, globalFetch, axios, got, httpkitConnection, httpkitPool, httpkitSession, pythonRequests,
];

export const LIMIT = limit.name;
export const UNDICI = undici.name;
