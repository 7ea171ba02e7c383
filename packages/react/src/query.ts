export { bootstrapQueryOptions, bootstrapQueryKey } from './bootstrapQueryOptions.js';
