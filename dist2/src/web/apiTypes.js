export const EVENTS_PATH = '/api/events';
//# sourceMappingURL=apiTypes.js.map