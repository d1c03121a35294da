import type { Annotation, Link } from '../contract/contract.ts';
import { getAnnotation } from './annotations.ts';
import type { Db } from './database.ts';
import { linksOf } from './links.ts';

/**
 * An annotation's links, each with the annotation at its other end, so that a
 * panel showing one annotation's links needs no list of every annotation.
 */
export function linksWithOtherEnd(db: Db, annotationId: number): Array<Link & { other: Annotation }> {
  return linksOf(db, annotationId).map((link) => ({ ...link, other: getAnnotation(db, link.fromId === annotationId ? link.toId : link.fromId) }));
}
