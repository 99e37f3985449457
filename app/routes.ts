// SPDX-License-Identifier: EUPL-1.2
import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

export default flatRoutes({ ignoredRouteFiles: ["**/*.test.*", "**/*.server.*"] }) satisfies RouteConfig;
