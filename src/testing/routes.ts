// The whole route table, in one place so a reader can see every URL the server answers.
import { authRoutes } from './routes-auth.js';
import { cacheRoutes } from './routes-cache.js';
import { contentRoutes } from './routes-content.js';
import { cookieRoutes } from './routes-cookies.js';
import { dynamicRoutes } from './routes-dynamic.js';
import { echoRoutes } from './routes-echo.js';
import { redirectRoutes } from './routes-redirect.js';
import { statusRoutes } from './routes-status.js';
import type { Route } from './router.js';

/** Every route of the server, in match order. */
export const allRoutes: Route[] = [
  ...echoRoutes,
  ...contentRoutes,
  ...statusRoutes,
  ...redirectRoutes,
  ...cookieRoutes,
  ...authRoutes,
  ...dynamicRoutes,
  ...cacheRoutes,
];
