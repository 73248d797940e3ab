// The shared vocabulary (ADR 0009): every code, status, role and clock unit the services
// exchange is defined here once. Pure TypeScript, no dependencies; labels are zh-CN and en.
export * from './areas';
export * from './categories';
export * from './code-list';
export * from './request-status';
export * from './personal-data';
export * from './requests';
export * from './revisits';
export * from './roles';
export * from './services';
export * from './tenants';
export * from './time-limits';
export * from './work-orders';
