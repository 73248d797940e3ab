// Attachments (附件, ADR 0028): what an uploaded file is (by its bytes), whether a tenant's rules
// take it, the virus-scan hook, the store its bytes are kept in (local disk or S3-compatible) and
// their erasure when retention ends (ADR 0033).
export * from './attachments';
export * from './config';
export * from './erasure';
export * from './filename';
export * from './inspect';
export * from './local-disk-storage';
export * from './policy';
export * from './records';
export * from './s3-storage';
export * from './sigv4';
export * from './sniff';
export * from './storage';
export * from './virus-scanner';
