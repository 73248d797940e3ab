import { oneOf } from './code-list';

/**
 * The platform's services, in the order of a request's path (and of their local ports). Each is
 * an Nx project `services/<name>` with the tag `scope:<name>`, a Helm chart and an image.
 */
export const SERVICE_NAMES = ['intake', 'dispatch', 'handling', 'revisit', 'analytics'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export const isServiceName = oneOf(SERVICE_NAMES);

/** The actor recorded for a step a service takes on its own (a timer, a rule, a consumer). */
export function systemActor(service: ServiceName): string {
  return `system:${service}`;
}
