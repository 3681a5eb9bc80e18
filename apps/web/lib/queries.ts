/**
 * Request-scoped, de-duplicated API reads for server components: several widgets on one page
 * can ask for the plan and only one request goes out. Server only.
 */
import { cache } from 'react';
import type { Period } from '@planwatch/shared';
import { api } from './api';

export const getPlan = cache(() => api.plan());
export const getOverview = cache((period?: Period) => api.overview(period));
export const getChain = cache((code: string, period?: Period) => api.chain(code, period));
export const getRegion = cache((code: string, period?: Period) => api.region(code, period));
export const getIndicator = cache((code: string, region?: string, from?: Period, to?: Period) => api.indicator(code, { region, from, to }));
export const getProject = cache((code: string) => api.project(code));
export const getFiringAlerts = cache(() => api.firingAlerts());
