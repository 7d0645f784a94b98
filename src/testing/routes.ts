// The whole route table, in one place so a reader can see every URL the server answers.
import { echoRoutes } from './routes-echo.js';
import type { Route } from './router.js';

/** Every route of the server, in match order. */
export const allRoutes: Route[] = [
  ...echoRoutes,
];
