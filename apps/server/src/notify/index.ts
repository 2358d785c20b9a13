export { createNotifier, type NotifierOptions } from './create-notifier.js';
export { DeliveryError, type Notifier } from './notifier.js';
