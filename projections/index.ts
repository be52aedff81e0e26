import type { AnyProjection } from '@ledgerline/read-models';
import { contactTimelineProjection } from './contact-timeline/src';
import { customerProfileProjection } from './customer-profile/src';
import { lifetimeValueProjection } from './lifetime-value/src';
import { locationPerformanceProjection } from './location-performance/src';

/** Every read model the projector keeps; adding one means adding its folder and a line here. */
export const allProjections: readonly AnyProjection[] = [contactTimelineProjection, locationPerformanceProjection, lifetimeValueProjection, customerProfileProjection];

export function projectionNamed(name: string): AnyProjection | undefined {
  return allProjections.find((projection) => projection.name === name);
}
