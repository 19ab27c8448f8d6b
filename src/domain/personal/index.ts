export * from './personal-fields';
export * from './field-cipher';
export * from './sealed-value';
export * from './subject-keys';
export * from './subject-forgotten';
export * from './personal-catalog';
export * from './personal-data-codec';
export * from './sealed-blobs';
