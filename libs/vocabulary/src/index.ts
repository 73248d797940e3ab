// The shared vocabulary (ADR 0009): every code, status, role and clock unit the services
// exchange is defined here once. Pure TypeScript, no dependencies; labels are zh-CN and en.
export * from './analytics-alerts';
export * from './areas';
export * from './categories';
export * from './handling-extensions';
export * from './handling-urging';
export * from './handling-warnings';
export * from './code-list';
export * from './dispatch-returns';
export * from './dispatch-queue';
export * from './dispatch-negotiation';
export * from './dispatch-units';
export * from './intake-duplicates';
export * from './intake-knowledge';
export * from './linkage-codes';
export * from './request-status';
export * from './request-transfers';
export * from './personal-data';
export * from './requests';
export * from './revisits';
export * from './revisit-evaluation';
export * from './roles';
export * from './services';
export * from './tenants';
export * from './time-limits';
export * from './work-orders';
