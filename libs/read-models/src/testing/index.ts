export { EventLogFixture } from './event-log-fixture';
export { createProjectionTestBed, type ProjectionTestBed } from './projection-test-bed';
