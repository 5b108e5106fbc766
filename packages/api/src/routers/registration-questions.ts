import { router } from '../trpc.js';

export const registrationQuestionsRouter = router({});
