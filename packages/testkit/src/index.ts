export { launchChromium } from './chromium.js';
export { startSamrad, type RunningSamrad, type StartOptions } from './server.js';
export { chromiumPath, hasChromium, postgresServerUrl, serviceAvailable } from './services.js';
export { codeIn, startMailbox, type Mailbox, type ReceivedMail } from './mailbox.js';
