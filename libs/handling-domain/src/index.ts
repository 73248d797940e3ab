export * from './calendar-years';
export * from './dues';
export * from './holiday-year';
export * from './personal-data';
export * from './time-limits';
export * from './visibility';
export * from './work-order';
