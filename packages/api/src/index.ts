export { appRouter, createCaller, type AppRouter } from './router.js';
export {
  createContext,
  createContextInner,
  createCaches,
  type Caches,
  resolvePlatform,
  visitor,
  type Context,
  type Platform,
  type SessionUser,
  type Viewer,
} from './context.js';
export { ensureDefaultPlatform } from './use-cases/platform/ensure-platform.js';
export { ensureFirstAdmin } from './use-cases/users/ensure-first-admin.js';
export { seedDemoCity, demoPassword, type DemoAccount } from './demo/demo-city.js';
export { hashPassword } from './auth/passwords.js';
export { serverKeys, processKeys, type ServerKeys } from './auth/keys.js';
export { forgetOldCounters } from './auth/rate-limits.js';
export {
  finishVerification,
  verificationCallbackPath,
  type VerificationOutcome,
} from './use-cases/auth/verification.js';
export { logMailer, smtpMailer, startEmailDelivery, type Mailer } from './email/delivery.js';
