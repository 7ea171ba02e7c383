/** Loads the browser's part of the contract (zod and the schemas) once, as a single lazy chunk. */
export const loadContract = () => import('../schemas/browserContract.js');
