import { z } from 'zod';
import { readCookie } from '../context';
import { login, logout, SESSION_COOKIE, sessionCookie, userFromSession } from '../services/auth';
import { guardsFor } from '../security/guards';
import { clientAddress, isSecureRequest } from '../security/request';
import { publicProcedure, router } from '../trpc';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => userFromSession(ctx.db, readCookie(ctx.req, SESSION_COOKIE))),
  login: publicProcedure
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }))
    .mutation(async ({ ctx, input }) => {
      const address = clientAddress(ctx.req, !!ctx.config.trustProxy);
      const { token, user } = await login(ctx.db, guardsFor(ctx).signIn, address, input.username, input.password);
      ctx.res?.setHeader('Set-Cookie', sessionCookie(token, { secure: isSecureRequest(ctx.req, ctx.config) }));
      return user;
    }),
  logout: publicProcedure.mutation(({ ctx }) => {
    logout(ctx.db, readCookie(ctx.req, SESSION_COOKIE));
    ctx.res?.setHeader('Set-Cookie', sessionCookie('', { maxAgeS: 0, secure: isSecureRequest(ctx.req, ctx.config) }));
    return { ok: true };
  }),
});
