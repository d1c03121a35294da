/**
 * The contract's schemas (zod and every request's), in a chunk of their own. Asked for from the first
 * module the entry imports, so the chunk is on its way while the rest of the first screen's script
 * still evaluates; the client awaits it before handing on any answer (client.ts).
 */
export const contractSchemas = import('../../main/contract/contract.ts');
