/** The one place sodium-native is loaded, so every wrapper shares the same binding. */
import sodium from 'sodium-native';
export { sodium };
//# sourceMappingURL=sodium.js.map